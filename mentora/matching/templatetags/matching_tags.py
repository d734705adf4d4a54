"""Template tags for "why we matched you" on relationship pages."""

from __future__ import annotations

from typing import Any

from django import template

from mentora.matching.reasons import CONSTRAINT_TEXT, _join, people_name
from mentora.matching.reasons import plural as reasons_plural
from mentora.matching.scores import score_100
from mentora.matching.selectors import why_matched_worded

register = template.Library()


@register.simple_tag
def why_matched_for(relationship: Any, viewer: Any) -> Any:
    """The pair's explanation worded for the viewer, if they may see it (see the selector)."""
    return why_matched_worded(relationship, viewer)


@register.filter
def plural(label: str) -> str:
    """A role label in the plural: mentors, coaches, peers."""
    return reasons_plural(label)


@register.filter
def rules_text(codes: Any) -> str:
    """Hard rules a pairing breaks, in words: "in the same reporting line"
    (so a move never shows a rule's code)."""
    return _join(CONSTRAINT_TEXT.get(str(c), str(c).replace("_", " ")) for c in codes or ())


@register.filter
def goes_by(user: Any) -> str:
    """The name a person goes by (preferred name, else full name)."""
    return people_name(user)


@register.filter
def out_of_100(score: float | None) -> str:
    """A 0–1 score as people read it everywhere: a whole number out of 100 ("88")."""
    return "—" if score is None else str(score_100(score))


@register.filter
def points(contribution: float | None) -> str:
    """A factor's contribution in points of the 100 (one decimal), signed for changes."""
    return "—" if contribution is None else f"{contribution * 100:.1f}"


@register.filter
def signed_points(delta: float | None) -> str:
    """A change of score in points out of 100: "+7", "−3", "0"."""
    if delta is None:
        return "—"
    n = score_100(delta)
    return f"+{n}" if n > 0 else (f"−{-n}" if n < 0 else "0")
