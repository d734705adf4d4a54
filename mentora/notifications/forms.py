"""The notification preferences form, and the organization's Slack and Teams settings."""

from typing import Any

from django import forms

from mentora.notifications.models import Channel, NotificationPreference
from mentora.notifications.preferences import CHANNEL_FIELDS, slack_available

CHANNEL_LABELS = (
    "Reminders and nudges reach you by",
    "The daily digest reaches you by",
    "Requests to and from mentors and coaches reach you by",
    "New messages reach you by",
)


class PreferenceForm(forms.ModelForm):
    """Daily digest, invitations, quiet hours, and where each kind of message goes."""

    teams_webhook_url = forms.CharField(
        label="Your Teams workflow address", required=False, widget=forms.URLInput()
    )

    class Meta:
        model = NotificationPreference
        fields = [
            "digest_enabled",
            "digest_hour",
            "meeting_invitations",
            "quiet_start",
            "quiet_end",
            *CHANNEL_FIELDS,
            "teams_webhook_url",
        ]
        widgets = {
            "quiet_start": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "quiet_end": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        offered = [(Channel.EMAIL.value, "Email")]
        if slack_available():
            offered.append((Channel.SLACK.value, "Slack"))
        offered.append((Channel.TEAMS.value, "Microsoft Teams"))
        for name, label in zip(CHANNEL_FIELDS, CHANNEL_LABELS, strict=True):
            self.fields[name].label = label
            self.fields[name].choices = offered  # type: ignore[attr-defined]
            self.fields[name].required = False  # left out: stays as it is
        self.fields["teams_webhook_url"].help_text = (
            "Only if you choose Microsoft Teams: in Teams, create a workflow from the template "
            "\u201cPost to a chat when a webhook request is received\u201d and paste its "
            "address here."
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name in CHANNEL_FIELDS:
            if not data.get(name):
                data[name] = getattr(self.instance, name) or Channel.EMAIL
        return data


class ChatSettingsForm(forms.Form):
    """Slack's bot token (never shown again) and the Teams channel's workflow address."""

    slack_bot_token = forms.CharField(
        label="Slack bot token",
        required=False,
        strip=True,
        widget=forms.PasswordInput(attrs={"autocomplete": "off"}),
        help_text="The \u201cBot User OAuth Token\u201d of your Slack app (starts with xoxb-). "
        "Leave empty to keep the saved one.",
    )
    remove_slack = forms.BooleanField(label="Disconnect Slack", required=False)
    teams_channel_webhook_url = forms.CharField(
        label="Teams channel workflow address",
        required=False,
        strip=True,
        widget=forms.URLInput(),
        help_text="Program announcements are posted to this channel. Leave empty for none.",
    )
