"""Challenging situations a person writes down and may share with their pair."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Situation(models.Model):
    """A challenging situation worked through: private to its owner unless shared with a coach."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="situations"
    )
    title = models.CharField(max_length=200)
    situation = models.TextField(help_text="What happened, who was involved, what is at stake.")
    options = models.TextField("options considered", blank=True)
    decision = models.TextField(blank=True)
    reflection = models.TextField(blank=True, help_text="How it went and what you learned.")
    shared_with = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="situations_shared",
        help_text="The coach or mentor who may read it.",
    )
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        ordering = ["-updated_at", "-pk"]

    def __str__(self) -> str:
        return self.title
