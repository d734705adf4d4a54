"""Requests to mentors in order of preference, their questions, and do-not-pair wishes."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class MentorChoiceQuerySet(models.QuerySet["MentorChoice"]):
    def open(self) -> MentorChoiceQuerySet:
        """Choices still in play: waiting their turn, or asked now."""
        return self.filter(status__in=MentorChoice.OPEN)

    def asked(self) -> MentorChoiceQuerySet:
        return self.filter(status=MentorChoice.Status.ASKED)


class MentorChoice(models.Model):
    """One mentor or coach a mentee asked for, at a place in their order of preference."""

    class Status(models.TextChoices):
        WAITING = "waiting", "Waiting its turn"
        ASKED = "asked", "Asked, waiting for an answer"
        ACCEPTED = "accepted", "Accepted"
        DECLINED = "declined", "Declined"
        EXPIRED = "expired", "No answer in time"
        RELEASED = "released", "Released: no place left"
        SKIPPED = "skipped", "Skipped"
        WITHDRAWN = "withdrawn", "Withdrawn"
        CLOSED = "closed", "No longer needed"

    OPEN = [Status.WAITING, Status.ASKED]

    program = models.ForeignKey(
        "programs.Program", on_delete=models.CASCADE, related_name="mentor_choices"
    )
    mentee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mentor_choices_made"
    )
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mentor_choices_received"
    )
    position = models.PositiveSmallIntegerField(help_text="1 = first choice.")
    note = models.TextField(blank=True, help_text="The mentee's personal note to the mentor.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.WAITING)
    relationship = models.OneToOneField(
        "relationships.Relationship",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mentor_choice",
    )
    created_at = models.DateTimeField(default=timezone.now)
    asked_at = models.DateTimeField(null=True, blank=True)
    deadline_at = models.DateTimeField(null=True, blank=True, db_index=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    outcome_reason = models.TextField(blank=True, help_text="Why it was declined, skipped …")
    explanation = models.JSONField(
        default=dict,
        blank=True,
        help_text="The recommendation the mentee saw when choosing: {score, contributions}.",
    )

    objects = MentorChoiceQuerySet.as_manager()

    class Meta:
        ordering = ["program", "mentee", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["program", "mentee", "mentor"],
                condition=Q(status__in=["waiting", "asked"]),
                name="mentor_choice_once_while_open",
            ),
            models.UniqueConstraint(
                fields=["program", "mentee"],
                condition=Q(status="asked"),
                name="mentor_choice_one_asked_at_a_time",
            ),
            models.CheckConstraint(
                condition=~Q(mentee=models.F("mentor")), name="mentor_choice_two_people"
            ),
        ]
        indexes = [models.Index(fields=["mentor", "status"], name="mentor_choice_inbox")]

    def __str__(self) -> str:
        return f"{self.mentee} → {self.mentor} (#{self.position}, {self.status})"

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN


class RequestMessage(models.Model):
    """One message of the short thread on a request: the mentor's question, the mentee's answer."""

    choice = models.ForeignKey(MentorChoice, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    body = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"Message by {self.author} on {self.choice_id}"


class DoNotPair(models.Model):
    """A person's wish never to be paired with another again (after a relationship ended)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="do_not_pair"
    )
    other = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    relationship = models.ForeignKey(
        "relationships.Relationship",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["user", "other"], name="do_not_pair_once"),
            models.CheckConstraint(
                condition=~Q(user=models.F("other")), name="do_not_pair_two_people"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} never again with {self.other}"
