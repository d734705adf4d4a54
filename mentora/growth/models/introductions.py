"""Introductions: a mentor or coach introduces their mentee to a contact."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q


class IntroductionQuerySet(models.QuerySet["Introduction"]):
    def involving(self, user: object) -> IntroductionQuerySet:
        return self.filter(Q(introducer=user) | Q(mentee=user) | Q(contact=user))


class Introduction(models.Model):
    """A mentor introduces their mentee to someone; it connects only when both accept. The
    mentee may ask for it first (``asked_at``): then it waits for the mentor to introduce."""

    class Status(models.TextChoices):
        ASKED = "asked", "Waiting for the introducer"
        PROPOSED = "proposed", "Waiting for both to accept"
        CONNECTED = "connected", "Connected"
        DECLINED = "declined", "Declined"
        WITHDRAWN = "withdrawn", "Withdrawn"

    introducer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="introductions_made"
    )
    mentee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="introductions_received"
    )
    contact = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="introductions_to"
    )
    reason = models.TextField(help_text="Why these two should meet.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PROPOSED)
    mentee_accepted_at = models.DateTimeField(null=True, blank=True)
    contact_accepted_at = models.DateTimeField(null=True, blank=True)
    declined_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    asked_at = models.DateTimeField(
        null=True, blank=True, help_text="When the mentee asked their mentor for it, if they did."
    )
    ask_note = models.TextField(
        blank=True, help_text="The mentee's words: why they would like to meet."
    )
    created_at = models.DateTimeField()
    closed_at = models.DateTimeField(null=True, blank=True)

    objects = IntroductionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["mentee", "contact"],
                condition=Q(status__in=["asked", "proposed"]),
                name="growth_one_open_introduction",
            ),
            models.CheckConstraint(
                condition=~Q(mentee=models.F("contact")), name="growth_intro_two_people"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.introducer} introduces {self.mentee} to {self.contact}"

    def accepted_by(self, user: object) -> bool:
        pk = getattr(user, "pk", None)
        if pk == self.mentee_id:
            return self.mentee_accepted_at is not None
        if pk == self.contact_id:
            return self.contact_accepted_at is not None
        return False
