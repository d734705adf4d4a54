"""Writes for notifications: calendar feeds and the actions one-click email links perform."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction

from mentora.lib import clock
from mentora.lib.errors import DomainError
from mentora.lib.signing import LinkClaim
from mentora.notifications.models import CalendarFeed


@dataclass(frozen=True)
class OneClickAction:
    """What a signed email link may do: its label, how to find its object, how to do it.

    The app that owns the object registers the action (`one_click_register`, from its
    AppConfig.ready), so notifications never imports the apps whose links it carries.
    """

    label: str
    load: Callable[[int], Any]  # the object by id (None when it is gone)
    perform: Callable[..., str]  # (obj=, by=, now=) -> what happened, for the person


_ACTIONS: dict[str, OneClickAction] = {}
# Meetings for a person's private calendar feed, registered by the app that owns meetings.
_FEED_SOURCES: list[Callable[[Any], Any]] = []


def one_click_register(name: str, action: OneClickAction) -> None:
    """Let signed email links do `name` (called once per action at start-up)."""
    _ACTIONS[name] = action


def one_click_label(name: str) -> str:
    """The button's label for an action ("Confirm the meeting")."""
    return _ACTIONS[name].label


def calendar_feed_source_register(source: Callable[[Any], Any]) -> None:
    """Add a source of meetings (person -> iterable of meetings) to calendar feeds."""
    if source not in _FEED_SOURCES:
        _FEED_SOURCES.append(source)


def calendar_feed_meetings(user: Any) -> list[Any]:
    """Every registered source's meetings for a person's calendar feed."""
    return [meeting for source in _FEED_SOURCES for meeting in source(user)]


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
    user = get_user_model().objects.filter(pk=claim.user_id, is_active=True).first()
    if user is None:
        raise DomainError("This link belongs to an account that no longer exists.")
    action = _ACTIONS.get(claim.action)
    if action is None:
        raise DomainError("This link is not valid.")
    obj = action.load(claim.object_id)
    if obj is None:
        raise DomainError("What this link points to has been deleted.")
    return user, obj


@transaction.atomic
def one_click_perform(*, claim: LinkClaim, now: datetime | None = None) -> str:
    """Do what a signed email link allows, as the person it was sent to; returns a message."""
    user, obj = one_click_target(claim)
    return _ACTIONS[claim.action].perform(obj=obj, by=user, now=now)
