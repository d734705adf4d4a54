"""`{% role_did_you_mean %}`: asks the signed-in person to confirm the O*NET occupation of the
target role (and, with ``fields="target current"``, the job title) they typed as free text."""

from __future__ import annotations

from typing import Any

from django import template

from mentora.careers.mapping import RoleMapping, suggest
from mentora.growth.models import CareerRole

register = template.Library()


def unconfirmed_roles(user: Any, fields: tuple[str, ...] = ("target",)) -> list[RoleMapping]:
    """Free-text roles of ``user`` with no occupation yet, with the occupations they may be."""
    from mentora.people.models import Profile

    if not getattr(user, "is_authenticated", False):
        return []
    profile = (
        Profile.objects.filter(user_id=user.pk)
        .values("target_role", "target_occupation_code", "job_title", "current_role")
        .first()
    )
    if profile is None:
        return []
    found: list[RoleMapping | None] = []
    if "target" in fields and profile["target_role"] and not profile["target_occupation_code"]:
        found.append(suggest("target", profile["target_role"]))
    held = profile["job_title"] or profile["current_role"]
    if (
        "current" in fields
        and held
        and not CareerRole.objects.filter(user_id=user.pk, kind=CareerRole.Kind.CURRENT).exists()
    ):
        found.append(suggest("current", held))
    return [mapping for mapping in found if mapping is not None]


@register.inclusion_tag("growth/_did_you_mean.html", takes_context=True)
def role_did_you_mean(context: template.Context, fields: str = "target") -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    wanted = tuple(fields.split())
    match = getattr(request, "resolver_match", None)
    if match is not None and match.view_name == "growth:target":
        wanted = tuple(f for f in wanted if f != "target")  # the page searches for it already
    return {
        "mappings": unconfirmed_roles(user, wanted),
        "next": request.get_full_path() if request is not None else "",
        "csrf_token": context.get("csrf_token"),
    }
