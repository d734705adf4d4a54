"""Proposed meeting times: one person offers free slots; the other confirms one or offers others."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone as dj_timezone

from mentora.lib.choices import Cadence


class MeetingProposal(models.Model):
    """Times one member offers the other, found free for both (nobody's calendar is shown)."""

    class Status(models.TextChoices):
        OPEN = "open", "Waiting for an answer"
        CONFIRMED = "confirmed", "Confirmed"
        REPLACED = "replaced", "Replaced by other times"
        WITHDRAWN = "withdrawn", "Withdrawn"

    relationship = models.ForeignKey(
        "relationships.Relationship", on_delete=models.CASCADE, related_name="proposals"
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    duration_minutes = models.PositiveSmallIntegerField(default=45)
    count = models.PositiveSmallIntegerField(default=1, help_text="Meetings in the series.")
    cadence = models.CharField(max_length=10, choices=Cadence.choices, default=Cadence.BIWEEKLY)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(default=dj_timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Proposed times ({self.get_status_display()})"


class ProposedSlot(models.Model):
    """One start time of a proposal, in UTC; each person reads it in their own time zone."""

    proposal = models.ForeignKey(MeetingProposal, on_delete=models.CASCADE, related_name="slots")
    starts_at = models.DateTimeField()
    chosen = models.BooleanField(default=False)

    class Meta:
        ordering = ["starts_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["proposal", "starts_at"], name="proposed_slot_once"),
        ]

    def __str__(self) -> str:
        return f"Proposed {self.starts_at:%Y-%m-%d %H:%M} UTC"
