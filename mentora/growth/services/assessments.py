"""Skill assessments of a person's target role (by themselves or their mentor)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from django.db import transaction
from django.urls import reverse

from mentora.growth import permissions as perms
from mentora.growth.gaps import LEVEL_MAX, LEVEL_MIN
from mentora.growth.models import (
    Assessment,
    SkillRating,
)
from mentora.growth.services.common import (
    notify_person,
    refuse_unless,
    target_skills,
)
from mentora.lib import clock
from mentora.lib.errors import DomainError


@transaction.atomic
def assessment_save(
    *, subject: Any, by: Any, levels: Mapping[str, int], now: datetime | None = None
) -> Assessment:
    """Save ``by``'s levels (0–7) for the top skills of ``subject``'s target role.

    ``by`` is the person themselves or their mentor or coach. Skills left out stay unrated;
    saving again replaces the earlier levels.
    """
    now = now or clock.now()
    refuse_unless(
        perms.can_assess(by, subject),
        "Only the person and their mentor or coach can assess their skills.",
    )
    skills = target_skills(subject)
    if not levels:
        raise DomainError("Rate at least one skill.", field="levels")
    ratings = []
    for element_id, level in levels.items():
        need = skills.get(element_id)
        if need is None:
            raise DomainError(
                f"“{element_id}” is not one of the skills assessed for {skills.title}.",
                field=f"levels.{element_id}",
            )
        if (
            isinstance(level, bool)
            or not isinstance(level, int)
            or not (LEVEL_MIN <= level <= LEVEL_MAX)
        ):
            raise DomainError(
                f"{need.name}: the level must be a whole number from {LEVEL_MIN} to "
                f"{LEVEL_MAX}, not {level!r}.",
                field=f"levels.{element_id}",
            )
        ratings.append((need, level))
    assessment, created = Assessment.objects.select_for_update().get_or_create(
        subject=subject,
        assessor=by,
        occupation_code=skills.code,
        defaults={
            "occupation_title": skills.title,
            "rated_code": skills.rated_code,
            "rated_title": skills.rated_title,
            "created_at": now,
            "updated_at": now,
        },
    )
    if not created:
        assessment.rated_code, assessment.rated_title = skills.rated_code, skills.rated_title
        assessment.updated_at = now
        assessment.save(update_fields=["rated_code", "rated_title", "updated_at"])
        assessment.ratings.all().delete()
    SkillRating.objects.bulk_create(
        SkillRating(
            assessment=assessment,
            element_id=need.element_id,
            element_name=need.name,
            level=level,
            importance=need.importance,
            level_needed=need.level_needed,
        )
        for need, level in ratings
    )
    if by.pk != subject.pk and created:
        notify_person(
            to=subject,
            kind="growth.assessment",
            context={"by": by, "title": skills.title},
            url=reverse("growth:gap"),
            now=now,
        )
    return assessment


# Plan ----------------------------------------------------------------------------------------
