"""Writes for notifications: calendar feeds and the actions one-click email links perform."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import transaction

from mentora.lib import clock
from mentora.lib.errors import DomainError
from mentora.lib.signing import LinkClaim
from mentora.notifications.models import CalendarFeed

ONE_CLICK_ACTIONS = {
    "confirm_meeting": "Confirm the meeting",
    "action_done": "Mark the action done",
}


@transaction.atomic
def calendar_feed_create(*, user: Any, now: datetime | None = None) -> tuple[CalendarFeed, str]:
    """A new private feed URL token for a person (older ones are revoked); shown once."""
    now = now or clock.now()
    CalendarFeed.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=now)
    token = CalendarFeed.generate_token()
    feed = CalendarFeed.objects.create(
        user=user, token_hash=CalendarFeed.hash_token(token), created_at=now
    )
    return feed, token


@transaction.atomic
def calendar_feed_revoke(*, user: Any, now: datetime | None = None) -> int:
    """Revoke every feed URL of a person; calendars subscribed to them stop updating."""
    now = now or clock.now()
    return CalendarFeed.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=now)


def calendar_feed_user(token: str) -> Any:
    """The person a feed token belongs to, or None when it is unknown or revoked."""
    feed = (
        CalendarFeed.objects.usable()
        .select_related("user")
        .filter(token_hash=CalendarFeed.hash_token(token))
        .first()
    )
    return feed.user if feed else None


def one_click_target(claim: LinkClaim) -> tuple[Any, Any]:
    """(person, object) a valid link points at; DomainError when it no longer applies."""
    from mentora.accounts.models import User
    from mentora.relationships.models import ActionItem, Meeting

    user = User.objects.filter(pk=claim.user_id, is_active=True).first()
    if user is None:
        raise DomainError("This link belongs to an account that no longer exists.")
    related = ("relationship__mentee", "relationship__mentor")
    obj: Any
    if claim.action == "confirm_meeting":
        obj = Meeting.objects.select_related(*related).filter(pk=claim.object_id).first()
    elif claim.action == "action_done":
        obj = ActionItem.objects.select_related(*related).filter(pk=claim.object_id).first()
    else:
        raise DomainError("This link is not valid.")
    if obj is None:
        raise DomainError("What this link points to has been deleted.")
    return user, obj


@transaction.atomic
def one_click_perform(*, claim: LinkClaim, now: datetime | None = None) -> str:
    """Do what a signed email link allows, as the person it was sent to; returns a message."""
    from mentora.relationships.services.actions import action_item_set_status
    from mentora.relationships.services.meetings import meeting_confirm

    user, obj = one_click_target(claim)
    if claim.action == "confirm_meeting":
        meeting_confirm(meeting=obj, by=user, now=now)
        return "Thank you: your meeting is confirmed."
    action_item_set_status(item=obj, by=user, done=True, now=now)
    return f"Done: “{obj.text}” is marked done."
