"""The occupations a person holds, held before, or aims for (O*NET codes, or a title)."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q

LEVEL_MAX = 7  # O*NET's level scale (LV) runs from 0 to 7


def _level_field(**kwargs: object) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(validators=[MaxValueValidator(LEVEL_MAX)], **kwargs)  # type: ignore[arg-type]


class CareerRole(models.Model):
    """An O*NET occupation a person holds now or held before (their target is on the profile)."""

    class Kind(models.TextChoices):
        CURRENT = "current", "Current role"
        PAST = "past", "Past role"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="career_roles"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    occupation_code = models.CharField("O*NET-SOC code", max_length=10)
    title = models.CharField(max_length=200, help_text="The occupation's title when chosen.")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["user", "kind", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"], condition=Q(kind="current"), name="growth_one_current_role"
            ),
            models.UniqueConstraint(
                fields=["user", "kind", "occupation_code"], name="growth_role_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.title} ({self.get_kind_display().lower()})"
