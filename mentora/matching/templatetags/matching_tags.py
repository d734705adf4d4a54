"""Template tags for "why we matched you" on relationship pages."""

from __future__ import annotations

from typing import Any

from django import template

from mentora.matching.models import MatchExplanation
from mentora.matching.scores import score_100
from mentora.matching.selectors import why_matched
from mentora.matching.wording import contributions_for

register = template.Library()


@register.simple_tag
def why_matched_for(relationship: Any, viewer: Any) -> Any:
    """The stored explanation of a pair (published match or chosen recommendation), if the
    viewer may see it, with the reasons worded for the viewer (the engine writes them to the
    mentee; the mentor reads them turned round, a manager in the third person)."""
    explanation = why_matched(relationship, viewer)
    if explanation is None:
        return None
    member = viewer.pk in (relationship.mentee_id, relationship.mentor_id)
    return {
        "score": explanation.score,
        "pinned": explanation.pinned,
        "chosen": explanation.source == MatchExplanation.Source.CHOICE,
        "member": member,
        "contributions": contributions_for(
            explanation.contributions,
            mentor_side=viewer.pk == relationship.mentor_id,
            manager=not member,
            mentee_name=relationship.mentee.get_short_name(),
            mentor_name=relationship.mentor.get_short_name(),
        ),
    }


@register.filter
def plural(label: str) -> str:
    """A role label in the plural: mentors, coaches, peers."""
    return f"{label}es" if label.endswith(("ch", "sh", "s", "x")) else f"{label}s"


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
