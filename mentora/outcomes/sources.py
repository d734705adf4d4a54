"""What outcomes reads from apps built beside it, each optional: growth plans and goals,
matching scores, HRIS role changes. Each function answers None when the other app does not
(yet) expose what it needs, and the pages then say so instead of inventing a figure.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.apps import apps
from django.db import models

from mentora.outcomes.surveys import MAX_SKILLS
from mentora.people.models import Profile
from mentora.programs.models import Enrollment


def _model(label: str, *fields: str) -> type[models.Model] | None:
    """A model of another app if it exists and has every named field, else None."""
    try:
        model = apps.get_model(label)
    except (LookupError, ValueError):
        return None
    names = {f.name for f in model._meta.get_fields()}
    return model if all(name.split("__")[0] in names for name in fields) else None


def plan_skills(user_ids: Iterable[int]) -> dict[int, list[str]]:
    """Skills each person rates themselves on: those in their development plan (growth app),
    most important first; for people without a plan, the skills they want to build (profile)."""

    ids = list(user_ids)
    out: dict[int, list[str]] = defaultdict(list)
    plan_skill = _model("growth.PlanSkill", "plan", "element_name", "importance")
    if plan_skill is not None:
        rows = (
            plan_skill.objects.filter(plan__owner_id__in=ids)  # type: ignore[attr-defined]
            .order_by("plan__owner_id", "-importance", "element_name")
            .values_list("plan__owner_id", "element_name")
        )
        for user_id, name in rows:
            if len(out[user_id]) < MAX_SKILLS:
                out[user_id].append(name)
    wanted = Profile.skills_wanted.through.objects.filter(  # type: ignore[attr-defined]
        profile__user_id__in=[i for i in ids if i not in out]
    ).values_list("profile__user_id", "skill__name")
    for user_id, name in wanted.order_by("profile__user_id", "skill__name"):
        if len(out[user_id]) < MAX_SKILLS:
            out[user_id].append(name)
    return dict(out)


def match_scores(program: Any) -> list[float] | None:
    """Scores of the matches made in a program, if the matching app stores them."""
    explanation = _model("matching.MatchExplanation", "relationship", "score")
    if explanation is None:
        return None
    return list(
        explanation.objects.filter(relationship__program=program).values_list(  # type: ignore[attr-defined]
            "score", flat=True
        )
    )


def goal_counts(program: Any) -> dict[str, int] | None:
    """Development-plan goals of the program's mentees by status, if the growth app has them."""
    from django.db.models import Count


    goal = _model("growth.Goal", "plan", "status")
    if goal is None:
        return None
    mentees = Enrollment.objects.filter(
        program=program, role=Enrollment.Role.MENTEE, status=Enrollment.Status.APPROVED
    ).values("user_id")
    return dict(
        goal.objects.filter(plan__owner_id__in=mentees)  # type: ignore[attr-defined]
        .values_list("status")
        .annotate(n=Count("pk"))
        .order_by()
    )


def role_changes(program: Any) -> dict[str, int] | None:
    """Promotions and moves of the program's mentees since they joined, if HRIS history exists."""
    return None
