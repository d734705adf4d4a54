"""Growth: occupations people hold, skill assessments, development plans, introductions,
feedback and challenging situations.

Occupations and skills are referred to by their official O*NET codes (with the name as it was
when chosen), never by foreign key: a career-data reload may drop an occupation or a skill, and
a person's plan and history must survive that (docs/careers.md, "Codes as keys").
Who may see each of these rows is decided in ``mentora.growth.permissions``.
"""

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
