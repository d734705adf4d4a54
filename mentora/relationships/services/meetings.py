"""Meetings: schedule one or a series, reschedule, cancel, confirm; agenda and notes."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone as dj_timezone

from mentora.calendars.video import video_link_for
from mentora.integrations import payloads as webhook_payloads
from mentora.integrations.services import webhook_emit
from mentora.lib import clock
from mentora.lib.choices import Cadence
from mentora.lib.errors import DomainError
from mentora.lib.timezones import is_valid_timezone
from mentora.notifications.invitations import (
    meeting_invitation_enqueue,
    series_invitation_enqueue,
)
from mentora.notifications.links import user_timezone
from mentora.relationships import permissions as perms
from mentora.relationships.models import (
    AgendaItem,
    Meeting,
    MeetingSeries,
    PrivateNote,
    Relationship,
    SharedNote,
)
from mentora.relationships.recurrence import occurrences
from mentora.relationships.services.checks import member_check, required_text
from mentora.relationships.services.lifecycle import event_log

MAX_OCCURRENCES = 52


def timezone_of(user: Any) -> str:
    """The person's time zone from their profile (UTC when they have none)."""
    return user_timezone(user)


def _check_time(starts_at: datetime, now: datetime) -> None:
    if dj_timezone.is_naive(starts_at):
        raise DomainError("Give the start time with its time zone.", field="starts_at")
    if starts_at <= now:
        raise DomainError("Choose a start time in the future.", field="starts_at")


def _check_duration(minutes: int) -> None:
    if not 5 <= minutes <= 480:
        raise DomainError("Meetings last between 5 and 480 minutes.", field="duration_minutes")


def _default_minutes(relationship: Relationship) -> int:
    agreement = getattr(relationship, "agreement", None)
    return agreement.meeting_minutes if agreement is not None else 45


@transaction.atomic
def meeting_schedule(
    *,
    relationship: Relationship,
    by: Any,
    starts_at: datetime,
    duration_minutes: int | None = None,
    location: str = "",
    now: datetime | None = None,
) -> Meeting:
    """Schedule one meeting and send both people an invitation."""
    now = now or clock.now()
    member_check(by, relationship, "schedule meetings")
    _check_time(starts_at, now)
    minutes = duration_minutes or _default_minutes(relationship)
    _check_duration(minutes)
    meeting = Meeting.objects.create(
        relationship=relationship,
        organiser=by,
        starts_at=starts_at,
        duration_minutes=minutes,
        location=location.strip()[:300],
        video_url=video_link_for(organiser=by, other=relationship.other_member(by)),
        created_at=now,
    )
    meeting_invitation_enqueue(meeting=meeting, method="REQUEST", now=now)
    webhook_emit(
        event="meeting.scheduled", payload=lambda: webhook_payloads.meeting(meeting), now=now
    )
    event_log(relationship=relationship, action="meeting_scheduled", by=by, now=now)
    return meeting


@transaction.atomic
def meeting_schedule_recurring(
    *,
    relationship: Relationship,
    by: Any,
    local_start: datetime,
    count: int,
    cadence: str | None = None,
    tz: str | None = None,
    duration_minutes: int | None = None,
    location: str = "",
    now: datetime | None = None,
) -> MeetingSeries:
    """Schedule a series at the agreed cadence, keeping the organiser's local time across DST.

    `local_start` is the first meeting's naive wall-clock time in `tz` (the organiser's
    profile time zone by default).
    """
    now = now or clock.now()
    member_check(by, relationship, "schedule meetings")
    agreement = getattr(relationship, "agreement", None)
    cadence = cadence or (agreement.cadence if agreement else Cadence.BIWEEKLY)
    if cadence not in Cadence.values:
        raise DomainError(f"Cadence must be one of {', '.join(Cadence.values)}.", field="cadence")
    tz = tz or timezone_of(by)
    if not is_valid_timezone(tz):
        raise DomainError(f"Unknown time zone {tz!r}.", field="timezone")
    if not 2 <= count <= MAX_OCCURRENCES:
        raise DomainError(f"A series has between 2 and {MAX_OCCURRENCES} meetings.", field="count")
    if local_start.tzinfo is not None:
        local_start = local_start.replace(tzinfo=None)
    minutes = duration_minutes or _default_minutes(relationship)
    _check_duration(minutes)
    starts = occurrences(local_start, cadence=cadence, count=count, tz=tz)
    _check_time(starts[0], now)
    series = MeetingSeries.objects.create(
        relationship=relationship,
        organiser=by,
        cadence=cadence,
        timezone=tz,
        first_date=local_start.date(),
        local_time=local_start.time(),
        count=count,
        video_url=video_link_for(organiser=by, other=relationship.other_member(by)),
        created_at=now,
    )
    meetings = []
    for start in starts:
        meeting = Meeting.objects.create(
            relationship=relationship,
            series=series,
            organiser=by,
            starts_at=start,
            recurrence_id=start,
            duration_minutes=minutes,
            location=location.strip()[:300],
            video_url=series.video_url,
            created_at=now,
        )
        meetings.append(meeting)
        webhook_emit(
            event="meeting.scheduled",
            payload=lambda: webhook_payloads.meeting(meeting),  # noqa: B023 - called at once
            now=now,
        )
    # One invitation for the whole series: an RRULE event, not one email per meeting.
    series_invitation_enqueue(series=series, meetings=meetings, method="REQUEST", now=now)
    event_log(
        relationship=relationship,
        action="meetings_scheduled",
        by=by,
        reason=f"{count} meetings, {series.get_cadence_display().lower()}.",
        now=now,
    )
    return series


def _scheduled(meeting: Meeting) -> None:
    if meeting.status != Meeting.Status.SCHEDULED:
        raise DomainError("This meeting was cancelled.", field="status", code="conflict")


@transaction.atomic
def meeting_reschedule(
    *,
    meeting: Meeting,
    by: Any,
    starts_at: datetime,
    duration_minutes: int | None = None,
    now: datetime | None = None,
) -> Meeting:
    """Move a meeting; both get an updated invitation (same UID, higher SEQUENCE)."""
    now = now or clock.now()
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    member_check(by, meeting.relationship, "reschedule meetings")
    _scheduled(meeting)
    _check_time(starts_at, now)
    if duration_minutes is not None:
        _check_duration(duration_minutes)
        meeting.duration_minutes = duration_minutes
    meeting.starts_at = starts_at
    meeting.sequence += 1
    meeting.mentee_confirmed_at = meeting.mentor_confirmed_at = None
    meeting.save()
    meeting_invitation_enqueue(meeting=meeting, method="REQUEST", now=now)
    webhook_emit(
        event="meeting.scheduled", payload=lambda: webhook_payloads.meeting(meeting), now=now
    )
    event_log(relationship=meeting.relationship, action="meeting_rescheduled", by=by, now=now)
    return meeting


@transaction.atomic
def meeting_cancel(
    *, meeting: Meeting, by: Any, reason: str = "", now: datetime | None = None
) -> Meeting:
    """Cancel a meeting; both get a cancellation (same UID, higher SEQUENCE)."""
    now = now or clock.now()
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if not perms.is_member(by, meeting.relationship):
        raise DomainError(
            "Only the two people in this relationship can cancel meetings.", code="forbidden"
        )
    _scheduled(meeting)
    meeting.status = Meeting.Status.CANCELLED
    meeting.sequence += 1
    meeting.save()
    meeting_invitation_enqueue(meeting=meeting, method="CANCEL", now=now)
    webhook_emit(
        event="meeting.cancelled", payload=lambda: webhook_payloads.meeting(meeting), now=now
    )
    event_log(
        relationship=meeting.relationship,
        action="meeting_cancelled",
        by=by,
        reason=reason.strip(),
        now=now,
    )
    return meeting


@transaction.atomic
def meeting_series_cancel(
    *, series: MeetingSeries, by: Any, reason: str = "", now: datetime | None = None
) -> int:
    """Cancel a whole series: its future meetings, and one cancellation (METHOD:CANCEL)."""
    now = now or clock.now()
    series = MeetingSeries.objects.select_for_update().get(pk=series.pk)
    if not perms.is_member(by, series.relationship):
        raise DomainError(
            "Only the two people in this relationship can cancel meetings.", code="forbidden"
        )
    if series.cancelled_at is not None:
        raise DomainError("This series was already cancelled.", code="conflict")
    upcoming = list(series.meetings.upcoming(now))
    for meeting in upcoming:
        meeting.status = Meeting.Status.CANCELLED
        meeting.sequence += 1
        meeting.save(update_fields=["status", "sequence"])
        webhook_emit(
            event="meeting.cancelled",
            payload=lambda: webhook_payloads.meeting(meeting),  # noqa: B023 - called at once
            now=now,
        )
    series.cancelled_at = now
    series.sequence += 1
    series.save(update_fields=["cancelled_at", "sequence"])
    meetings = list(series.meetings.all()) or upcoming
    if meetings:
        series_invitation_enqueue(series=series, meetings=meetings, method="CANCEL", now=now)
    event_log(
        relationship=series.relationship,
        action="meeting_cancelled",
        by=by,
        reason=reason.strip() or f"{len(upcoming)} meetings of the series.",
        now=now,
    )
    return len(upcoming)


@transaction.atomic
def meeting_confirm(*, meeting: Meeting, by: Any, now: datetime | None = None) -> Meeting:
    """A member confirms they will attend (also from the one-click email link)."""
    now = now or clock.now()
    role = meeting.relationship.member_role(by)
    if role is None:
        raise DomainError("Only the two people in this relationship can confirm.", code="forbidden")
    _scheduled(meeting)
    setattr(meeting, f"{role}_confirmed_at", now)
    meeting.save(update_fields=[f"{role}_confirmed_at"])
    return meeting


@transaction.atomic
def agenda_item_add(
    *, meeting: Meeting, by: Any, text: str, now: datetime | None = None
) -> AgendaItem:
    """Either side adds a topic to a meeting's agenda."""
    now = now or clock.now()
    member_check(by, meeting.relationship, "add to the agenda")
    item = AgendaItem.objects.create(
        meeting=meeting,
        text=required_text(text, field="text", limit=300),
        added_by=by,
        created_at=now,
    )
    event_log(relationship=meeting.relationship, action="agenda_added", by=by, now=now)
    return item


@transaction.atomic
def shared_note_add(
    *, meeting: Meeting, by: Any, body: str, now: datetime | None = None
) -> SharedNote:
    """Add a note both members see."""
    now = now or clock.now()
    member_check(by, meeting.relationship, "add notes")
    note = SharedNote.objects.create(
        meeting=meeting,
        author=by,
        body=required_text(body, field="body", limit=10000),
        created_at=now,
    )
    event_log(relationship=meeting.relationship, action="note_added", by=by, now=now)
    return note


@transaction.atomic
def private_note_add(
    *, meeting: Meeting, by: Any, body: str, now: datetime | None = None
) -> PrivateNote:
    """Add a note only its author will ever see (nothing about it goes in the event log)."""
    now = now or clock.now()
    if not perms.is_member(by, meeting.relationship):
        raise DomainError(
            "Only the two people in this relationship can add notes.", code="forbidden"
        )
    return PrivateNote.objects.create(
        meeting=meeting,
        author=by,
        body=required_text(body, field="body", limit=10000),
        created_at=now,
    )
