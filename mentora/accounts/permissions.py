"""Who may do what at the organization level (one place, used by views, API and CLI)."""

from __future__ import annotations

from typing import Any


def is_org_admin(user: Any) -> bool:
    return bool(
        user.is_authenticated and user.is_active and (user.is_org_admin or user.is_superuser)
    )


def can_export_data(by: Any, person: Any) -> bool:
    """Download someone's data: only the person themselves.

    A subject-access request is the person's right, not a window for admins: the export holds
    survey answers, feedback and the pair's shared notes that admins may never read
    (docs/privacy.md). Admins and the command line *send* the person their export instead
    (can_send_data_export).
    """
    return bool(by is not None and by.is_authenticated and by.pk == person.pk)


def can_send_data_export(by: Any, person: Any) -> bool:
    """Email a person a link to their own export: the person, an org admin, or the CLI (None)."""
    if by is None:
        return True
    return bool(by.is_authenticated and (by.pk == person.pk or is_org_admin(by)))


def can_erase_account(by: Any, person: Any) -> bool:
    """Erase an account: the person, or an organization admin (the CLI passes None)."""
    return can_send_data_export(by, person)
