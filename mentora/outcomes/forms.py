"""Forms: answering a survey, and a program's survey schedule."""

from __future__ import annotations

from typing import Any

from django import forms

from mentora.outcomes.models import SurveySchedule
from mentora.outcomes.surveys import Question


class SurveyForm(forms.Form):
    """One radio group (1–5) per question; field names are the item keys."""

    def __init__(self, *args: Any, questions: list[Question], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.keys: dict[str, str] = {}
        for index, question in enumerate(questions):
            name = f"q{index}"
            self.keys[name] = question.key
            self.fields[name] = forms.TypedChoiceField(
                label=question.text,
                choices=[(value, f"{value} – {label}") for value, label in question.scale],
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": "Choose an answer."},
            )

    def answers(self) -> dict[str, int]:
        return {self.keys[name]: value for name, value in self.cleaned_data.items()}

    def field_for(self, key: str) -> str | None:
        for name, item in self.keys.items():
            if item == key:
                return name
        return None


class ScheduleForm(forms.ModelForm):
    """When the program's surveys go out."""

    class Meta:
        model = SurveySchedule
        fields = ["enabled", "midpoint_week", "end_week", "quality_after_meetings", "exit_survey"]
        labels = {
            "enabled": "Send surveys in this program",
            "midpoint_week": "Midpoint survey, weeks after the start",
            "end_week": "End survey, weeks after the start",
            "quality_after_meetings": "Relationship-quality survey after this many meetings",
            "exit_survey": "Exit survey when a relationship ends",
        }

    def _post_clean(self) -> None:
        """The service validates (one place for the rules); skip the model's own checks."""
