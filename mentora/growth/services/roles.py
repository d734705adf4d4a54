"""Career roles: the target role and the roles a person has held."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from django.db import transaction

from mentora.growth import permissions as perms
from mentora.growth.models import (
    CareerRole,
    DevelopmentPlan,
)
from mentora.growth.services.common import (
    MAX_PAST_ROLES,
    occupation_by_code,
    refuse_unless,
)
from mentora.lib import clock
from mentora.lib.errors import DomainError
from mentora.people.models import Profile


@transaction.atomic
def target_role_set(*, user: Any, by: Any, code: str | None, now: datetime | None = None) -> None:
    """Choose (or clear, with None) the person's target occupation.

    It is stored on the profile (``target_occupation_code``); the profile's free-text target
    role is filled with the occupation's title when it was empty.
    """

    now = now or clock.now()
    refuse_unless(perms.can_change_plan(by, user), "You can only choose your own target role.")
    profile, _ = Profile.objects.select_for_update().get_or_create(user=user)
    if not code:
        profile.target_occupation_code = ""
        profile.save(update_fields=["target_occupation_code", "updated_at"])
        return
    occupation = occupation_by_code(code, field="target")
    profile.target_occupation_code = occupation.code
    if not profile.target_role:
        profile.target_role = occupation.title[:200]
    profile.save(update_fields=["target_occupation_code", "target_role", "updated_at"])
    DevelopmentPlan.objects.filter(owner=user).update(
        occupation_code=occupation.code, occupation_title=occupation.title, updated_at=now
    )


@transaction.atomic
def career_roles_set(
    *,
    user: Any,
    by: Any,
    current: str | None,
    target: str | None,
    past: Sequence[str],
    now: datetime | None = None,
) -> dict[str, Any]:
    """Set the person's current, target and past occupations by O*NET-SOC code (all at once)."""
    refuse_unless(perms.can_change_plan(by, user), "You can only choose your own roles.")
    codes = list(dict.fromkeys(c.strip() for c in past if c and c.strip()))
    if len(codes) > MAX_PAST_ROLES:
        raise DomainError(f"List at most {MAX_PAST_ROLES} past roles.", field="past")
    current_occupation = occupation_by_code(current, field="current") if current else None
    past_occupations = [occupation_by_code(code, field="past") for code in codes]
    target_role_set(user=user, by=by, code=target, now=now)
    CareerRole.objects.filter(user=user).delete()
    rows = []
    if current_occupation:
        rows.append(
            CareerRole(
                user=user,
                kind=CareerRole.Kind.CURRENT,
                occupation_code=current_occupation.code,
                title=current_occupation.title,
            )
        )
    rows += [
        CareerRole(
            user=user,
            kind=CareerRole.Kind.PAST,
            occupation_code=o.code,
            title=o.title,
            position=i,
        )
        for i, o in enumerate(past_occupations)
    ]
    CareerRole.objects.bulk_create(rows)
    return {"current": current_occupation, "target": target, "past": past_occupations}


# Assessments ---------------------------------------------------------------------------------
