"""Free-text job titles (from the profile or the HRIS import) mapped to O*NET occupations.

Mentora never decides alone which occupation a job title is: it offers the closest ones
("did you mean") and the person confirms one. Until then their free text is kept as written.
"""

from __future__ import annotations

from dataclasses import dataclass

from mentora.careers.models import DataRelease
from mentora.careers.search import MAX_QUERY_LENGTH, Match, search_occupations

SUGGESTIONS = 3


@dataclass(frozen=True)
class RoleMapping:
    """A free-text role and the occupations it may be, best first."""

    field: str  # "target" or "current"
    text: str
    matches: list[Match]


def career_data_loaded() -> bool:
    return DataRelease.objects.current(DataRelease.Source.ONET) is not None


def suggest(field: str, text: str, *, limit: int = SUGGESTIONS) -> RoleMapping | None:
    """The occupations a free-text role may be; None when there is no text or no data."""
    text = " ".join(text.split())[:MAX_QUERY_LENGTH]
    if not text or not career_data_loaded():
        return None
    return RoleMapping(field=field, text=text, matches=search_occupations(text, limit=limit))
