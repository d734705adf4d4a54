"""The free-slot finder: times that suit two (or more) people, from what each can share.

Pure: each person comes in as a time zone, weekly windows in that zone and busy stretches in
UTC (their Mentora meetings and connected calendars merged). Nobody's calendar goes in, only
busy/free, so nothing about it can come out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

STEP = timedelta(minutes=30)
# Without windows of their own, a person is taken to be free on weekdays, 09:00 to 17:00
# in their own time zone (docs/decisions/0101-free-slot-finder.md).
WORKING_HOURS = tuple((day, time(9), time(17)) for day in range(5))


@dataclass(frozen=True)
class PersonTimes:
    """What the finder knows of one person."""

    tz: str
    windows: tuple[tuple[int, time, time], ...] = ()  # (weekday 0=Monday, start, end), local
    busy: tuple[tuple[datetime, datetime], ...] = field(default=())


def _fits_window(person: PersonTimes, start: datetime, end: datetime) -> bool:
    zone = ZoneInfo(person.tz)
    local_start, local_end = start.astimezone(zone), end.astimezone(zone)
    if local_end.date() != local_start.date() and local_end.time() != time(0):
        return False
    day = local_start.weekday()
    finish = local_end.time() if local_end.time() != time(0) else time(23, 59, 59)
    return any(
        weekday == day and opens <= local_start.time() and finish <= closes
        for weekday, opens, closes in (person.windows or WORKING_HOURS)
    )


def _is_free(person: PersonTimes, start: datetime, end: datetime) -> bool:
    return all(end <= busy_start or start >= busy_end for busy_start, busy_end in person.busy)


def _round_up(moment: datetime) -> datetime:
    moment = moment.astimezone(UTC).replace(second=0, microsecond=0)
    extra = moment.minute % 30
    return moment + timedelta(minutes=(30 - extra) % 30)


def free_slots(
    people: list[PersonTimes],
    *,
    minutes: int,
    after: datetime,
    days: int = 21,
    count: int = 5,
) -> list[datetime]:
    """Up to `count` start times (UTC) within `days` from `after`, one a day where possible.

    Spreading the slots over different days gives the other person a real choice; when fewer
    days have room, later slots of the same days fill the list.
    """
    length = timedelta(minutes=minutes)
    moment, horizon = _round_up(after), after + timedelta(days=days)
    candidates: list[datetime] = []
    while moment + length <= horizon:
        end = moment + length
        if all(_fits_window(p, moment, end) and _is_free(p, moment, end) for p in people):
            candidates.append(moment)
        moment += STEP
    chosen: list[datetime] = []
    seen_days: set[object] = set()
    zone = ZoneInfo(people[0].tz) if people else UTC
    for slot in candidates:
        day = slot.astimezone(zone).date()
        if day not in seen_days:
            chosen.append(slot)
            seen_days.add(day)
        if len(chosen) == count:
            return chosen
    for slot in candidates:
        if len(chosen) == count:
            break
        if slot not in chosen and all(abs(slot - c) >= length for c in chosen):
            chosen.append(slot)
    return sorted(chosen)
