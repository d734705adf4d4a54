"""Meetings: single and recurring (DST-correct), reschedule/cancel, invitations, actions."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from mentora.lib.errors import DomainError
from mentora.notifications.models import OutboxMessage
from mentora.relationships.models import Meeting
from mentora.relationships.recurrence import occurrences
from mentora.relationships.services.actions import (
    action_item_add,
    action_item_set_status,
    check_in_create,
)
from mentora.relationships.services.meetings import (
    agenda_item_add,
    meeting_cancel,
    meeting_reschedule,
    meeting_schedule,
    meeting_schedule_recurring,
)

from .conftest import NOW

pytestmark = pytest.mark.django_db
PARIS = ZoneInfo("Europe/Paris")


def _ics(message):
    return Calendar.from_ical(message.attachments[0]["content"])


def test_it_keeps_local_time_across_the_spring_dst_change():
    # Paris moves from UTC+1 to UTC+2 on Sunday 29 March 2026.
    starts = occurrences(datetime(2026, 3, 23, 9, 0), cadence="weekly", count=3, tz="Europe/Paris")
    assert [s.astimezone(PARIS).hour for s in starts] == [9, 9, 9]
    assert [s.hour for s in starts] == [8, 7, 7]


def test_it_moves_a_time_that_does_not_exist_forward():
    (start,) = occurrences(
        datetime(2026, 3, 29, 2, 30), cadence="weekly", count=1, tz="Europe/Paris"
    )
    assert start == datetime(2026, 3, 29, 1, 30, tzinfo=UTC)  # 03:30 local summer time


def test_it_repeats_monthly_on_the_same_day_clamped_to_the_month():
    starts = occurrences(datetime(2026, 1, 31, 10, 0), cadence="monthly", count=3, tz="UTC")
    assert [s.date() for s in starts] == [date(2026, 1, 31), date(2026, 2, 28), date(2026, 3, 31)]


def test_it_schedules_a_series_in_the_organisers_time_zone(active, personas):
    series = meeting_schedule_recurring(
        relationship=active,
        by=personas.mentor,  # Marco's profile is Europe/Paris
        local_start=datetime(2026, 3, 23, 9, 0),
        count=3,
        cadence="weekly",
        now=NOW,
    )
    meetings = list(series.meetings.all())
    assert [m.starts_at.astimezone(PARIS).strftime("%H:%M") for m in meetings] == ["09:00"] * 3
    assert series.timezone == "Europe/Paris"
    # Maya has no time zone set (UTC): she sees the UTC times, which move with DST.
    assert [m.starts_at.hour for m in meetings] == [8, 7, 7]
    # One invitation per person for the whole series (an RRULE event), not one per meeting.
    assert OutboxMessage.objects.filter(kind="relationships.meeting_invite").count() == 2


def test_it_sends_an_ics_invitation_that_parses_back(active, personas):
    starts = NOW + timedelta(days=2)
    meeting = meeting_schedule(
        relationship=active, by=personas.mentee, starts_at=starts, location="Room 4", now=NOW
    )
    message = OutboxMessage.objects.get(recipient=personas.mentor)
    assert "Wednesday 4 March 2026, 10:00 (Europe/Paris)" in message.subject
    calendar = _ics(message)
    event = calendar.walk("VEVENT")[0]
    assert calendar["method"] == "REQUEST"
    assert str(event["uid"]) == meeting.uid
    assert event.decoded("dtstart") == starts
    assert event.decoded("dtend") == starts + timedelta(minutes=45)
    assert int(event["sequence"]) == 0
    assert str(event["location"]) == "Room 4"
    attendees = sorted(str(a) for a in event["attendee"])
    assert attendees == ["MAILTO:marco.mentor@example.com", "MAILTO:maya.mentee@example.com"]


def test_it_updates_and_cancels_with_the_same_uid_and_a_higher_sequence(active, personas):
    meeting = meeting_schedule(
        relationship=active, by=personas.mentee, starts_at=NOW + timedelta(days=2), now=NOW
    )
    meeting_reschedule(
        meeting=meeting, by=personas.mentor, starts_at=NOW + timedelta(days=3), now=NOW
    )
    meeting_cancel(meeting=meeting, by=personas.mentee, reason="Ill", now=NOW)
    sent = OutboxMessage.objects.filter(recipient=personas.mentee).order_by("pk")
    events = [_ics(m).walk("VEVENT")[0] for m in sent]
    assert {str(e["uid"]) for e in events} == {meeting.uid}
    assert [int(e["sequence"]) for e in events] == [0, 1, 2]
    assert [str(e["status"]) for e in events] == ["CONFIRMED", "CONFIRMED", "CANCELLED"]
    assert _ics(sent[2])["method"] == "CANCEL"
    assert sent[1].subject.startswith("Updated:")
    with pytest.raises(DomainError, match="cancelled"):
        meeting_reschedule(
            meeting=meeting, by=personas.mentor, starts_at=NOW + timedelta(days=5), now=NOW
        )


def test_it_refuses_meetings_in_the_past_and_outsiders(active, personas):
    with pytest.raises(DomainError) as exc:
        meeting_schedule(relationship=active, by=personas.mentee, starts_at=NOW, now=NOW)
    assert exc.value.field == "starts_at"
    with pytest.raises(DomainError) as exc:
        meeting_schedule(
            relationship=active, by=personas.manager, starts_at=NOW + timedelta(days=1), now=NOW
        )
    assert exc.value.code == "forbidden"
    assert not Meeting.objects.exists()


def test_it_carries_open_actions_over_until_done(active, personas):
    from mentora.relationships.selectors import meeting_actions

    first = meeting_schedule(
        relationship=active, by=personas.mentee, starts_at=NOW + timedelta(days=1), now=NOW
    )
    second = meeting_schedule(
        relationship=active, by=personas.mentee, starts_at=NOW + timedelta(days=8), now=NOW
    )
    agenda_item_add(meeting=first, by=personas.mentor, text="Salary review prep", now=NOW)
    item = action_item_add(
        relationship=active,
        by=personas.mentor,
        text="Draft talking points",
        owner=personas.mentee,
        due_on=date(2026, 3, 6),
        meeting=first,
        now=NOW,
    )
    assert list(meeting_actions(meeting=second)) == [item]
    action_item_set_status(item=item, by=personas.mentee, done=True, now=NOW + timedelta(days=2))
    assert list(meeting_actions(meeting=second)) == [item]  # done since the previous meeting
    third = meeting_schedule(
        relationship=active, by=personas.mentee, starts_at=NOW + timedelta(days=15), now=NOW
    )
    assert list(meeting_actions(meeting=third)) == []


def test_it_records_check_ins_and_checks_confidence(active, personas):
    check_in = check_in_create(
        relationship=active,
        by=personas.mentee,
        progress="Drafted the pitch",
        confidence=4,
        blockers="",
        next_step="Practise with Marco",
        now=NOW,
    )
    assert check_in.confidence == 4
    with pytest.raises(DomainError) as exc:
        check_in_create(relationship=active, by=personas.mentee, progress="x", confidence=9)
    assert exc.value.field == "confidence"
