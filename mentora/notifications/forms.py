"""The notification preferences form."""

from django import forms

from mentora.notifications.models import NotificationPreference


class PreferenceForm(forms.ModelForm):
    """Daily digest, invitations and quiet hours."""

    class Meta:
        model = NotificationPreference
        fields = [
            "digest_enabled",
            "digest_hour",
            "meeting_invitations",
            "quiet_start",
            "quiet_end",
        ]
        widgets = {
            "quiet_start": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "quiet_end": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }
