"""Forms for the webhook pages; the rules themselves are checked by the services."""

from __future__ import annotations

from django import forms

from mentora.integrations.models import EVENTS
from mentora.integrations.services import DEFAULT_GRACE_HOURS, MAX_GRACE_HOURS


class EndpointForm(forms.Form):
    name = forms.CharField(
        max_length=100, help_text="What receives the events, e.g. “HR data warehouse”."
    )
    url = forms.URLField(
        label="URL",
        max_length=500,
        assume_scheme="https",
        help_text="Mentora POSTs signed JSON here. Use https:// in production.",
    )
    events = forms.MultipleChoiceField(
        choices=[(name, f"{name} — {label}") for name, label in EVENTS.items()],
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one event to send."},
    )
    is_active = forms.BooleanField(
        label="Active (untick to pause deliveries)", required=False, initial=True
    )

    def clean_url(self) -> str:
        url: str = self.cleaned_data["url"]
        if not url.lower().startswith(("https://", "http://")):
            raise forms.ValidationError("The URL must start with https:// (or http://).")
        return url


class RotateForm(forms.Form):
    grace_hours = forms.IntegerField(
        label="Keep the old secret working for (hours)",
        min_value=0,
        max_value=MAX_GRACE_HOURS,
        initial=DEFAULT_GRACE_HOURS,
        help_text="Until then every delivery carries two signatures, one per secret. "
        "0 stops the old secret at once.",
    )
