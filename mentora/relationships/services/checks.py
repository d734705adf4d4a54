"""Checks every relationship service shares: who may change a pair's content, required text."""

from __future__ import annotations

from typing import Any

from mentora.lib.errors import DomainError
from mentora.relationships import permissions as perms
from mentora.relationships.models import Relationship


def member_check(by: Any, relationship: Relationship, what: str) -> None:
    """Refuse `what` unless `by` is one of the pair and the relationship still takes changes."""
    if not perms.can_change_content(by, relationship):
        if perms.is_member(by, relationship):
            raise DomainError(
                f"This relationship is {relationship.get_status_display().lower()}; "
                f"you can no longer {what}.",
                code="conflict",
            )
        raise DomainError(f"Only the two people in this relationship can {what}.", code="forbidden")


def required_text(value: str, *, field: str, limit: int) -> str:
    """Stripped text that is neither empty nor longer than `limit`, or a DomainError."""
    value = (value or "").strip()
    if not value:
        raise DomainError(f"{field.replace('_', ' ').capitalize()} cannot be empty.", field=field)
    if len(value) > limit:
        raise DomainError(
            f"{field.replace('_', ' ').capitalize()} is too long ({len(value)} of {limit} "
            "characters).",
            field=field,
        )
    return value
