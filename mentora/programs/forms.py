"""Forms for creating programs and for enrolling in them."""

from __future__ import annotations

from typing import Any

from django import forms

from mentora.lib.choices import Level
from mentora.programs.models import ApplicationQuestion, Enrollment, Program
from mentora.programs.services import PROGRAM_FIELDS


class ProgramForm(forms.ModelForm):
    """A program's settings, for organization admins and program managers."""

    eligible_levels = forms.MultipleChoiceField(
        choices=Level.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Levels that may join as mentees",
        help_text="Leave all unticked to open the program to every level.",
    )
    eligible_departments = forms.CharField(
        required=False,
        label="Departments that may join",
        help_text="Comma-separated; leave empty for the whole organization.",
    )

    class Meta:
        model = Program
        fields = [f for f in PROGRAM_FIELDS if f not in ("eligible_levels", "eligible_departments")]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "enrollment_opens_at": forms.DateTimeInput(attrs={"type": "datetime-local"}),
            "enrollment_closes_at": forms.DateTimeInput(attrs={"type": "datetime-local"}),
        }
        labels = {
            "slug": "Web address",
            "kind": "Kind of program",
            "default_cadence": "How often pairs meet",
            "mentor_capacity": "Mentees each mentor or coach takes by default",
            "mentee_limit": "Places for mentees",
            "matching_mode": "Who makes the matches",
            "requires_approval": "A program manager approves each enrollment",
        }
        help_texts = {
            "slug": "The end of the program's address, e.g. “grow”. Leave empty to make it "
            "from the name.",
            "mentee_limit": "Later applicants join the waitlist. Leave empty for no limit.",
        }

    manager_emails = forms.CharField(
        required=False,
        label="Program managers",
        help_text="Emails, comma-separated. Leave empty when creating to manage it yourself.",
    )

    def __init__(self, *args: Any, template_kind: str | None = None, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False
        self.fields["feedback_form"].required = False  # empty: the template's (or the current)
        if template_kind:
            # Created from a kind's template: the kind is chosen on the page before.
            self.fields["kind"].widget = forms.HiddenInput()
            self.fields["kind"].initial = template_kind
        if self.instance.pk:
            self.initial["eligible_levels"] = self.instance.eligible_levels
            self.initial["eligible_departments"] = ", ".join(self.instance.eligible_departments)
            self.initial["manager_emails"] = ", ".join(
                u.email for u in self.instance.managers.all()
            )

    def manager_email_list(self) -> list[str]:
        raw = self.cleaned_data.get("manager_emails") or ""
        return [e.strip() for e in raw.replace(";", ",").split(",") if e.strip()]

    def program_data(self) -> dict[str, Any]:
        data = {
            name: self.cleaned_data[name] for name in self.Meta.fields if name in self.cleaned_data
        }
        if not data.get("feedback_form"):
            data.pop("feedback_form", None)
        data["eligible_levels"] = list(self.cleaned_data.get("eligible_levels") or [])
        data["eligible_departments"] = [
            d.strip()
            for d in (self.cleaned_data.get("eligible_departments") or "").split(",")
            if d.strip()
        ]
        return data


class EnrollForm(forms.Form):
    """Join a program: the role, mentor capacity, and the program's own questions."""

    role = forms.ChoiceField(
        choices=Enrollment.Role.choices, widget=forms.RadioSelect, label="Join as"
    )
    capacity = forms.IntegerField(
        required=False,
        min_value=0,
        max_value=50,
        label="How many mentees or coachees can you take? (mentors and coaches)",
    )

    def __init__(self, *args: Any, program: Program, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.program = program
        role_labels: dict[str, str] = {
            Enrollment.Role.MENTEE: f"{program.mentee_label.capitalize()} — I want guidance",
            Enrollment.Role.MENTOR: f"{program.mentor_label.capitalize()} — I want to guide others",
        }
        if program.kind == Program.Kind.PEER:  # both sides are peers; they differ in who asks
            role_labels = {
                Enrollment.Role.MENTEE: "Peer — I am looking for a colleague to learn from",
                Enrollment.Role.MENTOR: "Peer — I offer what I know; colleagues can choose me",
            }
        self.fields["role"].choices = [  # type: ignore[attr-defined]
            (value, role_labels[value]) for value in Enrollment.Role.values
        ]
        self.fields["capacity"].help_text = f"Program default: {program.mentor_capacity}."
        if program.kind == Program.Kind.PEER:
            self.fields["capacity"].label = (
                "How many colleagues can choose you? (if you offer what you know)"
            )
        else:
            self.fields["capacity"].label = (
                f"How many {program.mentee_label_plural} can you take? "
                f"({program.mentor_label_plural} only)"
            )
        audience_words: dict[str, str] = {  # the program's own role words, not "mentees / coachees"
            ApplicationQuestion.Audience.MENTEE: program.mentee_label_plural,
            ApplicationQuestion.Audience.MENTOR: program.mentor_label_plural,
        }
        for question in program.questions.all():
            label = question.text
            if question.audience != question.Audience.BOTH and program.kind != Program.Kind.PEER:
                label += f" ({audience_words[question.audience]} only)"
            if question.choices:
                field: forms.Field = forms.ChoiceField(
                    choices=[("", "—")] + [(c, c) for c in question.choices], required=False
                )
            else:
                field = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)
            field.label = label
            field.help_text = question.help_text
            self.fields[f"q_{question.pk}"] = field

    def answers(self) -> dict[str, str]:
        return {
            name[2:]: value
            for name, value in self.cleaned_data.items()
            if name.startswith("q_") and value
        }


class DuplicateForm(forms.Form):
    """The next cohort of a program: its name and, optionally, its address."""

    name = forms.CharField(max_length=150, label="Name of the new cohort")
    slug = forms.SlugField(
        max_length=80,
        required=False,
        label="Web address",
        help_text="Leave empty to make it from the name.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class DecisionForm(forms.Form):
    note = forms.CharField(required=False, max_length=300, label="Note to the person (optional)")


class QuestionForm(forms.Form):
    text = forms.CharField(max_length=300, required=False, label="Question")
    audience = forms.ChoiceField(choices=ApplicationQuestion.Audience.choices, label="Asked of")
    choices = forms.CharField(
        required=False,
        max_length=500,
        label="Allowed answers",
        help_text="Comma-separated; empty for a free-text answer.",
    )
    required = forms.BooleanField(required=False, initial=True, label="Required")

    def __init__(self, *args: Any, program: Program | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if program is not None:  # who is asked, in the program's own words
            mentees = program.mentee_label_plural.capitalize()
            mentors = program.mentor_label_plural.capitalize()
            if program.kind == Program.Kind.PEER:
                mentees, mentors = "Peers looking for a colleague", "Peers offering what they know"
            self.fields["audience"].choices = [  # type: ignore[attr-defined]
                (ApplicationQuestion.Audience.MENTEE, mentees),
                (ApplicationQuestion.Audience.MENTOR, mentors),
                (ApplicationQuestion.Audience.BOTH, "Everyone"),
            ]


QuestionFormSet = forms.formset_factory(QuestionForm, extra=2, max_num=30)
