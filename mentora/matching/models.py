"""Matching runs, their draft pairs and unmatched mentees, manager rules, and published reasons."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class MatchRunQuerySet(models.QuerySet["MatchRun"]):
    def in_progress(self) -> MatchRunQuerySet:
        return self.filter(status__in=MatchRun.IN_PROGRESS)

    def drafts(self) -> MatchRunQuerySet:
        """Finished runs that produced a draft a manager may publish."""
        return self.filter(purpose=MatchRun.Purpose.RUN, status=MatchRun.Status.DONE)


class MatchRun(models.Model):
    """One computation of a program's matching: queued, run in the background, then a draft."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    class Purpose(models.TextChoices):
        RUN = "run", "Draft"
        PREVIEW = "preview", "What-if preview"

    IN_PROGRESS = [Status.QUEUED, Status.RUNNING]

    program = models.ForeignKey(
        "programs.Program", on_delete=models.CASCADE, related_name="match_runs"
    )
    number = models.PositiveIntegerField(
        null=True, blank=True, help_text="Draft number within the program (1, 2, …)."
    )
    purpose = models.CharField(max_length=8, choices=Purpose.choices, default=Purpose.RUN)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0, help_text="0–100 %.")
    stage = models.CharField(max_length=120, blank=True)
    weights = models.JSONField(default=dict, blank=True, help_text="Weights used (full set).")
    constraints = models.JSONField(default=dict, blank=True, help_text="Constraints used.")
    objective = models.CharField(max_length=8, default="total")
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    claim_token = models.CharField(max_length=32, blank=True)
    lease_until = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)
    notes = models.JSONField(
        default=list, blank=True, help_text="Things the run could not honour (e.g. a pin)."
    )
    mentees_count = models.PositiveIntegerField(default=0)
    mentors_count = models.PositiveIntegerField(default=0)
    places_count = models.PositiveIntegerField(default=0)
    matched_count = models.PositiveIntegerField(default=0)
    total_score = models.FloatField(default=0.0)
    min_score = models.FloatField(null=True, blank=True)
    bound = models.FloatField(null=True, blank=True, help_text="Proven upper bound of the total.")
    path_fit = models.JSONField(
        default=dict,
        blank=True,
        help_text="Matched mentees whose mentor held their target role / a related role / "
        "neither, and the best achievable in the pool.",
    )
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    publish_report = models.JSONField(default=dict, blank=True)

    objects = MatchRunQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            # One computation per program at a time, whatever its purpose.
            models.UniqueConstraint(
                fields=["program"],
                condition=Q(status__in=["queued", "running"]),
                name="matching_one_run_in_progress_per_program",
            ),
            models.CheckConstraint(
                condition=Q(progress__lte=100), name="matching_run_progress_percent"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} {self.number or self.pk} of {self.program}"

    @property
    def in_progress(self) -> bool:
        return self.status in self.IN_PROGRESS

    @property
    def mean_score(self) -> float | None:
        return self.total_score / self.matched_count if self.matched_count else None

    @property
    def unmatched_count(self) -> int:
        return max(self.mentees_count - self.matched_count, 0)


class DraftPair(models.Model):
    """A pair a run proposes, with its score as the sum of explained factor contributions."""

    run = models.ForeignKey(MatchRun, on_delete=models.CASCADE, related_name="pairs")
    mentee = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    mentor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    score = models.FloatField()
    contributions = models.JSONField(
        default=list,
        help_text="[{factor, weight, value, contribution, code, params}], best first.",
    )
    pinned = models.BooleanField(default=False, help_text="Kept by a manager's pin.")
    moved_from_score = models.FloatField(
        null=True, blank=True, help_text="Score of the engine's proposal before a manual move."
    )

    class Meta:
        ordering = ["-score", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["run", "mentee"], name="matching_draft_one_per_mentee"),
            models.CheckConstraint(
                condition=~Q(mentee=models.F("mentor")), name="matching_draft_two_people"
            ),
        ]
        indexes = [models.Index(fields=["run", "score"], name="matching_draft_by_score")]

    def __str__(self) -> str:
        return f"{self.mentee_id} → {self.mentor_id} ({self.score:.2f})"


class UnmatchedMentee(models.Model):
    """A mentee a run could not match, with the engine's reason."""

    run = models.ForeignKey(MatchRun, on_delete=models.CASCADE, related_name="unmatched")
    mentee = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    code = models.CharField(max_length=12)
    params = models.JSONField(
        default=dict, blank=True, help_text="The reason's parameters (closest mentors, …)."
    )
    allowed_mentors = models.PositiveIntegerField(default=0)
    eliminated = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["run", "mentee"], name="matching_unmatched_one_per_mentee"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.mentee_id}: {self.code}"


class MatchRule(models.Model):
    """A program manager's decision about one pair: always pair them (pin) or never (forbid)."""

    class Kind(models.TextChoices):
        PIN = "pin", "Pin"
        FORBID = "forbid", "Forbid"

    program = models.ForeignKey(
        "programs.Program", on_delete=models.CASCADE, related_name="match_rules"
    )
    mentee = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    mentor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=6, choices=Kind.choices)
    note = models.CharField(max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["program", "kind", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["program", "mentee", "mentor"], name="matching_rule_one_per_pair"
            ),
            models.UniqueConstraint(
                fields=["program", "mentee"],
                condition=Q(kind="pin"),
                name="matching_rule_one_pin_per_mentee",
            ),
            models.CheckConstraint(
                condition=~Q(mentee=models.F("mentor")), name="matching_rule_two_people"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.mentee_id} ↔ {self.mentor_id} in {self.program_id}"


class MatchExplanation(models.Model):
    """Why a pair fits, kept for the pair's "why we matched you": from a published draft, or
    the recommendation the mentee saw when they chose their mentor."""

    class Source(models.TextChoices):
        MATCHING = "matching", "Matched by the program"
        CHOICE = "choice", "Chosen from recommendations"

    relationship = models.OneToOneField(
        "relationships.Relationship", on_delete=models.CASCADE, related_name="match_explanation"
    )
    run = models.ForeignKey(
        MatchRun, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    score = models.FloatField()
    contributions = models.JSONField(default=list)
    pinned = models.BooleanField(default=False)
    source = models.CharField(max_length=8, choices=Source.choices, default=Source.MATCHING)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Why relationship {self.relationship_id} was matched ({self.score:.2f})"
