"""Template helpers for how people read: counts with real plurals, avatars (docs/writing.md)."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()

_IRREGULAR = {"person": "people"}


def plural(word: str) -> str:
    """A noun in the plural: mentors, coaches, peers, people."""
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    return f"{word}es" if word.endswith(("ch", "sh", "s", "x")) else f"{word}s"


@register.filter
def count_of(count: Any, word: str) -> str:
    """ "1 coach", "6 coaches", "0 mentees": a number with its noun in the right form."""
    try:
        n = int(count)
    except (TypeError, ValueError):
        return f"{count} {plural(word)}"
    return f"{n} {word if n == 1 else plural(word)}"
