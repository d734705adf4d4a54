"""Reads for the free-slot finder: a person's windows, zone and busy times (never details)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from mentora.calendars.models import BusyInterval, CalendarConnection
from mentora.calendars.slots import PersonTimes
from mentora.people.models import AvailabilityWindow, Profile


def calendar_busy(*, user: Any, start: datetime, end: datetime) -> list[tuple[datetime, datetime]]:
    """Busy stretches of the person's connected calendars overlapping [start, end)."""
    return list(
        BusyInterval.objects.filter(
            connection__user=user, starts_at__lt=end, ends_at__gt=start
        ).values_list("starts_at", "ends_at")
    )


def person_times(
    *, user: Any, start: datetime, end: datetime, also_busy: list[tuple[datetime, datetime]]
) -> PersonTimes:
    """What the finder may know of a person: zone, weekly windows, busy stretches."""
    profile = Profile.objects.filter(user=user).only("pk", "timezone").first()
    windows: tuple = ()
    if profile is not None:
        windows = tuple(
            AvailabilityWindow.objects.filter(profile=profile).values_list(
                "weekday", "starts_at", "ends_at"
            )
        )
    busy = calendar_busy(user=user, start=start, end=end) + list(also_busy)
    return PersonTimes(tz=profile.timezone if profile else "UTC", windows=windows, busy=tuple(busy))


def connections_of(user: Any) -> list[CalendarConnection]:
    """The person's own connections (only they ever see them)."""
    return list(CalendarConnection.objects.filter(user=user))


def has_calendar(user: Any) -> bool:
    return CalendarConnection.objects.filter(user=user).exists()
