"""Skill assessments: a person rates their skills, or someone rates them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from mentora.growth.models.roles import LEVEL_MAX, _level_field


class Assessment(models.Model):
    """One person's view of another's (or their own) levels in a target role's top skills."""

    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="assessments_of"
    )
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="assessments_by"
    )
    occupation_code = models.CharField("target O*NET-SOC code", max_length=10)
    occupation_title = models.CharField(max_length=200)
    rated_code = models.CharField(
        max_length=10,
        help_text="Occupation whose O*NET ratings were used (a related one when the target "
        "has none).",
    )
    rated_title = models.CharField(max_length=200)
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        ordering = ["-updated_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["subject", "assessor", "occupation_code"], name="growth_assessment_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.assessor} on {self.subject}: {self.occupation_title}"

    @property
    def is_self(self) -> bool:
        return self.subject_id == self.assessor_id


class SkillRating(models.Model):
    """A level (0–7) given to one skill, with what the role needs as O*NET rated it then."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="ratings")
    element_id = models.CharField("O*NET element ID", max_length=20)
    element_name = models.CharField(max_length=200)
    level = _level_field()
    importance = models.FloatField(help_text="O*NET importance (1–5) for the rated occupation.")
    level_needed = models.FloatField(help_text="O*NET level (0–7) for the rated occupation.")

    class Meta:
        ordering = ["assessment", "-importance", "element_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "element_id"], name="growth_skill_rating_once"
            ),
            models.CheckConstraint(condition=Q(level__lte=LEVEL_MAX), name="growth_rating_0_7"),
        ]

    def __str__(self) -> str:
        return f"{self.element_name}: {self.level}"
