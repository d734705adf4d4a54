"""Development plans: goals, milestones, skills to build and people to meet."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from mentora.growth.models.roles import _level_field


class DevelopmentPlan(models.Model):
    """A person's development plan towards their target role; one per person."""

    owner = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="development_plan"
    )
    occupation_code = models.CharField(max_length=10, blank=True)
    occupation_title = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"Plan of {self.owner}"


class Goal(models.Model):
    """A SMART goal: a specific outcome, how it is measured, by when, and how it goes."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", "Not started"
        IN_PROGRESS = "in_progress", "In progress"
        ACHIEVED = "achieved", "Achieved"
        DROPPED = "dropped", "Dropped"

    plan = models.ForeignKey(DevelopmentPlan, on_delete=models.CASCADE, related_name="goals")
    outcome = models.CharField("specific outcome", max_length=300)
    measure = models.CharField(max_length=300, help_text="How you will know it is achieved.")
    target_on = models.DateField("target date")
    relevance = models.CharField(
        "why it matters", max_length=300, blank=True, help_text="How it serves your target role."
    )
    strategies = models.TextField(blank=True, help_text="How you will get there; one per line.")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.NOT_STARTED)
    element_id = models.CharField("skill it builds", max_length=20, blank=True)
    element_name = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        ordering = ["plan", "target_on", "pk"]

    def __str__(self) -> str:
        return self.outcome

    @property
    def strategy_list(self) -> list[str]:
        return [line.strip() for line in self.strategies.splitlines() if line.strip()]


class Milestone(models.Model):
    """A step towards a goal, with an optional date, done or not."""

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="milestones")
    text = models.CharField(max_length=300)
    due_on = models.DateField(null=True, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["goal", "due_on", "pk"]

    def __str__(self) -> str:
        return self.text

    @property
    def done(self) -> bool:
        return self.done_at is not None


class PlanSkill(models.Model):
    """A skill to develop (from the gap): the level at the start, now, and the level aimed for."""

    plan = models.ForeignKey(DevelopmentPlan, on_delete=models.CASCADE, related_name="skills")
    element_id = models.CharField("O*NET element ID", max_length=20)
    element_name = models.CharField(max_length=200)
    importance = models.FloatField()
    level_needed = models.FloatField()
    start_level = _level_field()
    current_level = _level_field()
    target_level = _level_field()
    note = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        ordering = ["plan", "-importance", "element_id"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "element_id"], name="growth_plan_skill_once"),
            models.CheckConstraint(
                condition=Q(target_level__gt=models.F("start_level")),
                name="growth_plan_skill_target_above_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.element_name}: {self.start_level} → {self.target_level}"

    @property
    def progress(self) -> int:
        """Share (0–100) of the way from the start level to the target level."""
        span = self.target_level - self.start_level
        done = min(max(self.current_level - self.start_level, 0), span)
        return round(100 * done / span) if span > 0 else 100


class Contact(models.Model):
    """A relationship to build: someone to meet, in the organization (a user) or the field."""

    class Status(models.TextChoices):
        TO_MEET = "to_meet", "To meet"
        INTRODUCED = "introduced", "Introduced"
        MET = "met", "Met"

    plan = models.ForeignKey(DevelopmentPlan, on_delete=models.CASCADE, related_name="contacts")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="When they work in the organization.",
    )
    name = models.CharField(max_length=200, help_text="Who, or what kind of person.")
    where = models.CharField(
        max_length=200, blank=True, help_text="Team, company, community or event."
    )
    why = models.CharField(max_length=300, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.TO_MEET)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["plan", "status", "pk"]

    def __str__(self) -> str:
        return self.name
