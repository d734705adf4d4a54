"""The free-slot finder: windows in each person's zone, busy times, spread over days."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from mentora.calendars.slots import PersonTimes, free_slots

MONDAY = datetime(2026, 3, 2, 6, 0, tzinfo=UTC)


def test_it_only_proposes_times_inside_both_peoples_windows_across_time_zones():
    # Maya in New York can meet 09:00-11:00, Marco in Paris 14:00-18:00, on weekdays: in the
    # week of 2 March (six hours apart) both suit only 15:00-17:00 Paris, 09:00-11:00 New York.
    maya = PersonTimes("America/New_York", tuple((d, time(9), time(11)) for d in range(5)))
    marco = PersonTimes("Europe/Paris", tuple((d, time(14), time(18)) for d in range(5)))
    slots = free_slots([maya, marco], minutes=60, after=MONDAY, days=5)
    assert 3 <= len(slots) <= 5
    for slot in slots:
        ny, paris = (
            slot.astimezone(ZoneInfo("America/New_York")),
            slot.astimezone(ZoneInfo("Europe/Paris")),
        )
        assert time(9) <= ny.time() and (ny + timedelta(hours=1)).time() <= time(11)
        assert time(14) <= paris.time() and (paris + timedelta(hours=1)).time() <= time(18)
    assert len({s.date() for s in slots}) == len(slots)  # one a day: a real choice


def test_it_avoids_busy_times_of_either_person():
    busy = tuple(
        (datetime(2026, 3, d, 8, tzinfo=UTC), datetime(2026, 3, d, 16, tzinfo=UTC)) for d in (2, 3)
    )
    maya = PersonTimes("UTC", busy=busy)  # no windows: weekdays 09:00-17:00
    marco = PersonTimes("UTC")
    slots = free_slots([maya, marco], minutes=45, after=MONDAY, days=7)
    assert slots[0] == datetime(2026, 3, 2, 16, 0, tzinfo=UTC) or slots[0].day >= 4
    for slot in slots:
        assert all(slot + timedelta(minutes=45) <= s or slot >= e for s, e in busy)


def test_it_proposes_nothing_when_nothing_overlaps():
    maya = PersonTimes("UTC", ((0, time(9), time(10)),))
    marco = PersonTimes("UTC", ((1, time(9), time(10)),))
    assert free_slots([maya, marco], minutes=30, after=MONDAY, days=14) == []


@settings(max_examples=40, deadline=None)
@given(
    minutes=st.sampled_from([15, 30, 45, 60, 90]),
    busy_hours=st.lists(st.integers(min_value=0, max_value=24 * 14), max_size=30),
)
def test_no_slot_ever_overlaps_a_busy_time(minutes, busy_hours):
    busy = tuple(
        (MONDAY + timedelta(hours=h), MONDAY + timedelta(hours=h, minutes=50)) for h in busy_hours
    )
    people = [PersonTimes("Europe/Berlin", busy=busy), PersonTimes("Asia/Tokyo")]
    for slot in free_slots(people, minutes=minutes, after=MONDAY, days=14):
        end = slot + timedelta(minutes=minutes)
        assert all(end <= s or slot >= e for s, e in busy)
