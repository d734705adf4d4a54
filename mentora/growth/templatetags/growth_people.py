"""What a directory profile offers its reader from growth: ask for an introduction."""

from __future__ import annotations

from typing import Any

from django import template

from mentora.growth.selectors import introducers_for

register = template.Library()


@register.simple_tag
def introducers_to(viewer: Any, person: Any) -> list[Any]:
    """The viewer's mentors and coaches who could introduce them to ``person`` (one query)."""
    return introducers_for(viewer, contact=person)
