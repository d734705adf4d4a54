"""Outcomes: each program's survey schedule, survey invitations and the answers people give.

Answers belong to the person who gave them: only they read them (see permissions.py); program
managers and admins see aggregates over groups of at least the minimum group size.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone


class SurveySchedule(models.Model):
    """When a program asks its people the pulse, relationship-quality and exit surveys."""

    program = models.OneToOneField(
        "programs.Program", on_delete=models.CASCADE, related_name="survey_schedule"
    )
    enabled = models.BooleanField(default=True, help_text="Send surveys in this program.")
    midpoint_week = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(520)],
        help_text="Weeks after the relationship starts; blank = no midpoint survey.",
    )
    end_week = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(520)],
        help_text="Weeks after the relationship starts (or when it ends, if sooner).",
    )
    quality_after_meetings = models.PositiveSmallIntegerField(
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
        help_text="Ask both people about the relationship after this many meetings.",
    )
    exit_survey = models.BooleanField(
        default=True, help_text="Ask both people a short exit survey when a relationship ends."
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(midpoint_week__isnull=True) | Q(midpoint_week__lt=models.F("end_week")),
                name="survey_schedule_midpoint_before_end",
            )
        ]

    def __str__(self) -> str:
        return f"Survey schedule of {self.program}"


class SurveyInvitationQuerySet(models.QuerySet["SurveyInvitation"]):
    def answered(self) -> SurveyInvitationQuerySet:
        return self.filter(answered_at__isnull=False)

    def open_at(self, now: object) -> SurveyInvitationQuerySet:
        """Invitations a person can still answer at `now`."""
        return self.filter(
            answered_at__isnull=True,
            withdrawn_at__isnull=True,
            opens_at__lte=now,
            closes_at__gt=now,
        )


class SurveyInvitation(models.Model):
    """One survey one person is asked to answer, open for a window of time."""

    class Kind(models.TextChoices):
        BASELINE = "baseline", "Baseline (at enrollment)"
        MIDPOINT = "midpoint", "Midpoint"
        END = "end", "End of program"
        QUALITY = "quality", "Relationship quality"
        EXIT = "exit", "Exit"

    PULSE = (Kind.BASELINE, Kind.MIDPOINT, Kind.END)
    ABOUT_RELATIONSHIP = (Kind.QUALITY, Kind.EXIT)

    program = models.ForeignKey(
        "programs.Program", on_delete=models.CASCADE, related_name="survey_invitations"
    )
    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="survey_invitations"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    relationship = models.ForeignKey(
        "relationships.Relationship",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="survey_invitations",
    )
    role = models.CharField(
        max_length=6, default="mentee", help_text="The respondent's side: mentee or mentor."
    )
    skills = models.JSONField(
        default=list, blank=True, help_text="Skills the person rates themselves on (pulse only)."
    )
    opens_at = models.DateTimeField()
    closes_at = models.DateTimeField()
    emailed_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(
        null=True, blank=True, help_text="The person deleted their answers."
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = SurveyInvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-opens_at", "-pk"]
        indexes = [models.Index(fields=["program", "kind"], name="survey_invitation_program")]
        constraints = [
            models.UniqueConstraint(
                fields=["program", "respondent", "kind"],
                condition=Q(kind__in=["baseline", "midpoint", "end"]),
                name="survey_pulse_once_per_program",
            ),
            models.UniqueConstraint(
                fields=["relationship", "respondent", "kind"],
                condition=Q(kind__in=["quality", "exit"]),
                name="survey_about_relationship_once",
            ),
            models.CheckConstraint(
                condition=Q(closes_at__gt=models.F("opens_at")), name="survey_window_ordered"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=["baseline", "midpoint", "end"])
                | Q(relationship__isnull=False),
                name="survey_about_relationship_has_one",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} survey for {self.respondent} in {self.program}"

    def status_at(self, now: object) -> str:
        """answered, withdrawn, open, upcoming or closed."""
        if self.answered_at:
            return "answered"
        if self.withdrawn_at:
            return "withdrawn"
        if self.opens_at > now:  # type: ignore[operator]
            return "upcoming"
        return "open" if self.closes_at > now else "closed"  # type: ignore[operator]


class SurveyAnswer(models.Model):
    """One answer (1–5) to one item of a survey; only its respondent ever reads it."""

    invitation = models.ForeignKey(
        SurveyInvitation, on_delete=models.CASCADE, related_name="answers"
    )
    item = models.CharField(max_length=120)
    value = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(5)]
    )

    class Meta:
        ordering = ["invitation", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["invitation", "item"], name="survey_answer_once"),
            models.CheckConstraint(
                condition=Q(value__gte=1, value__lte=5), name="survey_answer_1_to_5"
            ),
        ]

    def __str__(self) -> str:
        return f"Answer to {self.item}"


class ReportSnapshot(models.Model):
    """A program's dashboard or outcome report as last computed, shared by every web process.

    Aggregates only, the same for everyone allowed to open the program's analytics; stale once
    older than MENTORA_REPORT_MAX_AGE or once a service bumps `version`; never shown once the
    settings it was computed with (the minimum group size among them) change, or once answers
    were withdrawn after it was computed. See docs/decisions/0007-report-snapshots.md.
    """

    class Kind(models.TextChoices):
        DASHBOARD = "dashboard", "Dashboard"
        OUTCOMES = "outcomes", "Outcome report"

    program = models.ForeignKey(
        "programs.Program", on_delete=models.CASCADE, related_name="report_snapshots"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    data = models.JSONField(default=dict, help_text="Tables and extras, as the pages read them.")
    settings_key = models.CharField(
        max_length=100, blank=True, help_text="The settings the figures were computed with."
    )
    computed_at = models.DateTimeField(null=True, blank=True)
    computed_version = models.PositiveIntegerField(default=0)
    program_version = models.PositiveIntegerField(
        default=0, help_text="The program's figures version the data was computed from."
    )
    version = models.PositiveIntegerField(
        default=0, help_text="Bumped when outcome data change; newer than computed = stale."
    )
    purged_version = models.PositiveIntegerField(
        default=0, help_text="Answers were withdrawn at this version: never show older figures."
    )
    refreshing_until = models.DateTimeField(
        null=True, blank=True, help_text="One process is recomputing it until then."
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["program", "kind"], name="report_snapshot_once")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} of {self.program_id} as of {self.computed_at}"
