"""Forms for growth pages; services do the checking that matters, forms parse what was typed."""

from __future__ import annotations

from typing import Any

from django import forms

from mentora.accounts.models import User
from mentora.growth.gaps import LEVEL_MAX, LEVEL_MIN
from mentora.growth.models import Contact, Feedback, FeedbackItem, Goal
from mentora.growth.selectors import SkillSet
from mentora.growth.services import GoalFields, ItemFields

LEVEL_CHOICES = [(v, str(v)) for v in range(LEVEL_MIN, LEVEL_MAX + 1)]
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PersonByEmailField(forms.EmailField):
    """An email address that must belong to an active person in Mentora."""

    def clean(self, value: Any) -> User | None:  # type: ignore[override]
        email = super().clean(value)
        if not email:
            return None
        user = User.objects.filter(email__iexact=email, is_active=True).first()
        if user is None:
            raise forms.ValidationError(f"Nobody in Mentora has the email {email}.")
        return user


class AssessmentForm(forms.Form):
    """One 0–7 level per skill of the target role; a skill may be left unrated."""

    def __init__(self, *args: Any, skills: SkillSet, initial_levels: dict[str, int],
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.skill_set = skills
        for need in skills.skills:
            self.fields[f"level_{need.element_id}"] = forms.TypedChoiceField(
                label=need.name,
                choices=LEVEL_CHOICES,
                coerce=int,
                required=False,
                empty_value=None,
                widget=forms.RadioSelect,
                initial=initial_levels.get(need.element_id),
            )

    def rows(self) -> list[tuple[Any, Any]]:
        return [(need, self[f"level_{need.element_id}"]) for need in self.skill_set.skills]

    def levels(self) -> dict[str, int]:
        return {
            need.element_id: self.cleaned_data[f"level_{need.element_id}"]
            for need in self.skill_set.skills
            if self.cleaned_data.get(f"level_{need.element_id}") is not None
        }


class GoalForm(forms.Form):
    outcome = forms.CharField(
        label="Specific outcome", max_length=300,
        help_text="What exactly you will have done, e.g. “Lead the Q3 campaign launch”.",
    )
    measure = forms.CharField(
        max_length=300, help_text="How you will know it is achieved (a number, a result)."
    )
    target_on = forms.DateField(label="Target date", widget=DATE)
    relevance = forms.CharField(
        label="Why it matters", max_length=300, required=False,
        help_text="How it serves your target role.",
    )
    strategies = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=3000,
        help_text="How you will get there; one per line.",
    )
    element_id = forms.ChoiceField(label="Skill it builds", required=False)
    status = forms.ChoiceField(choices=Goal.Status.choices, initial=Goal.Status.NOT_STARTED)

    def __init__(self, *args: Any, skill_choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["element_id"].choices = [("", "—"), *skill_choices]  # type: ignore[attr-defined]

    def goal_fields(self) -> GoalFields:
        return GoalFields(**self.cleaned_data)


class MilestoneForm(forms.Form):
    text = forms.CharField(label="Milestone", max_length=300)
    due_on = forms.DateField(label="By", required=False, widget=DATE)


class ContactForm(forms.Form):
    name = forms.CharField(
        label="Who", max_length=200, required=False,
        help_text="A name, or the kind of person (“a product manager in payments”).",
    )
    email = PersonByEmailField(
        label="Their email, if they work here", required=False,
    )
    where = forms.CharField(max_length=200, required=False,
                            help_text="Team, company, community or event.")
    why = forms.CharField(max_length=300, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("name") and not data.get("email"):
            self.add_error("name", "Give a name or the email of a colleague.")
        return data


class ContactStatusForm(forms.Form):
    status = forms.ChoiceField(choices=Contact.Status.choices)


class IntroductionForm(forms.Form):
    email = PersonByEmailField(label="Introduce them to (email)")
    reason = forms.CharField(
        label="Why they should meet", widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )


class IntroducerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.full_name)


class IntroductionAskForm(forms.Form):
    """A mentee asks one of their mentors or coaches to introduce them to someone."""

    introducer = IntroducerChoiceField(
        queryset=User.objects.none(), label="Whom to ask", widget=forms.RadioSelect,
        empty_label=None,
    )
    note = forms.CharField(
        label="Why you would like to meet them",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text="The person you ask reads this and can pass it on.",
    )

    def __init__(self, *args: Any, introducers: list[User], contact: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["introducer"]
        assert isinstance(field, IntroducerChoiceField)
        field.queryset = User.objects.filter(pk__in=[p.pk for p in introducers]).order_by(
            "full_name", "pk"
        )
        field.label = "Whom to ask"
        self.fields["note"].label = f"Why you would like to meet {contact.full_name}"
        if len(introducers) == 1:
            field.initial = introducers[0].pk
            field.widget = forms.HiddenInput()


class IntroductionAnswerForm(forms.Form):
    """The mentor's or coach's words to the person their mentee would like to meet."""

    reason = forms.CharField(
        label="Why they should meet",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text="The other person reads this with the introduction.",
    )


class FeedbackRequestForm(forms.Form):
    email = PersonByEmailField(label="Whom to ask (email)")
    message = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=2000,
        help_text="What you would like feedback on.",
    )


class FeedbackItemForm(forms.Form):
    kind = forms.ChoiceField(choices=FeedbackItem.Kind.choices, widget=forms.RadioSelect)
    about = forms.ChoiceField(label="About", required=False)
    skill = forms.CharField(
        label="Or another skill", max_length=200, required=False,
    )
    observation = forms.CharField(
        label="What you observed", widget=forms.Textarea(attrs={"rows": 2}), max_length=4000
    )
    example = forms.CharField(
        label="An example", widget=forms.Textarea(attrs={"rows": 2}), max_length=4000,
        help_text="A concrete situation where it showed.",
    )

    def __init__(self, *args: Any, about_choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["about"].choices = [("", "—"), *about_choices]  # type: ignore[attr-defined]

    def item_fields(self) -> ItemFields:
        about = self.cleaned_data.get("about") or ""
        element_id, goal_id = "", None
        if about.startswith("goal:"):
            goal_id = int(about.removeprefix("goal:"))
        elif about.startswith("skill:"):
            element_id = about.removeprefix("skill:")
        return ItemFields(
            kind=self.cleaned_data["kind"],
            observation=self.cleaned_data["observation"],
            example=self.cleaned_data["example"],
            element_id=element_id,
            skill="" if element_id or goal_id else self.cleaned_data.get("skill", ""),
            goal_id=goal_id,
        )


class FeedbackVisibilityForm(forms.Form):
    visibility = forms.ChoiceField(
        label="Who may read it",
        choices=Feedback.Visibility.choices,
        initial=Feedback.Visibility.RECIPIENT,
        widget=forms.RadioSelect,
    )


class SituationForm(forms.Form):
    title = forms.CharField(max_length=200)
    situation = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}), max_length=10000,
        help_text="What happened, who is involved, what is at stake.",
    )
    options = forms.CharField(
        label="Options considered", widget=forms.Textarea(attrs={"rows": 3}), required=False,
        max_length=10000,
    )
    decision = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False,
                               max_length=10000)
    reflection = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=10000,
        help_text="How it went and what you learned.",
    )
