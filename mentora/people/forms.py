"""Forms for profiles, availability, the personality questionnaire and the directory."""

from __future__ import annotations

from typing import Any

from django import forms

from mentora.lib.hooks import Hook
from mentora.lib.timezones import timezone_choices
from mentora.people import personality
from mentora.people.models import AvailabilityWindow, Level, Profile, StyleAxis
from mentora.people.services import EDITABLE_FIELDS

# Career roles (O*NET occupations chosen on the profile page) belong to growth, above people;
# growth answers both hooks from its AppConfig.ready(). Unanswered: none shown, none saved.
occupation_choices: Hook[[Any], dict[str, Any]] = Hook(
    "people.occupation_choices", default=lambda user: {}
)
career_roles_save: Hook[..., object] = Hook("people.career_roles_save", default=lambda **kw: None)

STYLE_CHOICES = [(i, str(i)) for i in range(1, 6)]


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.replace(";", ",").split(",") if part.strip()]


class ProfileForm(forms.ModelForm):
    """A person's own profile; list fields are typed as comma-separated text."""

    skills_offered = forms.CharField(
        required=False, help_text="Comma-separated, e.g. “Negotiation, SQL, Public speaking”."
    )
    skills_wanted = forms.CharField(required=False, help_text="Skills you want to build.")
    languages = forms.CharField(
        required=False, help_text="Languages you can hold a conversation in, comma-separated."
    )
    timezone = forms.ChoiceField(choices=timezone_choices, label="Time zone")
    # O*NET occupations for the current, target and past roles, chosen with the type-ahead
    # (mentora.growth); the page sends `occupations_present` so a form without them keeps them.
    occupations_present = forms.BooleanField(required=False, widget=forms.HiddenInput)
    current_occupation = forms.CharField(required=False, max_length=10, widget=forms.HiddenInput)
    target_occupation = forms.CharField(required=False, max_length=10, widget=forms.HiddenInput)
    past_occupations = forms.MultipleChoiceField(required=False, widget=forms.MultipleHiddenInput)

    class Meta:
        model = Profile
        fields = [f for f in EDITABLE_FIELDS if f != "timezone"]
        widgets: dict[str, Any] = {
            "career_goals": forms.Textarea(attrs={"rows": 3}),
            "career_path": forms.Textarea(attrs={"rows": 2}),
            "experience_summary": forms.Textarea(attrs={"rows": 3}),
            "past_roles": forms.Textarea(attrs={"rows": 3}),
            "visibility": forms.RadioSelect,
            "meeting_format": forms.RadioSelect,
            **{
                f"style_{axis}": forms.RadioSelect(choices=STYLE_CHOICES)
                for axis in StyleAxis.values
            },
            **{f"importance_{axis}": forms.RadioSelect for axis in [*StyleAxis.values, "cadence"]},
        }

    # The profile in steps (models.PROFILE_STEPS): which fields each step's page shows.
    STEP_FIELDS: dict[str, tuple[str, ...]] = {
        "basics": (
            "preferred_name", "job_title", "department", "level", "years_experience", "location",
            "timezone", "languages", "meeting_format", "visibility",
        ),
        "career": (
            "current_role", "target_role", "career_path", "career_goals", "skills_wanted",
            "occupations_present", "current_occupation", "target_occupation",
            "past_occupations", "experience_summary", "past_roles", "industries",
            "skills_offered", "offers_mentoring", "offers_coaching", "coach_credentials",
            "coaching_focus",
        ),
        "style": (
            *(f"style_{axis}" for axis in StyleAxis.values),
            *(f"importance_{axis}" for axis in [*StyleAxis.values, "cadence"]),
            "cadence",
        ),
    }

    def __init__(self, *args: Any, step: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if step is not None:  # one step's fields only; the others keep their saved values
            keep = set(self.STEP_FIELDS[step])
            for name in list(self.fields):
                if name not in keep:
                    del self.fields[name]
        if self.instance.pk:
            self.initial["timezone"] = self.instance.timezone
            self.initial.setdefault(
                "skills_offered", ", ".join(s.name for s in self.instance.skills_offered.all())
            )
            self.initial.setdefault(
                "skills_wanted", ", ".join(s.name for s in self.instance.skills_wanted.all())
            )
            self.initial.setdefault(
                "languages", ", ".join(lang.name for lang in self.instance.languages.all())
            )
        if "years_experience" in self.fields:
            self.fields["years_experience"].label = "Years of experience"
        if "level" in self.fields:
            self.fields["level"].choices = Level.choices  # type: ignore[attr-defined]
        if "past_occupations" in self.fields:
            # Any code may be posted; the growth service checks it against the loaded
            # occupations.
            self.fields["past_occupations"].valid_value = lambda value: True  # type: ignore[attr-defined]

    def occupations(self) -> dict[str, Any]:
        """The occupations as chosen on the page: codes, and titles for showing them."""
        return occupation_choices(self.instance.user) if self.instance.pk else {}

    def occupation_codes(self) -> dict[str, Any] | None:
        """Codes to save, or None when the page did not send the occupation fields."""
        if not self.cleaned_data.get("occupations_present"):
            return None
        return {
            "current": self.cleaned_data.get("current_occupation") or None,
            "target": self.cleaned_data.get("target_occupation") or None,
            "past": self.cleaned_data.get("past_occupations") or [],
        }

    def list_values(self) -> dict[str, list[str]]:
        return {
            name: _split(self.cleaned_data.get(name, "") or "")
            for name in ("skills_offered", "skills_wanted", "languages")
            if name in self.fields
        }

    def profile_data(self) -> dict[str, Any]:
        return {
            name: self.cleaned_data[name] for name in EDITABLE_FIELDS if name in self.cleaned_data
        }

    def style_rows(self) -> list[dict[str, Any]]:
        """Bound fields grouped per style axis, for the template."""
        return [
            {
                "axis": axis,
                "label": label,
                "value": self[f"style_{axis}"],
                "importance": self[f"importance_{axis}"],
            }
            for axis, label in StyleAxis.choices
            if f"style_{axis}" in self.fields
        ]


class PhotoForm(forms.Form):
    """A profile photo upload; Pillow checks and converts it (people/photos.py)."""

    photo = forms.FileField(
        label="Choose a photo",
        help_text="A JPEG, PNG, WebP or GIF up to 8 MB. We crop it to a square, make it small "
        "and remove its metadata (such as where it was taken).",
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/jpeg,image/png,image/webp,image/gif"}
        ),
    )


class AvailabilityForm(forms.Form):
    weekday = forms.TypedChoiceField(
        choices=[("", "—")] + list(AvailabilityWindow.Weekday.choices),
        coerce=int,
        required=False,
        empty_value=None,
        label="Day",
    )
    starts_at = forms.TimeField(
        required=False, label="From", widget=forms.TimeInput(attrs={"type": "time"})
    )
    ends_at = forms.TimeField(
        required=False, label="To", widget=forms.TimeInput(attrs={"type": "time"})
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        filled = [
            data.get("weekday") is not None,
            bool(data.get("starts_at")),
            bool(data.get("ends_at")),
        ]
        if any(filled) and not all(filled):
            raise forms.ValidationError(
                "Give the day, the start and the end, or leave the row empty."
            )
        if all(filled) and data["ends_at"] <= data["starts_at"]:
            self.add_error("ends_at", "The window must end after it starts.")
        return data


AvailabilityFormSet = forms.formset_factory(AvailabilityForm, extra=3, max_num=21)


class PersonalityForm(forms.Form):
    """The 20 Mini-IPIP statements, each answered on a 1–5 scale."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for item in personality.ITEMS:
            self.fields[f"item_{item.number}"] = forms.TypedChoiceField(
                label=f"{item.number}. I {item.text[0].lower()}{item.text[1:]}",
                choices=personality.SCALE,
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": "Choose how accurately this describes you."},
            )

    def answers(self) -> dict[int, int]:
        return {item.number: self.cleaned_data[f"item_{item.number}"] for item in personality.ITEMS}


class DirectoryFilterForm(forms.Form):
    q = forms.CharField(
        required=False, label="Search", widget=forms.TextInput(attrs={"type": "search"})
    )
    offers = forms.ChoiceField(
        required=False,
        label="Offers",
        choices=[
            ("", "Mentoring or coaching"),
            ("mentoring", "Mentoring"),
            ("coaching", "Coaching"),
        ],
    )
    skill = forms.CharField(required=False, label="Skill")
    role = forms.CharField(required=False, label="Role (current or past)")
    department = forms.CharField(required=False, label="Department")
    location = forms.CharField(required=False, label="Location")
    language = forms.CharField(required=False, label="Language")
