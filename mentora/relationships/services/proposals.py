"""Finding a time: free slots for both people, proposing some, confirming one.

The finder sees each person's weekly windows, time zone, Mentora meetings and the busy times
of their connected calendars, and hands back only start times that suit both. What is
proposed is a start time; what either person's calendar holds is never shown to the other.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.db import transaction
from django.db.models import Q
from django.urls import reverse

from mentora.calendars.selectors import person_times
from mentora.calendars.slots import free_slots
from mentora.lib import clock
from mentora.lib.choices import Cadence
from mentora.lib.errors import DomainError
from mentora.notifications.links import absolute, local_time_text, user_timezone
from mentora.notifications.messages import notify
from mentora.relationships.models import Meeting, MeetingProposal, ProposedSlot, Relationship
from mentora.relationships.services.checks import member_check
from mentora.relationships.services.lifecycle import event_log
from mentora.relationships.services.meetings import (
    MAX_OCCURRENCES,
    meeting_schedule,
    meeting_schedule_recurring,
)

SEARCH_DAYS = 21
MIN_NOTICE = timedelta(hours=12)
MAX_SLOTS = 5


def _meeting_busy(user: Any, start: datetime, end: datetime) -> list[tuple[datetime, datetime]]:
    """The person's Mentora meetings (in any relationship) as busy stretches."""
    meetings = Meeting.objects.scheduled().filter(
        Q(relationship__mentee=user) | Q(relationship__mentor=user),
        starts_at__lt=end,
        starts_at__gte=start - timedelta(hours=8),
    )
    return [(m.starts_at, m.ends_at) for m in meetings.only("starts_at", "duration_minutes")]


def meeting_suggestions(
    *,
    relationship: Relationship,
    by: Any,
    duration_minutes: int = 45,
    now: datetime | None = None,
) -> list[datetime]:
    """Up to five start times in the next three weeks that suit both people."""
    now = now or clock.now()
    member_check(by, relationship, "find a time")
    if not 5 <= duration_minutes <= 480:
        raise DomainError("Meetings last between 5 and 480 minutes.", field="duration_minutes")
    after = now + MIN_NOTICE
    end = after + timedelta(days=SEARCH_DAYS)
    me, other = by, relationship.other_member(by)
    people = [
        person_times(user=person, start=after, end=end, also_busy=_meeting_busy(person, after, end))
        for person in (me, other)
    ]
    return free_slots(people, minutes=duration_minutes, after=after, days=SEARCH_DAYS)


def _check_starts(starts: list[datetime], now: datetime) -> list[datetime]:
    unique = sorted(set(starts))
    if not 1 <= len(unique) <= MAX_SLOTS:
        raise DomainError(f"Choose between 1 and {MAX_SLOTS} times to propose.", field="starts")
    for start in unique:
        if start.tzinfo is None:
            raise DomainError("Give each time with its time zone.", field="starts")
        if start <= now:
            raise DomainError("Choose times in the future.", field="starts")
    return unique


def _open(relationship: Relationship) -> Any:
    return MeetingProposal.objects.filter(
        relationship=relationship, status=MeetingProposal.Status.OPEN
    )


@transaction.atomic
def meeting_propose(
    *,
    relationship: Relationship,
    by: Any,
    starts: list[datetime],
    duration_minutes: int = 45,
    count: int = 1,
    cadence: str | None = None,
    now: datetime | None = None,
) -> MeetingProposal:
    """Offer times to the other person; earlier open proposals of the pair are replaced."""
    now = now or clock.now()
    member_check(by, relationship, "propose meeting times")
    unique = _check_starts(starts, now)
    if not 5 <= duration_minutes <= 480:
        raise DomainError("Meetings last between 5 and 480 minutes.", field="duration_minutes")
    if not 1 <= count <= MAX_OCCURRENCES:
        raise DomainError(f"Number of meetings: between 1 and {MAX_OCCURRENCES}.", field="count")
    agreement = getattr(relationship, "agreement", None)
    cadence = cadence or (agreement.cadence if agreement else Cadence.BIWEEKLY)
    if cadence not in Cadence.values:
        raise DomainError("Cadence: choose one from the list.", field="cadence")
    _open(relationship).update(status=MeetingProposal.Status.REPLACED, decided_at=now)
    proposal = MeetingProposal.objects.create(
        relationship=relationship,
        proposed_by=by,
        duration_minutes=duration_minutes,
        count=count,
        cadence=cadence,
        created_at=now,
    )
    ProposedSlot.objects.bulk_create(ProposedSlot(proposal=proposal, starts_at=s) for s in unique)
    other = relationship.other_member(by)
    if other.is_active:
        notify(
            kind="relationships.meeting_proposed",
            to=other,
            context={
                "other": by,
                "times": [local_time_text(s, other) for s in unique],
                "count": count,
                "cadence": proposal.get_cadence_display().lower(),
                "page": absolute(reverse("relationships:find_time", args=[relationship.pk])),
            },
            dedupe_key=f"proposal:{proposal.pk}:{other.pk}",
            now=now,
        )
    event_log(relationship=relationship, action="times_proposed", by=by, now=now)
    return proposal


@transaction.atomic
def meeting_proposal_confirm(
    *, proposal: MeetingProposal, slot: ProposedSlot, by: Any, now: datetime | None = None
) -> list[Meeting]:
    """The other person confirms one proposed time: the meeting (or series) is scheduled."""
    now = now or clock.now()
    proposal = MeetingProposal.objects.select_for_update().get(pk=proposal.pk)
    relationship = proposal.relationship
    member_check(by, relationship, "confirm meeting times")
    if proposal.proposed_by_id == by.pk:
        raise DomainError(
            f"You proposed these times; {relationship.other_member(by)} confirms one.",
            code="conflict",
        )
    if proposal.status != MeetingProposal.Status.OPEN:
        raise DomainError(
            f"These times were already answered ({proposal.get_status_display().lower()}).",
            code="conflict",
        )
    if slot.proposal_id != proposal.pk:
        raise DomainError("Choose one of the proposed times.", field="slot")
    if slot.starts_at <= now:
        raise DomainError(
            "This time has passed: propose other times instead.", field="slot", code="conflict"
        )
    organiser = proposal.proposed_by
    if proposal.count > 1:
        tz = user_timezone(organiser)
        series = meeting_schedule_recurring(
            relationship=relationship,
            by=organiser,
            local_start=slot.starts_at.astimezone(ZoneInfo(tz)).replace(tzinfo=None),
            count=proposal.count,
            cadence=proposal.cadence,
            tz=tz,
            duration_minutes=proposal.duration_minutes,
            now=now,
        )
        meetings = list(series.meetings.all())
    else:
        meetings = [
            meeting_schedule(
                relationship=relationship,
                by=organiser,
                starts_at=slot.starts_at,
                duration_minutes=proposal.duration_minutes,
                now=now,
            )
        ]
    role = relationship.member_role(by)
    for meeting in meetings:  # confirming the time is confirming the first meeting
        setattr(meeting, f"{role}_confirmed_at", now)
        meeting.save(update_fields=[f"{role}_confirmed_at"])
        break
    slot.chosen = True
    slot.save(update_fields=["chosen"])
    proposal.status = MeetingProposal.Status.CONFIRMED
    proposal.decided_at = now
    proposal.save(update_fields=["status", "decided_at"])
    return meetings
