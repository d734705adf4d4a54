"""Template tags for "why we matched you" on relationship pages."""

from __future__ import annotations

from typing import Any

from django import template

from mentora.matching.selectors import why_matched
from mentora.matching.wording import contributions_for

register = template.Library()


@register.simple_tag
def why_matched_for(relationship: Any, viewer: Any) -> Any:
    """The stored explanation of a published pair, if the viewer may see it, with the reasons
    worded for the viewer's side (the engine writes them to the mentee)."""
    explanation = why_matched(relationship, viewer)
    if explanation is None:
        return None
    member = viewer.pk in (relationship.mentee_id, relationship.mentor_id)
    return {
        "score": explanation.score,
        "pinned": explanation.pinned,
        "member": member,
        "contributions": contributions_for(
            explanation.contributions,
            mentor_side=viewer.pk == relationship.mentor_id,
            mentee_name=relationship.mentee.get_short_name(),
        ),
    }


@register.filter
def plural(label: str) -> str:
    """A role label in the plural: mentors, coaches, peers."""
    return f"{label}es" if label.endswith(("ch", "sh", "s", "x")) else f"{label}s"
