"""Reading calendar files for busy times: repeats, all-day events, and every kind of bad file."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from mentora.calendars.ical import HTML_ANSWER, MAX_EVENTS, busy_from_ics, merge
from mentora.calendars.tests.servers import DATA
from mentora.lib.errors import DomainError

WEEK = (datetime(2026, 3, 2, tzinfo=UTC), datetime(2026, 3, 9, tzinfo=UTC))  # Monday to Monday
GOOGLE = (DATA / "google_work.ics").read_bytes()


def read(body: bytes, tz: str = "Europe/Berlin", **kwargs):
    return busy_from_ics(body, start=WEEK[0], end=WEEK[1], tz=tz, **kwargs)


def test_it_expands_repeats_and_reads_all_day_events_in_the_persons_zone():
    intervals = read(GOOGLE).intervals
    # Stand-up Monday to Thursday 09:30 Berlin (08:30 UTC in winter), planning Tuesday 14:00
    # for 90 minutes, and Friday all day from Berlin midnight.
    assert (
        datetime(2026, 3, 2, 8, 30, tzinfo=UTC),
        datetime(2026, 3, 2, 9, tzinfo=UTC),
    ) in intervals
    assert (
        datetime(2026, 3, 3, 13, tzinfo=UTC),
        datetime(2026, 3, 3, 14, 30, tzinfo=UTC),
    ) in intervals
    assert (datetime(2026, 3, 5, 23, tzinfo=UTC), datetime(2026, 3, 6, 23, tzinfo=UTC)) in intervals
    assert len(intervals) == 6  # 4 stand-ups, 1 planning, 1 Friday; free and cancelled left out


def test_it_leaves_out_free_and_cancelled_events():
    intervals = read(GOOGLE).intervals
    # The "Home" working-location event covers every weekday but is marked free.
    assert not any(
        end - start == timedelta(days=1) and start.weekday() == 0 for start, end in intervals
    )


def test_it_refuses_a_web_page_with_the_message_that_says_what_to_copy():
    with pytest.raises(DomainError) as refused:
        read(b"<!DOCTYPE html><html><body>Sign in to Google</body></html>")
    assert refused.value.message == HTML_ANSWER
    assert "secret address in iCal format" in refused.value.message
    with pytest.raises(DomainError):
        read(b"BEGIN:VCALENDAR", content_type="text/html; charset=utf-8")


def test_it_refuses_what_is_not_a_calendar_or_is_damaged():
    with pytest.raises(DomainError, match="not a calendar"):
        read(b'{"events": []}')
    with pytest.raises(DomainError, match="damaged"):
        read(b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:notadate\r\nEND:VCALENDAR\r\n")


def test_it_skips_a_broken_repeat_rule_and_counts_it():
    broken = GOOGLE.replace(b"RRULE:FREQ=WEEKLY;BYDAY=TU", b"RRULE:FREQ=FORTNIGHTLY;BYDAY=XX")
    result = read(broken)
    assert result.skipped == 1
    assert len(result.intervals) == 5  # everything else still read


def test_it_refuses_ten_thousand_events_with_what_to_do_instead():
    event = (
        "BEGIN:VEVENT\r\nUID:e{n}@example.com\r\nDTSTAMP:20260101T000000Z\r\n"
        "DTSTART:20200101T090000Z\r\nDTEND:20200101T100000Z\r\nEND:VEVENT\r\n"
    )
    body = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//y//EN\r\n"
        + "".join(event.format(n=n) for n in range(10_000))
        + "END:VCALENDAR\r\n"
    ).encode()
    with pytest.raises(DomainError) as refused:
        read(body)
    assert f"more than {MAX_EVENTS:,} events" in refused.value.message
    assert "CalDAV" in refused.value.message


def test_it_reads_floating_times_in_the_persons_own_zone():
    body = (
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//y//EN\r\nBEGIN:VEVENT\r\nUID:f@x\r\n"
        b"DTSTAMP:20260101T000000Z\r\nDTSTART:20260304T100000\r\nDTEND:20260304T110000\r\n"
        b"END:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    assert read(body, tz="America/New_York").intervals == [
        (datetime(2026, 3, 4, 15, tzinfo=UTC), datetime(2026, 3, 4, 16, tzinfo=UTC))
    ]


def test_it_merges_overlapping_busy_times():
    a = datetime(2026, 3, 2, 9, tzinfo=UTC)
    hour = timedelta(hours=1)
    assert merge([(a + hour, a + 3 * hour), (a, a + 2 * hour), (a + 5 * hour, a + 6 * hour)]) == [
        (a, a + 3 * hour),
        (a + 5 * hour, a + 6 * hour),
    ]
