"""Template tags for "why we matched you" on relationship pages."""

from __future__ import annotations

from typing import Any

from django import template

from mentora.matching.selectors import why_matched

register = template.Library()


@register.simple_tag
def why_matched_for(relationship: Any, viewer: Any) -> Any:
    """The stored explanation of a published pair, if the viewer may see it."""
    return why_matched(relationship, viewer)
