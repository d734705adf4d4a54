"""One clock for time-dependent code, so tests can freeze it without a library."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

from django.utils import timezone

_frozen: list[datetime] = []


def now() -> datetime:
    """The current time (aware, UTC), or the frozen time inside `frozen_at`."""
    return _frozen[-1] if _frozen else timezone.now()


@contextmanager
def frozen_at(moment: datetime) -> Iterator[None]:
    """Make `now()` return `moment` inside the block (tests and time travel)."""
    if timezone.is_naive(moment):
        raise ValueError("frozen_at needs an aware datetime.")
    _frozen.append(moment)
    try:
        yield
    finally:
        _frozen.pop()
