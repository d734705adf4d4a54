"""Who may see career data (the one place this rule lives)."""

from __future__ import annotations

from typing import Any


def can_view_career_data(user: Any) -> bool:
    """Any signed-in, active person may explore occupations; the data is public but the
    product shows it to members only."""
    return bool(user.is_authenticated and user.is_active)
