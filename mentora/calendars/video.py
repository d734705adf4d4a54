"""Video links for meetings, by the organization's setting: a Jitsi room, a personal room, none."""

from __future__ import annotations

import secrets
from typing import Any

from mentora.calendars.models import MeetingRoom, VideoSetting
from mentora.calendars.services import video_setting


def jitsi_room(server: str) -> str:
    """A new room on the Jitsi server: a name nobody can guess (the name is the key)."""
    return f"{server.rstrip('/')}/Mentora-{secrets.token_urlsafe(12).replace('_', 'x')}"


def video_link_for(*, organiser: Any, other: Any) -> str:
    """The link a new meeting (or series) gets; empty when the organization has none."""
    setting = video_setting()
    if setting.mode == VideoSetting.Mode.JITSI and setting.jitsi_server:
        return jitsi_room(setting.jitsi_server)
    if setting.mode == VideoSetting.Mode.PERSONAL:
        for person in (organiser, other):  # the organiser's room, else the other person's
            room = MeetingRoom.objects.filter(user=person).first()
            if room is not None:
                return room.url
    return ""
