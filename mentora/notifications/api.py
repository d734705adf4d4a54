"""JSON API for notifications: one's own preferences and private calendar feed."""

from __future__ import annotations

from datetime import time
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from ninja import Router, Schema, Status

from mentora.lib.http import current_user
from mentora.notifications.preferences import preference_for, preference_update
from mentora.notifications.services import calendar_feed_create, calendar_feed_revoke

router = Router(tags=["notifications"])


class PreferenceOut(Schema):
    digest_enabled: bool
    digest_hour: int
    meeting_invitations: bool
    quiet_start: time | None
    quiet_end: time | None
    reminders_channel: str
    digests_channel: str
    requests_channel: str
    messages_channel: str
    teams_webhook_url: str


class PreferenceIn(Schema):
    digest_enabled: bool | None = None
    digest_hour: int | None = None
    meeting_invitations: bool | None = None
    quiet_start: time | None = None
    quiet_end: time | None = None
    reminders_channel: str | None = None  # "email", "slack" or "teams"
    digests_channel: str | None = None
    requests_channel: str | None = None
    messages_channel: str | None = None
    teams_webhook_url: str | None = None


class FeedOut(Schema):
    url: str


@router.get("/preferences", response=PreferenceOut, summary="My notification settings")
def preferences_get(request: HttpRequest) -> Any:
    return preference_for(current_user(request))


@router.patch("/preferences", response=PreferenceOut, summary="Change my notification settings")
def preferences_patch(request: HttpRequest, payload: PreferenceIn) -> Any:
    user = current_user(request)
    return preference_update(user=user, by=user, data=payload.model_dump(exclude_unset=True))


@router.post("/calendar-feed", response={201: FeedOut}, summary="A new private calendar URL")
def feed_create(request: HttpRequest) -> Any:
    _, token = calendar_feed_create(user=current_user(request))
    url = request.build_absolute_uri(reverse("notifications:feed", args=[token]))
    return Status(201, {"url": url})


@router.delete("/calendar-feed", response={204: None}, summary="Revoke my calendar URLs")
def feed_revoke(request: HttpRequest) -> Any:
    calendar_feed_revoke(user=current_user(request))
    return Status(204, None)
