"""Calendar feeds and .ics invitations validate against RFC 5545 in two independent parsers:
`icalendar` (which wrote them) and `vobject` (which did not), plus checks of the RFC's own
rules — CRLF line endings, 75-octet folding, required properties, UTC times."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
import vobject
from django.urls import reverse
from icalendar import Calendar

from mentora.notifications.models import OutboxMessage
from mentora.notifications.services import calendar_feed_create
from mentora.relationships.services.meetings import (
    meeting_cancel,
    meeting_reschedule,
    meeting_schedule,
    meeting_schedule_recurring,
)

from .conftest import NOW

pytestmark = pytest.mark.django_db


def rfc5545_lines(text: str) -> list[str]:
    """Check the content-line rules and return the unfolded lines."""
    raw = text.encode()
    assert raw.endswith(b"\r\n"), "a calendar ends with CRLF"
    assert b"\n" not in raw.replace(b"\r\n", b""), "every line ends with CRLF, never bare LF"
    for line in raw.split(b"\r\n"):
        assert len(line) <= 75, f"line longer than 75 octets: {line[:40]!r}…"
    return text.replace("\r\n ", "").replace("\r\n\t", "").split("\r\n")[:-1]


def check_both_parsers(text: str, *, events: int, attendees: bool = True) -> list[dict]:
    """Parse with icalendar and vobject; they must agree on every event.

    `attendees=False` for the private feed, which names the people in the summary only (no
    email addresses: docs/privacy.md)."""
    lines = rfc5545_lines(text)
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    first = Calendar.from_ical(text)
    assert str(first["VERSION"]) == "2.0" and first.get("PRODID")
    second = vobject.readOne(text, validate=True)
    assert second.version.value == "2.0" and second.prodid.value
    ours = [c for c in first.walk("VEVENT")]
    theirs = list(getattr(second, "vevent_list", []))
    assert len(ours) == len(theirs) == events
    found = []
    for a, b in zip(ours, theirs, strict=True):
        for required in ("UID", "DTSTAMP", "DTSTART"):
            assert a.get(required) is not None, required  # RFC 5545 §3.6.1: required once
        assert str(a["UID"]) == b.uid.value
        assert a.decoded("DTSTART") == b.dtstart.value
        assert a.decoded("DTEND") == b.dtend.value
        if "TZID" not in a["DTSTART"].params:  # a series keeps its organiser's zone (ADR 0104)
            assert b.dtstart.value.utcoffset() == timedelta(0)  # times in UTC ("Z")
        assert b.dtend.value > b.dtstart.value
        assert int(a["SEQUENCE"]) == int(b.sequence.value)
        assert str(a["STATUS"]) == b.status.value
        assert str(a["SUMMARY"]) == b.summary.value
        if attendees:
            assert len(b.attendee_list) == 2
            assert b.organizer.value.lower().startswith("mailto:")
        else:
            assert not hasattr(b, "attendee_list") and "LOCATION" not in a
        found.append({"uid": b.uid.value, "status": b.status.value,
                      "sequence": int(b.sequence.value), "start": b.dtstart.value})
    return found


def test_the_personal_feed_validates_in_both_parsers(client, active, personas):
    start = NOW + timedelta(days=400)
    meeting_schedule(relationship=active, by=personas.mentee, starts_at=start,
                     location="Café Ünïcode, room 4; a long location " * 3, now=NOW)
    series = meeting_schedule_recurring(
        relationship=active, by=personas.mentor, local_start=datetime(2027, 5, 3, 9, 30),
        count=4, cadence="weekly", tz="Europe/Paris", now=NOW,
    )
    _, token = calendar_feed_create(user=personas.mentee)
    response = client.get(reverse("notifications:feed", args=[token]))
    assert response["Content-Type"].startswith("text/calendar")
    # The meeting, and the series once with its RRULE (ADR 0104).
    events = check_both_parsers(response.content.decode(), events=2, attendees=False)
    assert events[0]["start"] == start
    assert {e["status"] for e in events} == {"CONFIRMED"}
    assert len({e["uid"] for e in events}) == 2
    parsed = vobject.readOne(response.content.decode())
    (repeating,) = [e for e in parsed.vevent_list if e.uid.value == series.uid]
    assert list(repeating.getrruleset()) == [m.starts_at for m in series.meetings.all()]


def test_invitations_updates_and_cancellations_validate_in_both_parsers(active, personas):
    meeting = meeting_schedule(
        relationship=active, by=personas.mentee, starts_at=NOW + timedelta(days=30), now=NOW
    )
    meeting_reschedule(meeting=meeting, by=personas.mentor,
                       starts_at=NOW + timedelta(days=31), now=NOW)
    meeting_cancel(meeting=meeting, by=personas.mentee, now=NOW)
    invitations = OutboxMessage.objects.filter(attachments__isnull=False).order_by("pk")
    seen = []
    for message in invitations:
        for attachment in message.attachments:
            assert attachment["mimetype"].startswith("text/calendar")
            method = vobject.readOne(attachment["content"]).method.value
            (event,) = check_both_parsers(attachment["content"], events=1)
            seen.append((method, event["sequence"], event["status"], event["uid"]))
    assert {s[3] for s in seen} == {meeting.uid}  # one UID for the meeting's whole life
    assert ("REQUEST", 0, "CONFIRMED") in {s[:3] for s in seen}
    assert ("REQUEST", 1, "CONFIRMED") in {s[:3] for s in seen}
    assert ("CANCEL", 2, "CANCELLED") in {s[:3] for s in seen}


def test_vobject_rejects_what_rfc5545_forbids():
    """The second parser is a real check: an event without its required DTSTAMP fails."""
    broken = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//y//EN\r\nBEGIN:VEVENT\r\nUID:1\r\n"
        "DTSTART:20270101T090000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    with pytest.raises(vobject.base.ValidateError, match="DTSTAMP"):
        vobject.readOne(broken, validate=True)
