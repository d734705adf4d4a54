"""Forms of the calendars pages: connect a calendar, your meeting room, the video setting."""

from __future__ import annotations

from django import forms

from mentora.calendars.models import CalendarConnection, VideoSetting


class ConnectForm(forms.Form):
    """A secret iCal address, or a CalDAV server with a user name and an app password."""

    kind = forms.ChoiceField(
        label="How to connect",
        choices=CalendarConnection.Kind.choices,
        initial=CalendarConnection.Kind.ICAL,
        widget=forms.RadioSelect,
    )
    url = forms.CharField(
        label="Calendar address",
        max_length=2000,
        help_text=(
            "The secret iCal address of your calendar (it ends in .ics), or your CalDAV "
            "server's address. Keep it to yourself: anyone with it can read your calendar."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    username = forms.CharField(
        label="CalDAV user name", max_length=200, required=False, help_text="CalDAV only."
    )
    password = forms.CharField(
        label="CalDAV app password",
        max_length=500,
        required=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="CalDAV only: an app password made for Mentora, not your main password.",
    )


class MeetingRoomForm(forms.Form):
    url = forms.CharField(
        label="Your meeting room address",
        max_length=500,
        required=False,
        help_text=(
            "Your Zoom or Teams personal link, for example https://zoom.us/j/1234567890. "
            "Leave empty to remove it."
        ),
    )


class VideoSettingForm(forms.Form):
    mode = forms.ChoiceField(
        label="How meetings get a video link",
        choices=VideoSetting.Mode.choices,
        widget=forms.RadioSelect,
    )
    jitsi_server = forms.CharField(
        label="Jitsi Meet server",
        max_length=300,
        required=False,
        help_text="Your own server or a public one, for example https://meet.jit.si.",
    )
