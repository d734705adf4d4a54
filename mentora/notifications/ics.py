"""iCalendar (.ics) for meetings: invitations, updates and cancellations, and personal feeds."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from icalendar import Calendar, Event, vCalAddress, vText

PRODID = "-//Mentora//Mentoring meetings//EN"


def _address(user: object) -> vCalAddress:
    address = vCalAddress(f"MAILTO:{user.email}")  # type: ignore[attr-defined]
    address.params["cn"] = vText(str(user))
    return address


def meeting_event(meeting: object, *, stamp: datetime, for_feed: bool = False) -> Event:
    """One VEVENT for a meeting; UID stays the same for its life, SEQUENCE grows per change.

    `for_feed`: the private feed is a bearer URL handed to third-party calendar services, so it
    carries times and names only (docs/privacy.md) — no place, no program, no email addresses.
    The person's own invitations keep them.
    """
    relationship = meeting.relationship  # type: ignore[attr-defined]
    event = Event()
    event.add("uid", meeting.uid)  # type: ignore[attr-defined]
    event.add("dtstamp", stamp)
    event.add("dtstart", meeting.starts_at)  # type: ignore[attr-defined]
    event.add("dtend", meeting.ends_at)  # type: ignore[attr-defined]
    event.add("sequence", meeting.sequence)  # type: ignore[attr-defined]
    event.add(
        "summary",
        f"{relationship.get_kind_display()}: {relationship.mentee} & {relationship.mentor}",
    )
    cancelled = meeting.status == "cancelled"  # type: ignore[attr-defined]
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    if for_feed:
        event.add("description", "Agenda and notes in Mentora.")
        return event
    event.add("description", f"{relationship.program} — agenda and notes in Mentora.")
    if meeting.location:  # type: ignore[attr-defined]
        event.add("location", meeting.location)  # type: ignore[attr-defined]
    event["organizer"] = _address(meeting.organiser)  # type: ignore[attr-defined]
    for person in (relationship.mentee, relationship.mentor):
        event.add(
            "attendee",
            _address(person),
            parameters={"ROLE": "REQ-PARTICIPANT", "PARTSTAT": "NEEDS-ACTION", "RSVP": "FALSE"},
        )
    return event


def _calendar(method: str | None) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    if method:
        calendar.add("method", method)
    return calendar


def meeting_ics(meeting: object, *, method: str, stamp: datetime) -> str:
    """An invitation (METHOD:REQUEST) or cancellation (METHOD:CANCEL) for one meeting."""
    calendar = _calendar(method)
    calendar.add_component(meeting_event(meeting, stamp=stamp))
    return calendar.to_ical().decode()


def feed_ics(meetings: Iterable[object], *, name: str, stamp: datetime) -> str:
    """A subscribable calendar of a person's meetings."""
    calendar = _calendar("PUBLISH")
    calendar.add("x-wr-calname", name)
    for meeting in meetings:
        calendar.add_component(meeting_event(meeting, stamp=stamp, for_feed=True))
    return calendar.to_ical().decode()
