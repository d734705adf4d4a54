"""The audit page's filters."""

from __future__ import annotations

from typing import Any

from django import forms

from mentora.audit.models import ACTIONS
from mentora.programs.models import Program


class AuditFilterForm(forms.Form):
    """Filters for the audit log; every field optional."""

    action = forms.ChoiceField(
        label="What happened",
        required=False,
        choices=[("", "Anything"), *sorted(ACTIONS.items(), key=lambda item: item[1])],
    )
    actor = forms.CharField(label="Done by (name or email)", required=False, max_length=200)
    program = forms.ChoiceField(label="Program", required=False)
    since = forms.DateField(
        label="From", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label="Until", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["program"].choices = [  # type: ignore[attr-defined]
            ("", "Any program"),
            *Program.objects.order_by("name").values_list("slug", "name"),
        ]

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        since, until = data.get("since"), data.get("until")
        if since and until and until < since:  # type: ignore[operator]
            self.add_error("until", "“Until” must be on or after “From”.")
        return data
