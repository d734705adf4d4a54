"""Reminders without nagging: one daily digest per person, in their morning (their digest hour
in their time zone), never in quiet hours.

A digest gathers: meetings in the next 24 hours, overdue action items, check-ins due,
agreements waiting for the person's signature, requests waiting for an answer, and — for
program managers — stalled relationships. Each pass is idempotent: the digest's dedupe key
is the person and their local date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Q
from django.urls import reverse

from mentora.accounts.models import User
from mentora.lib import clock
from mentora.notifications.links import absolute, local_time_text, one_click_url, user_timezone
from mentora.notifications.messages import notify
from mentora.notifications.preferences import preference_for

UNSIGNED_AFTER = timedelta(days=2)
UNANSWERED_AFTER = timedelta(days=3)
# How long after the digest hour (or the end of quiet hours) a pass may still send it.
DIGEST_WINDOW = timedelta(hours=4)


def request_expiry_days() -> int:
    return int(getattr(settings, "MENTORA_REQUEST_EXPIRY_DAYS", 14))


@dataclass
class Item:
    """One line of a digest, with a link to act on it."""

    kind: str
    text: str
    url: str


def digest_items(*, user: Any, now: datetime) -> list[Item]:
    """Everything that needs this person's attention now."""
    from mentora.relationships.health import (
        CADENCE_DAYS,
        health_of,
        with_health_data,
        wrap_up_reason,
    )
    from mentora.relationships.models import ActionItem, CheckIn, Meeting, Relationship

    items: list[Item] = []
    tz = user_timezone(user)
    mine = Relationship.objects.filter(Q(mentee=user) | Q(mentor=user)).select_related(
        "mentee", "mentor", "program", "agreement"
    )
    meetings = (
        Meeting.objects.upcoming(now)
        .filter(relationship__in=mine.filter(status__in=Relationship.HOLDING_PLACE))
        .filter(starts_at__lte=now + timedelta(hours=24))
        .select_related("relationship__mentee", "relationship__mentor")
    )
    for meeting in meetings:
        other = meeting.relationship.other_member(user)
        role = meeting.relationship.member_role(user)
        confirmed = getattr(meeting, f"{role}_confirmed_at")
        url = (
            absolute(reverse("relationships:meeting", args=[meeting.pk]))
            if confirmed
            else one_click_url(action="confirm_meeting", object_id=meeting.pk, user=user)
        )
        label = "" if confirmed else " — confirm with one click"
        items.append(
            Item(
                "meeting",
                f"Meeting with {other}, {local_time_text(meeting.starts_at, tz=tz)}{label}",
                url,
            )
        )
    overdue = ActionItem.objects.filter(
        owner=user,
        status=ActionItem.Status.OPEN,
        due_on__lt=now.astimezone(ZoneInfo(tz)).date(),
        relationship__status__in=Relationship.HOLDING_PLACE,
    )
    for action in overdue:
        items.append(
            Item(
                "action",
                f"Overdue since {action.due_on:%-d %B}: {action.text} — mark done with one click",
                one_click_url(action="action_done", object_id=action.pk, user=user),
            )
        )
    for rel in mine:
        page = absolute(reverse("relationships:detail", args=[rel.pk]))
        other = rel.other_member(user)
        agreement = getattr(rel, "agreement", None)
        role = rel.member_role(user)
        if (
            rel.status in (Relationship.Status.ACCEPTED, Relationship.Status.ACTIVE)
            and agreement is not None
            and getattr(agreement, f"{role}_signed_at") is None
            and now - agreement.updated_at >= UNSIGNED_AFTER
        ):
            items.append(
                Item("agreement", f"Your agreement with {other} waits for your signature", page)
            )
        if (
            rel.status == Relationship.Status.REQUESTED
            and role == "mentor"
            and now - rel.requested_at >= UNANSWERED_AFTER
        ):
            items.append(
                Item(
                    "request",
                    f"{rel.mentee} asked you to be their {rel.program.mentor_label}",
                    page,
                )
            )
        held = (
            Meeting.objects.held(now).filter(relationship=rel).count()
            if rel.sessions_planned and rel.status in Relationship.HOLDING_PLACE
            else 0
        )
        wrap_up = wrap_up_reason(rel, held=held, today=now.astimezone(ZoneInfo(tz)).date())
        if wrap_up:
            items.append(Item("wrap_up", f"With {other}: {wrap_up}", page))
        if rel.status == Relationship.Status.ACTIVE and role == "mentee":
            every = timedelta(
                days=CADENCE_DAYS.get(agreement.cadence if agreement else "biweekly", 14)
            )
            last = (
                CheckIn.objects.filter(relationship=rel, author=user)
                .values_list("created_at", flat=True)
                .first()
            )
            since = last or rel.started_at or rel.accepted_at
            if since is not None and now - since >= every:
                items.append(Item("check_in", f"Time for a short check-in with {other}", page))
    managed = Relationship.objects.filter(
        program__managers=user, status=Relationship.Status.ACTIVE
    ).select_related("program", "mentee", "mentor", "agreement")
    for rel in with_health_data(managed, now=now):
        health = health_of(rel, now=now)
        if health.stalled:
            items.append(
                Item(
                    "stalled",
                    f"Stalled in {rel.program}: {rel.mentee} & {rel.mentor} "
                    f"({health.days_silent} days without activity) — nudge them",
                    absolute(reverse("relationships:detail", args=[rel.pk])),
                )
            )
    return items


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


def digest_enqueue(*, user: Any, now: datetime | None = None) -> bool:
    """Queue today's digest for one person if it is due, wanted and not empty."""
    now = now or clock.now()
    due, local_day = _digest_due(user, now)
    if not due:
        return False
    items = digest_items(user=user, now=now)
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


def reminders_run(*, now: datetime | None = None) -> int:
    """Expire unanswered requests, then queue each person's digest when it is due."""
    from mentora.recommendations.services import mentor_requests_expire
    from mentora.relationships.models import Relationship
    from mentora.relationships.services.lifecycle import relationship_expire

    now = now or clock.now()
    # Requests a mentee made in order of preference have their program's own deadline and
    # move on to the next choice (`mentora requests expire`); the rest expire after N days.
    mentor_requests_expire(now=now)
    stale = Relationship.objects.filter(
        status=Relationship.Status.REQUESTED,
        requested_at__lt=now - timedelta(days=request_expiry_days()),
        mentor_choice__isnull=True,
    )
    for rel in stale:
        relationship_expire(relationship=rel, now=now)
    people = (
        User.objects.filter(is_active=True)
        .filter(
            Q(mentee_relationships__status__in=Relationship.LIVE)
            | Q(mentor_relationships__status__in=Relationship.LIVE)
            | Q(managed_programs__relationships__status=Relationship.Status.ACTIVE)
        )
        .distinct()
    )
    return sum(digest_enqueue(user=person, now=now) for person in people)
