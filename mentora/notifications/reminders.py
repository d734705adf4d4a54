"""Reminders without nagging: one daily digest per person, in their morning (their digest hour
in their time zone), never in quiet hours.

This module knows when a digest is due and sends it; what goes in it comes from the apps
that own the content (`relationships.reminders.digest_items`), gathered by `mentora.jobs`.
Each pass is idempotent: the digest's dedupe key is the person and their local date.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.urls import reverse

from mentora.lib import clock
from mentora.notifications.links import absolute, user_timezone
from mentora.notifications.messages import notify
from mentora.notifications.preferences import preference_for

# How long after the digest hour (or the end of quiet hours) a pass may still send it.
DIGEST_WINDOW = timedelta(hours=4)

# A digest line has a `text` and a `url`; the owning app decides what they say.
ItemsFor = Callable[..., Sequence[Any]]


def _digest_start(pref: Any, day: date, tz: ZoneInfo) -> datetime:
    """When a local day's digest may go: the digest hour, or the end of quiet hours if they
    cover it."""
    start = datetime.combine(day, time(pref.digest_hour), tzinfo=tz)
    if pref.is_quiet(time(pref.digest_hour)) and pref.quiet_end is not None:
        end = datetime.combine(day, pref.quiet_end, tzinfo=tz)
        start = end if end > start else end + timedelta(days=1)
    return start


def _digest_due(user: Any, now: datetime) -> tuple[bool, str]:
    """Whether the digest is due now, and the local day it belongs to.

    Only inside the window after the person's hour: a worker that starts (or catches up)
    late in the day does not send the morning's digest in the evening; tomorrow's has it all.
    """
    pref = preference_for(user)
    tz = ZoneInfo(user_timezone(user))
    local = now.astimezone(tz)
    if not pref.digest_enabled or pref.is_quiet(local.time()):
        return False, ""
    for day in (local.date(), local.date() - timedelta(days=1)):
        start = _digest_start(pref, day, tz)
        if start <= local < start + DIGEST_WINDOW:
            return True, day.isoformat()
    return False, ""


def greeting(local: datetime) -> str:
    """A greeting true to the reader's clock (a digest can be set for any hour)."""
    if 5 <= local.hour < 12:
        return "Good morning"
    return "Good afternoon" if 12 <= local.hour < 18 else "Good evening"


def digest_enqueue(*, user: Any, items_for: ItemsFor, now: datetime | None = None) -> bool:
    """Queue today's digest for one person if it is due, wanted and not empty.

    `items_for(user=, now=)` gives the lines; it is asked only when the digest is due.
    """
    now = now or clock.now()
    due, local_day = _digest_due(user, now)
    if not due:
        return False
    items = list(items_for(user=user, now=now))
    if not items:
        return False
    notify(
        to=user,
        kind="notifications.digest",
        context={
            "items": items,
            "greeting": greeting(now.astimezone(ZoneInfo(user_timezone(user)))),
            "settings_url": absolute(reverse("notifications:preferences")),
        },
        dedupe_key=f"digest:{user.pk}:{local_day}",
        now=now,
    )
    return True
