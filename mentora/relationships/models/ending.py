"""How a relationship ends: each side's final reflection and a mentee's wish to be rematched."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class Reflection(models.Model):
    """One side's final reflection on a relationship that ended."""

    relationship = models.ForeignKey(
        "relationships.Relationship", on_delete=models.CASCADE, related_name="reflections"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    what_went_well = models.TextField()
    what_to_improve = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["relationship", "author"], name="reflection_one_per_side"
            )
        ]

    def __str__(self) -> str:
        return f"Reflection by {self.author}"


class RematchRequest(models.Model):
    """A mentee asking to be matched again after a relationship ended (the rematch queue)."""

    relationship = models.OneToOneField(
        "relationships.Relationship", on_delete=models.CASCADE, related_name="rematch_request"
    )
    program = models.ForeignKey("programs.Program", on_delete=models.CASCADE, related_name="+")
    mentee = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(
        null=True, blank=True, help_text="Empty while the request waits in the queue."
    )
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    resolution = models.TextField(
        blank=True, help_text="What was done; shown in the relationship's history."
    )

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["program", "resolved_at"], name="rematch_queue")]

    def __str__(self) -> str:
        return f"Rematch {self.mentee} in {self.program}"
