"""What the growth services share: text and occupation checks, permission refusals, emails."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from mentora.careers.models import Occupation
from mentora.growth.selectors import SkillSet, skill_set
from mentora.lib.errors import DomainError
from mentora.notifications.links import absolute
from mentora.notifications.messages import notify
from mentora.notifications.preferences import send_after

MAX_PAST_ROLES = 10
MAX_TEXT = 300


def notify_person(*, to: Any, kind: str, context: dict[str, Any], url: str, now: datetime) -> None:
    notify(
        to=to,
        kind=kind,
        context={**context, "url": absolute(url)},
        available_at=send_after(user=to, now=now),
        now=now,
    )


def clean_text(
    value: str | None, *, field: str, label: str, required: bool = True, limit: int = MAX_TEXT
) -> str:
    text = " ".join((value or "").split()) if limit <= MAX_TEXT else (value or "").strip()
    if required and not text:
        raise DomainError(f"{label} is required.", field=field)
    if len(text) > limit:
        raise DomainError(f"{label} is too long (at most {limit} characters).", field=field)
    return text


def occupation_by_code(code: str, *, field: str) -> Occupation:
    occupation = Occupation.objects.filter(code=code.strip()).only("code", "title").first()
    if occupation is None:
        raise DomainError(
            f"No occupation with O*NET-SOC code “{code}” is loaded; search by job title to "
            "find one.",
            field=field,
        )
    return occupation


def refuse_unless(allowed: bool, message: str) -> None:
    if not allowed:
        raise DomainError(message, code="forbidden")


# Roles ---------------------------------------------------------------------------------------


def target_skills(subject: Any) -> SkillSet:
    from mentora.growth.selectors import target_role

    target = target_role(subject)
    if target is None:
        raise DomainError(
            f"{subject} has not chosen a target role yet; choose one first.", field="target"
        )
    skills = skill_set(target.code)
    if skills is None:
        raise DomainError(
            f"O*NET has no skill ratings for {target.title} or its related occupations, so "
            "it cannot be assessed skill by skill. Set goals in the plan instead.",
            field="target",
        )
    return skills
