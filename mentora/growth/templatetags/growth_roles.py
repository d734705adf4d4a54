"""`{% role_did_you_mean %}`: asks the signed-in person to confirm the O*NET occupation of the
target role (and, with ``fields="target current"``, the job title) they typed as free text."""

from __future__ import annotations

from typing import Any

from django import template

from mentora.growth.selectors import unconfirmed_roles

register = template.Library()


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


# O*NET's names for its five job zones, in sentence case: how much preparation a role needs.
JOB_ZONE_WORDS = {
    1: "Little or no preparation needed",
    2: "Some preparation needed",
    3: "Medium preparation needed",
    4: "Considerable preparation needed",
    5: "Extensive preparation needed",
}


@register.filter
def job_zone_words(zone: Any) -> str:
    """`{{ match.job_zone|job_zone_words }}` → "Considerable preparation needed"."""
    try:
        return JOB_ZONE_WORDS.get(int(zone), "")
    except (TypeError, ValueError):
        return ""
