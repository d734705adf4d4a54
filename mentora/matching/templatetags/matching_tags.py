"""Template tags for "why we matched you" on relationship pages."""

from __future__ import annotations

from typing import Any

from django import template

from mentora.matching.models import MatchExplanation
from mentora.matching.reasons import people_name, worded
from mentora.matching.reasons import plural as reasons_plural
from mentora.matching.scores import score_100
from mentora.matching.selectors import why_matched

register = template.Library()


@register.simple_tag
def why_matched_for(relationship: Any, viewer: Any) -> Any:
    """The stored explanation of a pair (published match or chosen recommendation), if the
    viewer may see it, with the reasons worded for the viewer: the mentee about their mentor,
    the mentor about their mentee, anyone else (a manager) about both by name. Only the
    factors that are reasons for the match are listed."""
    explanation = why_matched(relationship, viewer)
    if explanation is None:
        return None
    member = viewer.pk in (relationship.mentee_id, relationship.mentor_id)
    return {
        "score": explanation.score,
        "pinned": explanation.pinned,
        "chosen": explanation.source == MatchExplanation.Source.CHOICE,
        "member": member,
        "contributions": [
            r.as_dict()
            for r in worded(
                explanation.contributions,
                voice=("mentor" if viewer.pk == relationship.mentor_id
                       else "mentee" if viewer.pk == relationship.mentee_id else "manager"),
                mentee=people_name(relationship.mentee),
                mentor=people_name(relationship.mentor),
                mentor_word=relationship.program.mentor_label,
                mentee_word=relationship.program.mentee_label,
            )
        ],
    }


@register.filter
def plural(label: str) -> str:
    """A role label in the plural: mentors, coaches, peers."""
    return reasons_plural(label)


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
