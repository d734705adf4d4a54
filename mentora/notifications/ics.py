"""iCalendar (.ics) for meetings: invitations, updates and cancellations, and personal feeds.

A single meeting is one VEVENT. A series is one VEVENT with an RRULE in the organiser's time
zone (so it keeps its local time across daylight-saving changes); a moved occurrence is an
extra VEVENT with the series' UID and a RECURRENCE-ID, a cancelled one an EXDATE of the series
(or, sent on its own, a METHOD:CANCEL with its RECURRENCE-ID); a cancelled series is the
series' VEVENT with METHOD:CANCEL (docs/decisions/0104-one-invitation-per-series.md).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, vCalAddress, vText

PRODID = "-//Mentora//Mentoring meetings//EN"


def _address(user: object) -> vCalAddress:
    address = vCalAddress(f"MAILTO:{user.email}")  # type: ignore[attr-defined]
    address.params["cn"] = vText(str(user))
    return address


def _people(event: Event, meeting: Any) -> None:
    relationship = meeting.relationship
    event["organizer"] = _address(meeting.organiser)
    for person in (relationship.mentee, relationship.mentor):
        event.add(
            "attendee",
            _address(person),
            parameters={"ROLE": "REQ-PARTICIPANT", "PARTSTAT": "NEEDS-ACTION", "RSVP": "FALSE"},
        )


def _details(event: Event, meeting: Any, *, video: str, for_feed: bool) -> None:
    """Description, place and video link: the invitation's, never the feed's."""
    relationship = meeting.relationship
    if for_feed:
        event.add("description", "Agenda and notes in Mentora.")
        return
    lines = [f"{relationship.program} — agenda and notes in Mentora."]
    if video:
        lines.insert(0, f"Join the video call: {video}")
    event.add("description", "\n".join(lines))
    location = meeting.location or video
    if location:
        event.add("location", location)
    if video:
        # RFC 7986 CONFERENCE; calendars that do not know it show the location and description.
        event.add("conference", video, parameters={"VALUE": "URI", "FEATURE": "VIDEO"})
        event.add("url", video)
    _people(event, meeting)


def _summary(meeting: Any) -> str:
    relationship = meeting.relationship
    return f"{relationship.get_kind_display()}: {relationship.mentee} & {relationship.mentor}"


def meeting_event(meeting: object, *, stamp: datetime, for_feed: bool = False) -> Event:
    """One VEVENT for a meeting; UID stays the same for its life, SEQUENCE grows per change.

    `for_feed`: the private feed is a bearer URL handed to third-party calendar services, so it
    carries times and names only (docs/privacy.md) — no place, no program, no email addresses,
    no video link. The person's own invitations keep them.

    A meeting of a series is that series' occurrence: the series' UID and its RECURRENCE-ID.
    """
    m: Any = meeting
    series = getattr(m, "series", None)
    event = Event()
    if series is not None and m.recurrence_id is not None:
        zone = ZoneInfo(series.timezone)
        event.add("uid", series.uid)
        event.add("recurrence-id", m.recurrence_id.astimezone(zone))
        event.add("dtstart", m.starts_at.astimezone(zone))
        event.add("dtend", m.ends_at.astimezone(zone))
    else:
        event.add("uid", m.uid)
        event.add("dtstart", m.starts_at)
        event.add("dtend", m.ends_at)
    event.add("dtstamp", stamp)
    event.add("sequence", m.sequence)
    event.add("summary", _summary(m))
    event.add("status", "CANCELLED" if m.status == "cancelled" else "CONFIRMED")
    _details(event, m, video=m.video_url, for_feed=for_feed)
    return event


def series_rrule(series: Any) -> dict[str, Any]:
    """The series' cadence as an RRULE (a monthly day past the 28th keeps to the month's end)."""
    if series.cadence == "monthly":
        day = series.first_date.day
        if day <= 28:
            return {"freq": "monthly", "bymonthday": day, "count": series.count}
        if day == 31:
            return {"freq": "monthly", "bymonthday": -1, "count": series.count}
        return {"freq": "monthly", "bymonthday": [day, -1], "bysetpos": 1, "count": series.count}
    interval = 2 if series.cadence == "biweekly" else 1
    return {"freq": "weekly", "interval": interval, "count": series.count}


def series_events(
    series: object, meetings: Iterable[object], *, stamp: datetime, for_feed: bool = False
) -> list[Event]:
    """The series' VEVENT (RRULE, EXDATE of cancelled meetings) and one per moved meeting."""
    s: Any = series
    zone = ZoneInfo(s.timezone)
    meetings = sorted(meetings, key=lambda m: m.recurrence_id or m.starts_at)  # type: ignore[attr-defined]
    if not meetings:
        return []
    first: Any = meetings[0]
    start = datetime.combine(s.first_date, s.local_time, tzinfo=zone)
    master = Event()
    master.add("uid", s.uid)
    master.add("dtstamp", stamp)
    master.add("dtstart", start)
    master.add("dtend", start + timedelta(minutes=first.duration_minutes))
    master.add("rrule", series_rrule(s))
    master.add("sequence", s.sequence)
    master.add("summary", _summary(first))
    master.add("status", "CANCELLED" if s.cancelled_at else "CONFIRMED")
    _details(master, first, video=s.video_url or first.video_url, for_feed=for_feed)
    events = [master]
    if s.cancelled_at:
        return events
    cancelled = [m.recurrence_id for m in meetings if m.status == "cancelled" and m.recurrence_id]  # type: ignore[attr-defined]
    if cancelled:
        master.add("exdate", [moment.astimezone(zone) for moment in cancelled])
    for meeting in meetings:
        m: Any = meeting
        if m.status == "cancelled" or m.recurrence_id is None:
            continue
        if m.starts_at != m.recurrence_id or m.duration_minutes != first.duration_minutes:
            events.append(meeting_event(m, stamp=stamp, for_feed=for_feed))
    return events


def _calendar(method: str | None) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    if method:
        calendar.add("method", method)
    return calendar


def _finish(calendar: Calendar) -> str:
    """Add a VTIMEZONE for each zone used, covering only the years the events need.

    The full 1970–2038 table is hundreds of RDATEs; vobject (and so Radicale) misreads such a
    table, so the range runs from the first event to five years after the last start (a
    monthly series of 52 meetings fits)."""
    starts = [e.decoded("DTSTART") for e in calendar.walk("VEVENT") if e.get("DTSTART")]
    days = [s.date() if isinstance(s, datetime) else s for s in starts]
    if days:
        calendar.add_missing_timezones(
            first_date=min(days) - timedelta(days=7),
            last_date=max(days) + timedelta(days=5 * 366),
        )
    return calendar.to_ical().decode()


def meeting_ics(meeting: object, *, method: str, stamp: datetime) -> str:
    """An invitation (METHOD:REQUEST) or cancellation (METHOD:CANCEL) for one meeting.

    For a meeting of a series this is that one occurrence (its RECURRENCE-ID).
    """
    calendar = _calendar(method)
    calendar.add_component(meeting_event(meeting, stamp=stamp))
    return _finish(calendar)


def series_ics(series: object, meetings: Iterable[object], *, method: str, stamp: datetime) -> str:
    """One invitation for a whole series (REQUEST), or its cancellation (CANCEL)."""
    calendar = _calendar(method)
    for event in series_events(series, meetings, stamp=stamp):
        calendar.add_component(event)
    return _finish(calendar)


def feed_ics(meetings: Iterable[object], *, name: str, stamp: datetime) -> str:
    """A subscribable calendar of a person's meetings: each series once, with its RRULE."""
    calendar = _calendar("PUBLISH")
    calendar.add("x-wr-calname", name)
    by_series: dict[int, tuple[object, list[object]]] = {}
    for meeting in meetings:
        m: Any = meeting
        if m.series_id and m.recurrence_id is not None:
            by_series.setdefault(m.series_id, (m.series, []))[1].append(m)
        else:
            calendar.add_component(meeting_event(m, stamp=stamp, for_feed=True))
    for series, members in by_series.values():
        for event in series_events(series, members, stamp=stamp, for_feed=True):
            calendar.add_component(event)
    return _finish(calendar)
