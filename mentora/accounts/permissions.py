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


def mentors_somewhere(user: Any) -> bool:
    """Enrolled as a mentor, coach or peer offering help in any program (for their navigation)."""
    if not user.is_authenticated:
        return False
    from mentora.programs.models import Enrollment

    return Enrollment.objects.filter(
        user_id=user.pk, role=Enrollment.Role.MENTOR, status=Enrollment.Status.APPROVED
    ).exists()


def can_export_data(by: Any, person: Any) -> bool:
    """Download someone's data: the person, or an organization admin (the CLI passes None).

    Only the person's own download holds their private notes (mentora/accounts/gdpr.py).
    """
    if by is None:
        return True
    return bool(by.is_authenticated and (by.pk == person.pk or is_org_admin(by)))


def can_erase_account(by: Any, person: Any) -> bool:
    """Erase an account: the person, or an organization admin (the CLI passes None)."""
    return can_export_data(by, person)
