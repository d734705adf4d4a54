"""Programs people join, their application questions, and enrollments (with waitlists)."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from mentora.people.models import Cadence, Level


class Program(models.Model):
    """A mentoring or coaching program anyone eligible can join."""

    class Kind(models.TextChoices):
        MENTORING = "mentoring", "1:1 mentoring"
        COACHING = "coaching", "Coaching engagements"
        PEER = "peer", "Peer mentoring"
        GROUP = "group", "Group mentoring"
        FLASH = "flash", "One-off (flash) sessions"

    class MatchingMode(models.TextChoices):
        MANAGER = "manager", "Program manager matches"
        MENTEE_CHOICE = "mentee_choice", "Mentees choose"
        BOTH = "both", "Mentees choose, or a program manager matches them"

    class PublishMode(models.TextChoices):
        REQUESTS = "requests", "As requests the pair must accept"
        ACTIVE = "active", "Directly active"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"
        ARCHIVED = "archived", "Archived"

    class FeedbackForm(models.TextChoices):
        FULL = "full", "The full feedback form"
        SHORT = "short", "A short feedback form (three questions)"

    name = models.CharField(max_length=150)
    slug = models.SlugField(max_length=80, unique=True)
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.MENTORING)
    description = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    eligible_levels = models.JSONField(
        default=list, blank=True, help_text="Levels that may join as mentees; empty = every level."
    )
    eligible_departments = models.JSONField(
        default=list, blank=True, help_text="Departments that may join; empty = all."
    )
    enrollment_opens_at = models.DateTimeField(null=True, blank=True)
    enrollment_closes_at = models.DateTimeField(null=True, blank=True)
    duration_weeks = models.PositiveSmallIntegerField(
        default=26, validators=[MinValueValidator(1), MaxValueValidator(520)]
    )
    default_cadence = models.CharField(
        max_length=10, choices=Cadence.choices, default=Cadence.BIWEEKLY
    )
    mentor_capacity = models.PositiveSmallIntegerField("default mentor/coach capacity", default=2)
    mentee_limit = models.PositiveIntegerField(
        null=True, blank=True, help_text="Places for mentees; further applicants join the waitlist."
    )
    matching_mode = models.CharField(
        max_length=15, choices=MatchingMode.choices, default=MatchingMode.MANAGER
    )
    requires_approval = models.BooleanField(
        default=False, help_text="A program manager approves each enrollment."
    )
    publish_mode = models.CharField(
        max_length=10,
        choices=PublishMode.choices,
        default=PublishMode.REQUESTS,
        help_text="What publishing a matching draft creates.",
    )
    max_mentor_requests = models.PositiveSmallIntegerField(
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
        help_text="How many mentors or coaches a mentee may ask, in order of preference.",
    )
    request_deadline_days = models.PositiveSmallIntegerField(
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text="Days a mentor or coach has to answer before the next one is asked.",
    )
    recommendations_shown = models.PositiveSmallIntegerField(
        default=10, validators=[MinValueValidator(1), MaxValueValidator(50)]
    )
    match_weights = models.JSONField(
        default=dict, blank=True, help_text="Matching factor weights; empty = the defaults."
    )
    match_constraints = models.JSONField(
        default=dict, blank=True, help_text="Matching hard constraints; empty = the defaults."
    )
    sessions_per_pair = models.PositiveSmallIntegerField(
        "sessions per pair",
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text="How many sessions each pair holds; empty = they meet for the whole duration.",
    )
    uses_agreement = models.BooleanField(
        "pairs write an agreement",
        default=True,
        help_text="Pairs agree goals and how they will work together before they start.",
    )
    feedback_form = models.CharField(
        "feedback after sessions",
        max_length=5,
        choices=FeedbackForm.choices,
        default=FeedbackForm.FULL,
    )
    cohort_of = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="later_cohorts",
        help_text="The program this one was duplicated from, as its next cohort.",
    )
    managers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="managed_programs"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(enrollment_closes_at__isnull=True)
                | Q(enrollment_opens_at__isnull=True)
                | Q(enrollment_closes_at__gt=models.F("enrollment_opens_at")),
                name="program_window_ordered",
            ),
            models.CheckConstraint(
                condition=Q(duration_weeks__gte=1), name="program_duration_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def mentor_label_plural(self) -> str:
        return "coaches" if self.kind == self.Kind.COACHING else self.mentor_label + "s"

    @property
    def mentee_label_plural(self) -> str:
        return self.mentee_label + "s"

    @property
    def is_archived(self) -> bool:
        return self.status == self.Status.ARCHIVED

    @property
    def mentor_label(self) -> str:
        return (
            "coach"
            if self.kind == self.Kind.COACHING
            else ("peer" if self.kind == self.Kind.PEER else "mentor")
        )

    @property
    def mentee_label(self) -> str:
        return (
            "coachee"
            if self.kind == self.Kind.COACHING
            else ("peer" if self.kind == self.Kind.PEER else "mentee")
        )

    def enrollment_open(self, now: object = None) -> bool:
        now = now or timezone.now()
        if self.status != self.Status.OPEN:
            return False
        if self.enrollment_opens_at and now < self.enrollment_opens_at:  # type: ignore[operator]
            return False
        return not (self.enrollment_closes_at and now > self.enrollment_closes_at)  # type: ignore[operator]

    def eligible_level_labels(self) -> list[str]:
        labels = dict(Level.choices)
        return [str(labels.get(level, level)) for level in self.eligible_levels]


class ApplicationQuestion(models.Model):
    """An extra question a program asks people when they enroll."""

    class Audience(models.TextChoices):
        MENTEE = "mentee", "Mentees / coachees"
        MENTOR = "mentor", "Mentors / coaches"
        BOTH = "both", "Everyone"

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="questions")
    text = models.CharField(max_length=300)
    help_text = models.CharField(max_length=300, blank=True)
    audience = models.CharField(max_length=6, choices=Audience.choices, default=Audience.BOTH)
    choices = models.JSONField(
        default=list, blank=True, help_text="Allowed answers; empty = free text."
    )
    required = models.BooleanField(default=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["program", "position", "pk"]

    def __str__(self) -> str:
        return self.text

    def applies_to(self, role: str) -> bool:
        return self.audience == self.Audience.BOTH or self.audience == role


class EnrollmentQuerySet(models.QuerySet["Enrollment"]):
    def approved(self) -> EnrollmentQuerySet:
        return self.filter(status=Enrollment.Status.APPROVED)

    def taking_place(self) -> EnrollmentQuerySet:
        """Enrollments that hold a place (approved or awaiting approval)."""
        return self.filter(status__in=[Enrollment.Status.APPROVED, Enrollment.Status.PENDING])

    def mentees(self) -> EnrollmentQuerySet:
        return self.filter(role=Enrollment.Role.MENTEE)

    def mentors(self) -> EnrollmentQuerySet:
        return self.filter(role=Enrollment.Role.MENTOR)

    def waitlisted(self) -> EnrollmentQuerySet:
        return self.filter(status=Enrollment.Status.WAITLISTED).order_by("created_at", "pk")


class Enrollment(models.Model):
    """A person taking part in a program as mentee/coachee or mentor/coach."""

    class Role(models.TextChoices):
        MENTEE = "mentee", "Mentee / coachee"
        MENTOR = "mentor", "Mentor / coach"

    class Status(models.TextChoices):
        PENDING = "pending", "Awaiting approval"
        APPROVED = "approved", "Enrolled"
        WAITLISTED = "waitlisted", "On the waitlist"
        DECLINED = "declined", "Declined"
        WITHDRAWN = "withdrawn", "Withdrawn"

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="enrollments")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrollments"
    )
    role = models.CharField(max_length=6, choices=Role.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    capacity = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="Mentees this mentor/coach can take; blank = program default.",
    )
    answers = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decision_note = models.CharField(max_length=300, blank=True)

    objects = EnrollmentQuerySet.as_manager()

    class Meta:
        ordering = ["program", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["program", "user", "role"], name="enrollment_one_per_role"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.program} as {self.role}"

    @property
    def effective_capacity(self) -> int:
        if self.role != self.Role.MENTOR:
            return 0
        return self.capacity if self.capacity is not None else self.program.mentor_capacity


class Announcement(models.Model):
    """An email program staff write to a program's participants; the worker sends it."""

    class Audience(models.TextChoices):
        EVERYONE = "everyone", "Everyone enrolled"
        MENTEES = "mentees", "Mentees / coachees"
        MENTORS = "mentors", "Mentors / coaches"

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="announcements")
    audience = models.CharField(max_length=8, choices=Audience.choices, default=Audience.EVERYONE)
    subject = models.CharField(max_length=150)
    body = models.TextField(max_length=5000)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    recipient_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.subject
