"""Who may see, manage and join programs (the one place these rules live)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from mentora.accounts.permissions import is_org_admin
from mentora.programs.models import Enrollment, Program


def is_program_staff(user: Any) -> bool:
    """Granted "program staff" by an organization admin (the UI, the API or the HRIS import)."""
    return bool(
        user.is_authenticated and user.is_active and getattr(user, "is_program_staff", False)
    )


def can_create_program(user: Any) -> bool:
    """Organization admins and program staff; a program's creator becomes its manager."""
    return is_org_admin(user) or is_program_staff(user)


def can_announce(user: Any, program: Program) -> bool:
    """Write an announcement email to a program's participants: its managers."""
    return can_manage_program(user, program)


def is_manager_of(user: Any, program: Program) -> bool:
    """Listed among the program's managers (not counting organization admins).

    A page that asks many times (the relationship page: steer, nudge, oversee, why matched)
    prefetches `managers` with the program and pays one query instead of one per question.
    """
    prefetched = getattr(program, "_prefetched_objects_cache", {}).get("managers")
    if prefetched is not None:
        return any(manager.pk == user.pk for manager in prefetched)
    return program.managers.filter(pk=user.pk).exists()


def can_manage_program(user: Any, program: Program) -> bool:
    if not user.is_authenticated:
        return False
    return is_org_admin(user) or is_manager_of(user, program)


def visible_programs(user: Any) -> QuerySet[Program]:
    """Programs a person can see: every non-draft one, plus drafts they manage."""
    if not user.is_authenticated:
        return Program.objects.none()
    if is_org_admin(user):
        return Program.objects.all()
    return Program.objects.filter(~Q(status=Program.Status.DRAFT) | Q(managers=user)).distinct()


def can_view_program(user: Any, program: Program) -> bool:
    if not user.is_authenticated:
        return False
    return program.status != Program.Status.DRAFT or can_manage_program(user, program)


def can_view_enrollment(user: Any, enrollment: Enrollment) -> bool:
    return bool(
        user.is_authenticated
        and (enrollment.user_id == user.pk or can_manage_program(user, enrollment.program))
    )


def can_view_roster(user: Any, program: Program) -> bool:
    """The list of who enrolled, with their answers, is for the program's managers."""
    return can_manage_program(user, program)
