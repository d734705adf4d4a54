"""Reading a calendar file for busy times only: what is kept is a list of (start, end).

Titles, descriptions, attendees and places are never read into anything that is stored: the
parser hands back bare intervals. Repeating events are expanded with `recurring-ical-events`
(on `icalendar`), all-day and floating events are read in the person's own time zone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import recurring_ical_events
from icalendar import Calendar

from mentora.lib.errors import DomainError

MAX_EVENTS = 5000  # events in the file (a calendar's whole history counts)
MAX_BUSY = 2000  # busy stretches in the weeks Mentora looks at

HTML_ANSWER = (
    "Your calendar link answered with a web page, not a calendar: copy the "
    "'secret address in iCal format' (it ends in .ics) from your calendar's settings."
)
NOT_A_CALENDAR = (
    "Your calendar link answered with something that is not a calendar: copy the "
    "'secret address in iCal format' (it ends in .ics) from your calendar's settings."
)
UNREADABLE = (
    "Your calendar could not be read: the file it sent is damaged. Open the calendar in its "
    "own app to check it, then copy its iCal address again."
)


@dataclass(frozen=True)
class BusyRead:
    """What a calendar said: busy stretches in UTC, merged, and how many events were left out."""

    intervals: list[tuple[datetime, datetime]]
    skipped: int = 0


def looks_like_html(body: bytes, content_type: str = "") -> bool:
    """A sign-in page or a calendar's web view instead of the calendar file."""
    head = body[:512].lstrip().lower()
    return "html" in content_type.lower() or head.startswith((b"<!doctype", b"<html", b"<?xml"))


def merge(intervals: list[tuple[datetime, datetime]]) -> list[tuple[datetime, datetime]]:
    """Overlapping or touching stretches become one."""
    merged: list[tuple[datetime, datetime]] = []
    for start, end in sorted(intervals):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _moment(value: date | datetime, zone: ZoneInfo) -> datetime:
    if isinstance(value, datetime):
        if value.tzinfo is None:  # floating time: the person's own wall clock
            value = value.replace(tzinfo=zone)
        return value.astimezone(UTC)
    return datetime.combine(value, time(0), tzinfo=zone).astimezone(UTC)


def _is_free(event: object) -> bool:
    get = event.get  # type: ignore[attr-defined]
    return (
        str(get("TRANSP", "")).upper() == "TRANSPARENT"
        or str(get("STATUS", "")).upper() == "CANCELLED"
        or str(get("X-MICROSOFT-CDO-BUSYSTATUS", "")).upper() == "FREE"
    )


def _span(event: object, zone: ZoneInfo) -> tuple[datetime, datetime] | None:
    get = event.get  # type: ignore[attr-defined]
    if get("DTSTART") is None:
        return None
    raw_start = get("DTSTART").dt
    start = _moment(raw_start, zone)
    if get("DTEND") is not None:
        end = _moment(get("DTEND").dt, zone)
    elif get("DURATION") is not None:
        end = start + get("DURATION").dt
    elif isinstance(raw_start, datetime):
        end = start
    else:
        end = _moment(raw_start + timedelta(days=1), zone)
    return (start, end) if end > start else None


def _query(calendar: Calendar, start: datetime, end: datetime, *, skip: bool) -> list[object]:
    return list(recurring_ical_events.of(calendar, skip_bad_series=skip).between(start, end))


def _bad_series(calendar: Calendar, start: datetime, end: datetime) -> int:
    """How many repeating events cannot be expanded (each tried on its own)."""
    bad = 0
    for event in calendar.walk("VEVENT"):
        if event.get("RRULE") is None:
            continue
        single = Calendar()
        for timezone in calendar.walk("VTIMEZONE"):
            single.add_component(timezone)
        single.add_component(event)
        try:
            _query(single, start, end, skip=False)
        except Exception:  # noqa: BLE001 - any failure of one series is that series' fault
            bad += 1
    return bad


def busy_from_ics(
    body: bytes, *, start: datetime, end: datetime, tz: str, content_type: str = ""
) -> BusyRead:
    """The busy stretches between `start` and `end`, or DomainError saying what to fix."""
    if looks_like_html(body, content_type):
        raise DomainError(HTML_ANSWER, field="url")
    if b"BEGIN:VCALENDAR" not in body[:4096].upper():
        raise DomainError(NOT_A_CALENDAR, field="url")
    if body.upper().count(b"BEGIN:VEVENT") > MAX_EVENTS:
        raise DomainError(
            f"Your calendar has more than {MAX_EVENTS:,} events, more than Mentora reads. "
            "Connect a smaller calendar (your work calendar only), or connect over CalDAV, "
            "which sends only busy times.",
            field="url",
        )
    try:
        calendar = Calendar.from_ical(body.decode("utf-8", errors="replace"))
    except Exception:  # noqa: BLE001 - the parser's many errors all mean "damaged file"
        raise DomainError(UNREADABLE, field="url") from None
    zone = ZoneInfo(tz)
    skipped = 0
    try:
        events = _query(calendar, start, end, skip=False)
    except Exception:  # noqa: BLE001 - a broken repeat rule: leave that series out
        skipped = _bad_series(calendar, start, end)
        try:
            events = _query(calendar, start, end, skip=True)
        except Exception:  # noqa: BLE001
            raise DomainError(UNREADABLE, field="url") from None
    spans = []
    for event in events:
        if _is_free(event):
            continue
        span = _span(event, zone)
        if span is not None:
            spans.append(span)
    intervals = merge(spans)
    if len(intervals) > MAX_BUSY:
        raise DomainError(
            f"Your calendar has more than {MAX_BUSY:,} busy times in the next weeks, more "
            "than Mentora reads. Connect a calendar without all-hours repeating events.",
            field="url",
        )
    return BusyRead(intervals=intervals, skipped=skipped)
