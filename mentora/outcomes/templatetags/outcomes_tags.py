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


@register.filter
def withheld_row(row: list[Any]) -> dict[str, Any] | None:
    """A row whose every figure is withheld, shown as its labels then one message across the
    figures' columns (not "— (fewer than 5)" in each cell); None for any other row."""
    figures = [c for c in row[1:] if not isinstance(c, str)]
    if not figures or not all(isinstance(c, Suppressed) for c in figures):
        return None
    labels = [row[0], *(c for c in row[1:] if isinstance(c, str))]
    return {"labels": labels, "span": len(figures), "rule": figures[0]}
