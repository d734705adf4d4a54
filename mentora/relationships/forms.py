"""Forms for relationship pages; they parse input, services decide."""

from __future__ import annotations

from typing import Any

from django import forms

from mentora.lib.choices import Cadence
from mentora.relationships.models import Agreement, AgreementTemplate


class AgreementForm(forms.ModelForm):
    """Goals (one per line) and expectations."""

    goals_text = forms.CharField(
        label="Goals",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text="One goal per line.",
    )

    class Meta:
        model = Agreement
        fields = [
            "cadence",
            "meeting_minutes",
            "channel",
            "ends_on",
            "sessions",
            "confidentiality",
            "mentee_commitments",
            "mentor_commitments",
            "feedback",
        ]
        labels = {
            "meeting_minutes": "Meeting length (minutes)",
            "channel": "Where we meet",
            "ends_on": "End date",
            "sessions": "Number of sessions",
            "mentee_commitments": "What the mentee commits to",
            "mentor_commitments": "What the mentor commits to",
        }
        widgets = {
            "ends_on": forms.DateInput(attrs={"type": "date"}),
            "confidentiality": forms.Textarea(attrs={"rows": 3}),
            "mentee_commitments": forms.Textarea(attrs={"rows": 3}),
            "mentor_commitments": forms.Textarea(attrs={"rows": 3}),
            "feedback": forms.Textarea(attrs={"rows": 2}),
        }

    field_order = ["goals_text"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["goals_text"].initial = "\n".join(self.instance.goals or [])
        self.order_fields(["goals_text", *self.Meta.fields])
        rel = self.instance.relationship
        if rel.kind != "coaching":
            del self.fields["sessions"]  # mentoring agrees an end date, coaching sessions
        # The program's own role words, with the people's names (a coachee, not a "mentee").
        self.fields[
            "mentee_commitments"
        ].label = f"What {rel.mentee} ({rel.program.mentee_label}) commits to"
        self.fields[
            "mentor_commitments"
        ].label = f"What {rel.mentor} ({rel.program.mentor_label}) commits to"
        self.fields["cadence"].label = "How often you meet"
        self.fields["feedback"].label = "How you give each other feedback"

    def content(self) -> dict[str, Any]:
        data = {name: self.cleaned_data[name] for name in self.Meta.fields if name in self.fields}
        data["goals"] = self.cleaned_data["goals_text"].splitlines()
        for name in (
            "channel",
            "confidentiality",
            "mentee_commitments",
            "mentor_commitments",
            "feedback",
        ):
            data[name] = data[name] or ""
        return data


class ScheduleForm(forms.Form):
    """One meeting, or a series at the agreed cadence, in the organiser's own time zone."""

    starts_at = forms.DateTimeField(
        label="Date and time",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )
    repeat = forms.IntegerField(
        label="Number of meetings",
        min_value=1,
        max_value=52,
        initial=1,
        help_text="More than 1 repeats at the chosen cadence, same local time.",
    )
    cadence = forms.ChoiceField(choices=Cadence.choices, required=False)
    location = forms.CharField(max_length=300, required=False, label="Location or link")


class RescheduleForm(forms.Form):
    starts_at = ScheduleForm.base_fields["starts_at"]


class TextForm(forms.Form):
    """One line of text (agenda item)."""

    text = forms.CharField(max_length=300, label="Topic")


class NoteForm(forms.Form):
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label="Note")
    private = forms.BooleanField(required=False, label="Private — only I will ever see this note")


class ActionForm(forms.Form):
    text = forms.CharField(max_length=300, label="Action")
    owner = forms.ChoiceField(label="Who will do it")
    due_on = forms.DateField(
        required=False, label="Due", widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, relationship: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        owner = self.fields["owner"]
        assert isinstance(owner, forms.ChoiceField)
        owner.choices = [
            (relationship.mentee_id, str(relationship.mentee)),
            (relationship.mentor_id, str(relationship.mentor)),
        ]


class CheckInForm(forms.Form):
    progress = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), label="Progress since last time"
    )
    blockers = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)
    confidence = forms.TypedChoiceField(
        coerce=int,
        choices=[(i, str(i)) for i in range(1, 6)],
        widget=forms.RadioSelect,
        label="Confidence (1 low – 5 high)",
    )
    next_step = forms.CharField(max_length=500, required=False, label="Next step")


class ReflectionForm(forms.Form):
    what_went_well = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), label="What went well"
    )
    what_to_improve = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        label="What could have been better",
    )


class AgreementTemplateForm(forms.ModelForm):
    """A program's agreement template: suggested goals (one per line) and expectations."""

    goals_text = forms.CharField(
        label="Suggested goals",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="One per line; the pair edits them. Leave empty to let each pair write theirs.",
    )

    class Meta:
        model = AgreementTemplate
        fields = [
            "name",
            "is_default",
            "cadence",
            "meeting_minutes",
            "channel",
            "confidentiality",
            "mentee_commitments",
            "mentor_commitments",
            "feedback",
        ]
        labels = {
            "cadence": "Meeting cadence",
            "meeting_minutes": "Meeting length (minutes)",
            "channel": "Where pairs meet",
            "mentee_commitments": "What the mentee commits to",
            "mentor_commitments": "What the mentor commits to",
            "feedback": "How feedback is given",
        }
        help_texts = {
            "cadence": "Leave empty to use the program's cadence.",
            "meeting_minutes": "Leave empty for 45 minutes.",
            "channel": "Leave any text empty to use Mentora's standard wording.",
        }
        widgets = {
            "confidentiality": forms.Textarea(attrs={"rows": 3}),
            "mentee_commitments": forms.Textarea(attrs={"rows": 3}),
            "mentor_commitments": forms.Textarea(attrs={"rows": 3}),
            "feedback": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["goals_text"].initial = "\n".join(self.instance.goals or [])
        self.fields["cadence"].required = False
        self.order_fields(["name", "is_default", "goals_text", *self.Meta.fields[2:]])
        if self.instance.program_id:  # the program's own role words (coachee, coach, peer)
            program = self.instance.program
            self.fields["mentee_commitments"].label = f"What the {program.mentee_label} commits to"
            self.fields["mentor_commitments"].label = f"What the {program.mentor_label} commits to"

    def _post_clean(self) -> None:
        """Validation is the service's job (it names the field); skip the model's."""

    def content(self) -> dict[str, Any]:
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        data["goals"] = self.cleaned_data["goals_text"].splitlines()
        return data


class ResolveForm(forms.Form):
    resolution = forms.CharField(
        max_length=2000,
        required=False,
        label="What was done",
        widget=forms.TextInput(),
    )


class ApplyTemplateForm(forms.Form):
    template = forms.ModelChoiceField(
        queryset=AgreementTemplate.objects.none(), label="Start again from a template"
    )

    def __init__(self, *args: Any, program: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["template"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = AgreementTemplate.objects.filter(program=program)
