"""What relationships put in a person's daily digest, and the requests that expire unanswered.

The digest's timing and sending belong to `notifications`; its content belongs here, read
from the relationships themselves. `mentora.jobs` calls both on the worker's reminder beat.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Q, QuerySet
from django.urls import reverse

from mentora.accounts.models import User
from mentora.notifications.links import absolute, local_time_text, one_click_url, user_timezone
from mentora.notifications.messages import render_text
from mentora.relationships.health import CADENCE_DAYS, health_of, with_health_data, wrap_up_reason
from mentora.relationships.models import ActionItem, CheckIn, Meeting, Relationship
from mentora.relationships.services.lifecycle import relationship_expire

UNSIGNED_AFTER = timedelta(days=2)
UNANSWERED_AFTER = timedelta(days=3)
ITEM_TEMPLATE = "relationships/messages/parts/digest_item.txt"


def request_expiry_days() -> int:
    return int(getattr(settings, "MENTORA_REQUEST_EXPIRY_DAYS", 14))


@dataclass
class Item:
    """One line of a digest, with a link to act on it."""

    kind: str
    text: str
    url: str


def _item(kind: str, url: str, **context: Any) -> Item:
    return Item(kind, render_text(ITEM_TEMPLATE, {"kind": kind, **context}), url)


def digest_items(*, user: Any, now: datetime) -> list[Item]:
    """Everything in this person's relationships that needs their attention now."""
    items: list[Item] = []
    tz = user_timezone(user)
    today = now.astimezone(ZoneInfo(tz)).date()
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
        role = meeting.relationship.member_role(user)
        confirmed = getattr(meeting, f"{role}_confirmed_at")
        url = (
            absolute(reverse("relationships:meeting", args=[meeting.pk]))
            if confirmed
            else one_click_url(action="confirm_meeting", object_id=meeting.pk, user=user)
        )
        items.append(
            _item(
                "meeting",
                url,
                other=meeting.relationship.other_member(user),
                when=local_time_text(meeting.starts_at, tz=tz),
                confirmed=confirmed,
                video=meeting.video_url,
            )
        )
    overdue = ActionItem.objects.filter(
        owner=user,
        status=ActionItem.Status.OPEN,
        due_on__lt=today,
        relationship__status__in=Relationship.HOLDING_PLACE,
    )
    for action in overdue:
        url = one_click_url(action="action_done", object_id=action.pk, user=user)
        items.append(_item("action", url, action=action))
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
            items.append(_item("agreement", page, other=other))
        if (
            rel.status == Relationship.Status.REQUESTED
            and role == "mentor"
            and now - rel.requested_at >= UNANSWERED_AFTER
        ):
            items.append(_item("request", page, relationship=rel))
        held = (
            Meeting.objects.held(now).filter(relationship=rel).count()
            if rel.sessions_planned and rel.status in Relationship.HOLDING_PLACE
            else 0
        )
        wrap_up = wrap_up_reason(rel, held=held, today=today)
        if wrap_up:
            items.append(_item("wrap_up", page, other=other, wrap_up=wrap_up))
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
                items.append(_item("check_in", page, other=other))
    managed = Relationship.objects.filter(
        program__managers=user, status=Relationship.Status.ACTIVE
    ).select_related("program", "mentee", "mentor", "agreement")
    for rel in with_health_data(managed, now=now):
        health = health_of(rel, now=now)
        if health.stalled:
            page = absolute(reverse("relationships:detail", args=[rel.pk]))
            items.append(_item("stalled", page, relationship=rel, days_silent=health.days_silent))
    return items


def digest_recipients() -> QuerySet[User]:
    """Active people with a live relationship, or managing a program with an active one."""
    return (
        User.objects.filter(is_active=True)
        .filter(
            Q(mentee_relationships__status__in=Relationship.LIVE)
            | Q(mentor_relationships__status__in=Relationship.LIVE)
            | Q(managed_programs__relationships__status=Relationship.Status.ACTIVE)
        )
        .distinct()
    )


def stale_requests_expire(*, now: datetime) -> int:
    """Expire requests unanswered for MENTORA_REQUEST_EXPIRY_DAYS (not those made in a
    mentee's order of choices: those have their program's own deadline)."""
    stale = Relationship.objects.filter(
        status=Relationship.Status.REQUESTED,
        requested_at__lt=now - timedelta(days=request_expiry_days()),
        mentor_choice__isnull=True,
    )
    count = 0
    for rel in stale:
        relationship_expire(relationship=rel, now=now)
        count += 1
    return count
