"""Recurring meeting times: the organiser's local wall-clock time, correct across DST."""

from __future__ import annotations

import calendar
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

STEP_DAYS = {"weekly": 7, "biweekly": 14}


def add_months(day: date, months: int) -> date:
    """The same day of the month `months` later, clamped to the month's last day."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def occurrences(local_start: datetime, *, cadence: str, count: int, tz: str) -> list[datetime]:
    """UTC start times of `count` meetings repeating at `cadence` from a naive local start.

    Each occurrence keeps the same local wall-clock time in `tz`, so a 09:00 Paris meeting
    stays at 09:00 Paris after the clocks change (its UTC time moves by an hour). A local
    time that does not exist on a spring-forward day is moved forward by the gap (fold=0).
    """
    if local_start.tzinfo is not None:
        raise ValueError("local_start must be a naive local wall-clock time.")
    zone = ZoneInfo(tz)
    result = []
    for index in range(count):
        if cadence == "monthly":
            day = add_months(local_start.date(), index)
        else:
            day = local_start.date() + timedelta(days=STEP_DAYS[cadence] * index)
        local = datetime.combine(day, local_start.time(), tzinfo=zone)
        # Round-trip through UTC normalises non-existent local times (spring-forward gaps).
        result.append(local.astimezone(UTC))
    return result
