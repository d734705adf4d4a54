"""The audit page's filters."""

from __future__ import annotations

from django import forms

from mentora.audit.models import ACTIONS


class AuditFilterForm(forms.Form):
    """Filters for the audit log; every field optional."""

    action = forms.ChoiceField(
        label="Action", required=False, choices=[("", "Any action"), *sorted(ACTIONS.items())]
    )
    actor = forms.CharField(label="Done by (name or email)", required=False, max_length=200)
    target_type = forms.CharField(label="Target type", required=False, max_length=60)
    since = forms.DateField(
        label="From", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label="Until", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        since, until = data.get("since"), data.get("until")
        if since and until and until < since:  # type: ignore[operator]
            self.add_error("until", "“Until” must be on or after “From”.")
        return data
