"""Connected calendars (only their busy times), personal meeting rooms, the video setting."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone as dj_timezone


class CalendarConnection(models.Model):
    """A person's calendar, read for busy times only: its address is a secret, like a password."""

    class Kind(models.TextChoices):
        ICAL = "ical", "Secret iCal address"
        CALDAV = "caldav", "CalDAV"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_connections"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    url = models.URLField(max_length=2000)
    username = models.CharField(max_length=200, blank=True)
    password = models.CharField(max_length=500, blank=True)
    refreshed_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=300, blank=True)
    failed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=dj_timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["user", "url"], name="calendar_connection_once"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} at {self.host}"

    @property
    def host(self) -> str:
        """Only the host is ever shown: the rest of a secret address is the secret."""
        return urlsplit(self.url).hostname or "—"


class BusyInterval(models.Model):
    """One busy stretch of a connected calendar: a start and an end, nothing else."""

    connection = models.ForeignKey(
        CalendarConnection, on_delete=models.CASCADE, related_name="busy"
    )
    starts_at = models.DateTimeField(db_index=True)
    ends_at = models.DateTimeField()

    class Meta:
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="busy_ends_after"),
        ]

    def __str__(self) -> str:
        return "Busy"


class MeetingRoom(models.Model):
    """A person's own video meeting room (their Zoom or Teams personal link)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="meeting_room"
    )
    url = models.URLField(max_length=500)
    updated_at = models.DateTimeField(default=dj_timezone.now)

    def __str__(self) -> str:
        return f"Meeting room of {self.user}"


class VideoSetting(models.Model):
    """The organization's one choice of how meetings get a video link (a single row)."""

    class Mode(models.TextChoices):
        NONE = "none", "No video link"
        JITSI = "jitsi", "A new Jitsi Meet room for each meeting or series"
        PERSONAL = "personal", "The organiser's own meeting room (Zoom or Teams personal link)"

    mode = models.CharField(max_length=10, choices=Mode.choices, default=Mode.NONE)
    jitsi_server = models.URLField(max_length=300, blank=True)
    updated_at = models.DateTimeField(default=dj_timezone.now)

    def __str__(self) -> str:
        return self.get_mode_display()
