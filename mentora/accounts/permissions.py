"""Who may do what at the organization level (one place, used by views, API and CLI)."""

from __future__ import annotations

from typing import Any


def is_org_admin(user: Any) -> bool:
    return bool(
        user.is_authenticated and user.is_active and (user.is_org_admin or user.is_superuser)
    )


def manages_any_program(user: Any) -> bool:
    if not user.is_authenticated:
        return False
    if is_org_admin(user):
        return True
    from mentora.programs.models import Program

    return Program.objects.filter(managers=user).exists()
