"""The agreement a pair signs (goals and expectations), its versions, and program templates."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone

from mentora.lib.choices import Cadence

# The fields that make up an agreement's content; a change to any of them needs new signatures.
CONTENT_FIELDS = (
    "goals",
    "cadence",
    "channel",
    "meeting_minutes",
    "ends_on",
    "sessions",
    "confidentiality",
    "mentee_commitments",
    "mentor_commitments",
    "feedback",
)


class AgreementTemplate(models.Model):
    """A program's starting text for agreements; the default one seeds every new agreement."""

    program = models.ForeignKey(
        "programs.Program", on_delete=models.CASCADE, related_name="agreement_templates"
    )
    name = models.CharField(max_length=100, help_text="E.g. “Standard”, “Short sprint”.")
    is_default = models.BooleanField(
        "default for new agreements",
        default=False,
        help_text="New agreements in the program start from this template.",
    )
    goals = models.JSONField(
        default=list, blank=True, help_text="Suggested goals, one per entry (the pair edits them)."
    )
    cadence = models.CharField(
        max_length=10, choices=Cadence.choices, blank=True, help_text="Blank: the program's."
    )
    meeting_minutes = models.PositiveSmallIntegerField(null=True, blank=True)
    channel = models.CharField(max_length=200, blank=True)
    confidentiality = models.TextField(blank=True)
    mentee_commitments = models.TextField(blank=True)
    mentor_commitments = models.TextField(blank=True)
    feedback = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-is_default", "name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["program", "name"], name="agreement_template_name_per_program"
            ),
            models.UniqueConstraint(
                fields=["program"],
                condition=models.Q(is_default=True),
                name="agreement_template_one_default",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.program})"


class Agreement(models.Model):
    """What a pair agreed: goals and expectations, signed by both sides."""

    relationship = models.OneToOneField(
        "relationships.Relationship", on_delete=models.CASCADE, related_name="agreement"
    )
    goals = models.JSONField(default=list, blank=True, help_text="One goal per entry.")
    cadence = models.CharField(max_length=10, choices=Cadence.choices, default=Cadence.BIWEEKLY)
    channel = models.CharField(max_length=200, blank=True, help_text="Video call, in person, …")
    meeting_minutes = models.PositiveSmallIntegerField(default=45)
    ends_on = models.DateField(null=True, blank=True)
    sessions = models.PositiveSmallIntegerField(null=True, blank=True)
    confidentiality = models.TextField(blank=True)
    mentee_commitments = models.TextField(blank=True)
    mentor_commitments = models.TextField(blank=True)
    feedback = models.TextField("how feedback is given", blank=True)
    version = models.PositiveIntegerField(default=1)
    mentee_signed_at = models.DateTimeField(null=True, blank=True)
    mentor_signed_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Agreement v{self.version} for {self.relationship}"

    @property
    def fully_signed(self) -> bool:
        return bool(self.mentee_signed_at and self.mentor_signed_at)

    def content(self) -> dict[str, Any]:
        """The signed content as plain JSON values (for versions and comparisons)."""
        data = {name: getattr(self, name) for name in CONTENT_FIELDS}
        data["ends_on"] = self.ends_on.isoformat() if self.ends_on else None
        return data


class AgreementVersion(models.Model):
    """A snapshot of an agreement at one version, with who signed it and when."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    content = models.JSONField()
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    mentee_signed_at = models.DateTimeField(null=True, blank=True)
    mentor_signed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "number"], name="agreement_version_once")
        ]

    def __str__(self) -> str:
        return f"v{self.number}"
