"""Meetings (single or recurring), their agenda and notes, action items and async check-ins."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone as dj_timezone

from mentora.lib.choices import Cadence


class MeetingSeries(models.Model):
    """A recurring meeting: the organiser's local wall-clock time, repeated at a cadence."""

    relationship = models.ForeignKey(
        "relationships.Relationship", on_delete=models.CASCADE, related_name="series"
    )
    organiser = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    cadence = models.CharField(max_length=10, choices=Cadence.choices)
    timezone = models.CharField(max_length=64)
    first_date = models.DateField(help_text="Local date of the first meeting.")
    local_time = models.TimeField(help_text="Wall-clock time in the organiser's time zone.")
    count = models.PositiveSmallIntegerField()
    # One invitation for the whole series: its own UID and SEQUENCE (an RRULE event).
    uid = models.CharField(max_length=100, blank=True, default="")
    sequence = models.PositiveIntegerField(default=0, help_text="iCalendar SEQUENCE.")
    cancelled_at = models.DateTimeField(null=True, blank=True)
    video_url = models.URLField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=dj_timezone.now)

    def __str__(self) -> str:
        return f"{self.get_cadence_display()} × {self.count}"

    def save(self, *args: object, **kwargs: object) -> None:
        if not self.uid:
            self.uid = f"series-{uuid.uuid4()}@mentora"
        super().save(*args, **kwargs)  # type: ignore[arg-type]


class MeetingQuerySet(models.QuerySet["Meeting"]):
    def scheduled(self) -> MeetingQuerySet:
        return self.filter(status=Meeting.Status.SCHEDULED)

    def upcoming(self, now: datetime) -> MeetingQuerySet:
        return self.scheduled().filter(starts_at__gte=now).order_by("starts_at")

    def held(self, now: datetime) -> MeetingQuerySet:
        """Meetings that took place: scheduled (not cancelled) and already over."""
        return self.scheduled().filter(starts_at__lt=now)


class Meeting(models.Model):
    """One meeting of a pair, stored in UTC; each person sees it in their own time zone."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", "Scheduled"
        CANCELLED = "cancelled", "Cancelled"

    relationship = models.ForeignKey(
        "relationships.Relationship", on_delete=models.CASCADE, related_name="meetings"
    )
    series = models.ForeignKey(
        MeetingSeries, on_delete=models.SET_NULL, null=True, blank=True, related_name="meetings"
    )
    organiser = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    starts_at = models.DateTimeField(db_index=True)
    duration_minutes = models.PositiveSmallIntegerField(
        default=45, validators=[MinValueValidator(5), MaxValueValidator(480)]
    )
    location = models.CharField(max_length=300, blank=True)
    video_url = models.URLField(max_length=500, blank=True)
    # In a series: the start the series' RRULE gave this meeting (its iCalendar RECURRENCE-ID).
    recurrence_id = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SCHEDULED)
    uid = models.CharField(max_length=100, unique=True, default="")
    sequence = models.PositiveIntegerField(default=0, help_text="iCalendar SEQUENCE.")
    mentee_confirmed_at = models.DateTimeField(null=True, blank=True)
    mentor_confirmed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=dj_timezone.now)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "pk"]

    def __str__(self) -> str:
        return f"Meeting on {self.starts_at:%Y-%m-%d %H:%M} UTC"

    def save(self, *args: object, **kwargs: object) -> None:
        if not self.uid:
            self.uid = f"{uuid.uuid4()}@mentora"
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    @property
    def ends_at(self) -> datetime:
        return self.starts_at + timedelta(minutes=self.duration_minutes)


class AgendaItem(models.Model):
    """A topic either side wants to talk about in a meeting."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    text = models.CharField(max_length=300)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(default=dj_timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.text


class SharedNote(models.Model):
    """A note on a meeting that both members of the pair see."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="shared_notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    body = models.TextField()
    created_at = models.DateTimeField(default=dj_timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"Shared note by {self.author}"


class PrivateNote(models.Model):
    """A note only its author ever sees (see mentora/relationships/permissions.py)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="private_notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    body = models.TextField()
    created_at = models.DateTimeField(default=dj_timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return "Private note"


class ActionItem(models.Model):
    """Something one side committed to do; it carries over to each meeting until done."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        DONE = "done", "Done"

    relationship = models.ForeignKey(
        "relationships.Relationship", on_delete=models.CASCADE, related_name="action_items"
    )
    meeting = models.ForeignKey(
        Meeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="action_items"
    )
    text = models.CharField(max_length=300)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    due_on = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=5, choices=Status.choices, default=Status.OPEN)
    done_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(default=dj_timezone.now)

    class Meta:
        ordering = ["status", "due_on", "pk"]

    def __str__(self) -> str:
        return self.text


class CheckIn(models.Model):
    """An asynchronous update between meetings: progress, blockers, confidence, next step."""

    relationship = models.ForeignKey(
        "relationships.Relationship", on_delete=models.CASCADE, related_name="check_ins"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    progress = models.TextField()
    blockers = models.TextField(blank=True)
    confidence = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    next_step = models.TextField(blank=True)
    created_at = models.DateTimeField(default=dj_timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(confidence__gte=1, confidence__lte=5),
                name="checkin_confidence_1_to_5",
            )
        ]

    def __str__(self) -> str:
        return f"Check-in by {self.author}"
