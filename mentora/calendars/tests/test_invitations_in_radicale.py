"""The invitations Mentora sends, loaded into a real CalDAV server and read back from it.

Radicale expands the series' RRULE itself (server-side `expand`), so this checks that another
implementation than ours reads the same meetings: the series, a moved occurrence merged in
the way a calendar app merges an update, the feed with a cancelled occurrence, and the series'
cancellation matching the stored event.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import caldav
import pytest
from django.urls import reverse
from icalendar import Calendar

from mentora.notifications.models import OutboxMessage
from mentora.notifications.services import calendar_feed_create
from mentora.relationships.services.meetings import (
    meeting_cancel,
    meeting_reschedule,
    meeting_schedule_recurring,
    meeting_series_cancel,
)
from mentora.relationships.tests.conftest import NOW

pytestmark = pytest.mark.django_db
WINDOW = (NOW, NOW + timedelta(days=90))


@pytest.fixture
def dav_calendar(radicale):
    client = caldav.DAVClient(
        url=radicale.url,
        username=radicale.username,
        password=radicale.password,
        enable_rfc6764=False,
        require_tls=False,
    )
    calendar = client.principal().make_calendar(name=f"Invites {uuid.uuid4().hex[:6]}")
    yield calendar
    calendar.delete()


def as_stored(ics: str) -> str:
    """What a calendar app stores from an invitation: the same events, without METHOD."""
    calendar = Calendar.from_ical(ics)
    calendar.pop("METHOD", None)
    return calendar.to_ical().decode()


def starts_in(dav_calendar) -> list[datetime]:
    found = dav_calendar.search(start=WINDOW[0], end=WINDOW[1], event=True, expand=True)
    return sorted(
        e.decoded("DTSTART").astimezone(UTC)
        for item in found
        for e in item.icalendar_instance.walk("VEVENT")
    )


def latest(kind: str) -> str:
    message = OutboxMessage.objects.filter(kind=kind).order_by("-pk").first()
    return message.attachments[0]["content"]


def test_radicale_reads_the_series_its_changes_and_its_cancellation(
    client, active, personas, dav_calendar
):
    series = meeting_schedule_recurring(
        relationship=active,
        by=personas.mentor,
        local_start=datetime(2026, 3, 16, 9, 0),
        count=4,
        cadence="weekly",
        now=NOW,
    )
    meetings = list(series.meetings.all())
    stored = dav_calendar.save_event(as_stored(latest("relationships.meeting_invite")))
    assert starts_in(dav_calendar) == [m.starts_at for m in meetings]

    # Marco moves the second meeting: the update is one occurrence (RECURRENCE-ID) that the
    # calendar app adds to the event it has, as Radicale then expands.
    moved_to = meetings[1].starts_at + timedelta(hours=2)
    meeting_reschedule(meeting=meetings[1], by=personas.mentor, starts_at=moved_to, now=NOW)
    update = Calendar.from_ical(latest("relationships.meeting_invite"))
    (occurrence,) = update.walk("VEVENT")
    assert occurrence["UID"] == series.uid
    whole = Calendar.from_ical(stored.data)
    whole.add_component(occurrence)
    stored.data = whole.to_ical().decode()
    stored.save()
    expected = sorted(
        [meetings[0].starts_at, moved_to, meetings[2].starts_at, meetings[3].starts_at]
    )
    assert starts_in(dav_calendar) == expected

    # Maya cancels the third one; the feed shows it as an EXDATE, which Radicale honours.
    meeting_cancel(meeting=meetings[2], by=personas.mentee, now=NOW)
    _, token = calendar_feed_create(user=personas.mentee)
    feed = client.get(reverse("notifications:feed", args=[token])).content.decode()
    stored.delete()
    dav_calendar.save_event(as_stored(feed))
    assert starts_in(dav_calendar) == [meetings[0].starts_at, moved_to, meetings[3].starts_at]

    # Cancelling the series sends a CANCEL for the very event the server holds.
    meeting_series_cancel(series=series, by=personas.mentee, now=NOW)
    cancel = Calendar.from_ical(latest("relationships.meeting_cancel"))
    assert cancel["METHOD"] == "CANCEL"
    held = dav_calendar.object_by_uid(str(cancel.walk("VEVENT")[0]["UID"]))
    held.delete()
    assert starts_in(dav_calendar) == []
