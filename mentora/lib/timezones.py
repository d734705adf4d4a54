"""IANA time zone helpers."""

from __future__ import annotations

import zoneinfo
from functools import lru_cache


@lru_cache(maxsize=1)
def available_timezones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def is_valid_timezone(name: str) -> bool:
    return name in available_timezones()


def timezone_choices() -> list[tuple[str, str]]:
    # The label reads as words ("America/New York"); the value stays the IANA name.
    return [
        (tz, tz.replace("_", " "))
        for tz in sorted(available_timezones())
        if "/" in tz or tz == "UTC"
    ]
