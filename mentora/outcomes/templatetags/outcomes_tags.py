"""Template filters for report tables."""

from __future__ import annotations

from typing import Any

from django import template

from mentora.outcomes.stats import Suppressed

register = template.Library()


@register.filter
def cell(value: Any) -> str:
    """A table cell as text: withheld figures say so, missing ones show a dash."""
    if isinstance(value, Suppressed):
        return f"— ({value})"
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:g}" if abs(value) >= 0.001 or value == 0 else f"{value:.4f}"
    return str(value)
