"""What outcomes reads from the apps below it: growth plans and goals, matching scores, HRIS
role changes. Outcomes sits above growth and matching, so it imports their models directly;
a function answers None only where the data does not exist yet (role history), and the pages
then say so instead of inventing a figure.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.db.models import Count

from mentora.growth.models import Goal, PlanSkill
from mentora.matching.models import MatchExplanation
from mentora.outcomes.surveys import MAX_SKILLS
from mentora.people.models import Profile
from mentora.programs.models import Enrollment


def plan_skills(user_ids: Iterable[int]) -> dict[int, list[str]]:
    """Skills each person rates themselves on: those in their development plan (growth app),
    most important first; for people without a plan, the skills they want to build (profile)."""
    ids = list(user_ids)
    out: dict[int, list[str]] = defaultdict(list)
    rows = (
        PlanSkill.objects.filter(plan__owner_id__in=ids)
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
    """Scores of the matches made in a program (published drafts and chosen recommendations)."""
    return list(
        MatchExplanation.objects.filter(relationship__program=program).values_list(
            "score", flat=True
        )
    )


def goal_counts(program: Any) -> dict[str, int] | None:
    """Development-plan goals of the program's mentees by status."""
    mentees = Enrollment.objects.filter(
        program=program, role=Enrollment.Role.MENTEE, status=Enrollment.Status.APPROVED
    ).values("user_id")
    return dict(
        Goal.objects.filter(plan__owner_id__in=mentees)
        .values_list("status")
        .annotate(n=Count("pk"))
        .order_by()
    )


def role_changes(program: Any) -> dict[str, int] | None:
    """Promotions and moves of the program's mentees since they joined, if HRIS history exists."""
    return None
