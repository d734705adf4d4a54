"""One invitation for a series: RRULE, one occurrence moved or cancelled, the series cancelled,
and the private feed showing the same (read with icalendar, vobject and recurring-ical-events)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import recurring_ical_events
import vobject
from django.urls import reverse
from icalendar import Calendar

from mentora.notifications.ics import feed_ics, series_ics
from mentora.notifications.models import OutboxMessage
from mentora.notifications.services import calendar_feed_create
from mentora.relationships.models import Meeting
from mentora.relationships.services.meetings import (
    meeting_cancel,
    meeting_reschedule,
    meeting_schedule_recurring,
    meeting_series_cancel,
)
from mentora.relationships.tests.conftest import NOW

pytestmark = pytest.mark.django_db


def attachment(message: OutboxMessage) -> Calendar:
    (item,) = message.attachments
    return Calendar.from_ical(item["content"])


def sent(kind: str) -> list[OutboxMessage]:
    return list(OutboxMessage.objects.filter(kind=kind, recipient__email__startswith="maya"))


@pytest.fixture
def series(active, personas):
    return meeting_schedule_recurring(
        relationship=active,
        by=personas.mentor,  # Europe/Paris
        local_start=datetime(2026, 3, 16, 9, 0),
        count=4,
        cadence="weekly",
        now=NOW,
    )


def test_a_series_is_one_event_with_an_rrule_in_the_organisers_zone(series):
    (invite,) = sent("relationships.meeting_invite")
    assert "every week, 4 meetings" in invite.subject
    calendar = attachment(invite)
    assert calendar["METHOD"] == "REQUEST"
    (event,) = calendar.walk("VEVENT")
    assert event["DTSTART"].params["TZID"] == "Europe/Paris"
    assert calendar.walk("VTIMEZONE")  # so every calendar app knows the zone's rules
    starts = [
        e.decoded("DTSTART").astimezone(UTC)
        for e in recurring_ical_events.of(calendar).between(NOW, NOW + timedelta(days=60))
    ]
    assert starts == [m.starts_at for m in series.meetings.all()]
    # Across the change to summer time on 29 March the local time stays 09:00 Paris.
    assert [s.hour for s in starts] == [8, 8, 7, 7]
    parsed = vobject.readOne(attachment(invite).to_ical().decode())
    assert len(list(parsed.vevent.getrruleset(addRDate=True))) == 4


def test_moving_one_meeting_sends_only_that_occurrence(series, personas):
    second = series.meetings.all()[1]
    meeting_reschedule(
        meeting=second, by=personas.mentee, starts_at=second.starts_at + timedelta(hours=2), now=NOW
    )
    latest = sent("relationships.meeting_invite")[-1]
    calendar = attachment(latest)
    (event,) = calendar.walk("VEVENT")
    assert event["UID"] == series.uid and "RRULE" not in event
    assert event.decoded("RECURRENCE-ID").astimezone(UTC) == second.recurrence_id
    assert event.decoded("DTSTART").astimezone(UTC) == second.recurrence_id + timedelta(hours=2)
    assert event["SEQUENCE"] == 1


def test_cancelling_one_meeting_cancels_that_occurrence_only(series, personas):
    third = series.meetings.all()[2]
    meeting_cancel(meeting=third, by=personas.mentee, now=NOW)
    (cancel,) = sent("relationships.meeting_cancel")
    assert "other meetings in the series stay" in cancel.body
    calendar = attachment(cancel)
    assert calendar["METHOD"] == "CANCEL"
    (event,) = calendar.walk("VEVENT")
    assert event["UID"] == series.uid
    assert event.decoded("RECURRENCE-ID").astimezone(UTC) == third.recurrence_id


def test_cancelling_the_series_sends_one_cancel_for_all(series, personas):
    assert meeting_series_cancel(series=series, by=personas.mentee, now=NOW) == 4
    assert not Meeting.objects.scheduled().exists()
    (cancel,) = sent("relationships.meeting_cancel")
    assert "are cancelled" in cancel.body
    calendar = attachment(cancel)
    assert calendar["METHOD"] == "CANCEL"
    (event,) = calendar.walk("VEVENT")
    assert event["UID"] == series.uid and "RECURRENCE-ID" not in event
    assert event["STATUS"] == "CANCELLED" and event["SEQUENCE"] == 1


def test_only_the_pair_cancels_a_series(series, personas):
    from mentora.lib.errors import DomainError

    with pytest.raises(DomainError):
        meeting_series_cancel(series=series, by=personas.manager, now=NOW)


def test_the_feed_shows_the_series_once_with_its_changes(client, series, personas):
    meetings = list(series.meetings.all())
    meeting_reschedule(
        meeting=meetings[1],
        by=personas.mentee,
        starts_at=meetings[1].starts_at + timedelta(hours=1),
        now=NOW,
    )
    meeting_cancel(meeting=meetings[2], by=personas.mentee, now=NOW)
    _, token = calendar_feed_create(user=personas.mentee)
    body = client.get(reverse("notifications:feed", args=[token])).content
    calendar = Calendar.from_ical(body)
    masters = [e for e in calendar.walk("VEVENT") if "RRULE" in e]
    assert len(masters) == 1 and masters[0]["UID"] == series.uid
    assert "EXDATE" in masters[0]
    occurrences = [
        e.decoded("DTSTART").astimezone(UTC)
        for e in recurring_ical_events.of(calendar).between(NOW, NOW + timedelta(days=60))
    ]
    fresh = list(Meeting.objects.filter(series=series).scheduled())
    assert occurrences == [m.starts_at for m in fresh]
    assert len(occurrences) == 3


@pytest.mark.parametrize("day", [28, 29, 30, 31])
def test_monthly_series_on_late_days_match_their_rrule(active, personas, day):
    series = meeting_schedule_recurring(
        relationship=active,
        by=personas.mentor,
        local_start=datetime(2026, 3, day, 9, 0),
        count=6,
        cadence="monthly",
        now=NOW,
    )
    meetings = list(series.meetings.all())
    calendar = Calendar.from_ical(series_ics(series, meetings, method="REQUEST", stamp=NOW))
    starts = [
        e.decoded("DTSTART").astimezone(UTC)
        for e in recurring_ical_events.of(calendar).between(NOW, NOW + timedelta(days=400))
    ]
    assert starts == [m.starts_at for m in meetings]


def test_the_feed_keeps_the_video_link_out(series):
    meetings = list(series.meetings.all())
    for m in meetings:
        m.video_url = "https://meet.example.org/Mentora-secretroom"
    text = feed_ics(meetings, name="x", stamp=NOW)
    assert "secretroom" not in text
