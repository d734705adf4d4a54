"""Feedback: asked for, given, and its items (strengths and areas to improve)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from mentora.growth.models.plans import Goal


class FeedbackRequest(models.Model):
    """Someone asks a mentor, coach or peer for feedback, optionally on a skill or goal."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        ANSWERED = "answered", "Answered"
        DECLINED = "declined", "Declined"

    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="feedback_requested"
    )
    giver = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="feedback_requests"
    )
    message = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField()
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(requester=models.F("giver")), name="growth_request_two_people"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.requester} asks {self.giver} for feedback"


class Feedback(models.Model):
    """Structured feedback from one person to another; the giver chooses who may read it."""

    class Visibility(models.TextChoices):
        RECIPIENT = "recipient", "Only the recipient"
        RECIPIENT_AND_MENTORS = (
            "with_mentors",
            "The recipient and their mentors and coaches",
        )

    giver = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="feedback_given"
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="feedback_received"
    )
    request = models.OneToOneField(
        FeedbackRequest, on_delete=models.SET_NULL, null=True, blank=True, related_name="feedback"
    )
    visibility = models.CharField(
        max_length=15, choices=Visibility.choices, default=Visibility.RECIPIENT
    )
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name_plural = "feedback"
        constraints = [
            models.CheckConstraint(
                condition=~Q(giver=models.F("recipient")), name="growth_feedback_two_people"
            ),
        ]

    def __str__(self) -> str:
        return f"Feedback from {self.giver} to {self.recipient}"


class FeedbackItem(models.Model):
    """One strength or area for improvement, tied to a skill or a goal, with an example."""

    class Kind(models.TextChoices):
        STRENGTH = "strength", "Strength"
        IMPROVEMENT = "improvement", "Area for improvement"

    feedback = models.ForeignKey(Feedback, on_delete=models.CASCADE, related_name="items")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    element_id = models.CharField(max_length=20, blank=True)
    element_name = models.CharField("skill", max_length=200, blank=True)
    goal = models.ForeignKey(
        Goal, on_delete=models.SET_NULL, null=True, blank=True, related_name="feedback_items"
    )
    goal_outcome = models.CharField(max_length=300, blank=True, help_text="The goal when given.")
    observation = models.TextField()
    example = models.TextField(help_text="A concrete situation where it showed.")

    class Meta:
        ordering = ["feedback", "-kind", "pk"]  # strengths first
        constraints = [
            models.CheckConstraint(
                condition=~Q(element_name="") | ~Q(goal_outcome=""),
                name="growth_feedback_item_about_something",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.about}"

    @property
    def about(self) -> str:
        return self.element_name or self.goal_outcome
