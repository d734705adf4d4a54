"""Who may see and change a profile (the one place these rules live)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from mentora.accounts.permissions import is_org_admin
from mentora.lib.hooks import Hook
from mentora.people.models import Profile, Visibility

# Whether two people share a program is programs' to say (programs sits above people); programs
# answers both hooks from its AppConfig.ready(). Unanswered, nobody shares a program.
shares_a_program: Hook[[Any, Any], bool] = Hook(
    "people.shares_a_program", default=lambda viewer, user_id: False
)
program_mates: Hook[[Any], Any] = Hook("people.program_mates", default=lambda viewer: [])


def _share_a_program(viewer: Any, profile: Profile) -> bool:
    """Both are enrolled in one program, or the viewer manages a program the person is in."""
    return shares_a_program(viewer, profile.user_id)


def can_view_profile(viewer: Any, profile: Profile) -> bool:
    if not viewer.is_authenticated:
        return False
    if viewer.pk == profile.user_id or is_org_admin(viewer):
        return True
    if not profile.user.is_active:
        return False
    if profile.visibility == Visibility.ORGANIZATION:
        return True
    if profile.visibility == Visibility.PROGRAMS:
        return _share_a_program(viewer, profile)
    return False


def can_edit_profile(user: Any, profile: Profile) -> bool:
    return bool(user.is_authenticated and (user.pk == profile.user_id or is_org_admin(user)))


def visible_profiles(viewer: Any, queryset: QuerySet[Profile]) -> QuerySet[Profile]:
    """Restrict a profile queryset to those the viewer may see."""
    if not viewer.is_authenticated:
        return queryset.none()
    if is_org_admin(viewer):
        return queryset
    return queryset.filter(user__is_active=True).filter(
        Q(user=viewer)
        | Q(visibility=Visibility.ORGANIZATION)
        | Q(visibility=Visibility.PROGRAMS, user__in=_program_mates(viewer))
    )


def _program_mates(viewer: Any) -> Any:
    """Everyone enrolled in a program the viewer is enrolled in or manages, as user ids."""
    return program_mates(viewer)


def can_import_people(user: Any) -> bool:
    """Organization admins, and program staff: they onboard each cohort from an HR export
    (issue 17; docs/decisions/0080). The flag is read from the account itself, as
    programs.permissions.is_program_staff does (programs sits above people)."""
    return is_org_admin(user) or bool(
        user is not None
        and user.is_authenticated
        and user.is_active
        and getattr(user, "is_program_staff", False)
    )


def can_list_organization(user: Any) -> bool:
    """Everyone, with emails and deactivated people: organization admins only."""
    return is_org_admin(user)
