"""The outbox of messages to send, each person's notification preferences, calendar feeds."""

from __future__ import annotations

import hashlib
import secrets
import uuid
from datetime import datetime, time

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone


class Channel(models.TextChoices):
    """Where a message reaches a person (docs/messages.md)."""

    EMAIL = "email", "Email"
    SLACK = "slack", "Slack"
    TEAMS = "teams", "Microsoft Teams"
    # A program's announcements to the organization's Teams channel (no one person).
    TEAMS_CHANNEL = "teams_channel", "Microsoft Teams channel"


class OutboxQuerySet(models.QuerySet["OutboxMessage"]):
    def claimable(self, now: datetime) -> OutboxQuerySet:
        """Pending, due, and not held by a live lease (an expired lease is fair game)."""
        return self.filter(
            Q(lease_until__isnull=True) | Q(lease_until__lt=now),
            status=OutboxMessage.Status.PENDING,
            available_at__lte=now,
        )


class OutboxMessage(models.Model):
    """An email waiting to be sent; written in the same transaction as the change it reports."""

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        SENT = "sent", "Sent"
        DEAD = "dead", "Gave up"

    message_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="outbox_messages",
    )
    to_email = models.EmailField()
    kind = models.CharField(max_length=80)
    subject = models.CharField(max_length=250)
    body = models.TextField()
    html_body = models.TextField(blank=True, help_text="The HTML part; the body is the text part.")
    attachments = models.JSONField(
        default=list, blank=True, help_text="[{filename, content, mimetype}] as text."
    )
    dedupe_key = models.CharField(max_length=200, null=True, blank=True, unique=True)
    channel = models.CharField(
        max_length=14,
        choices=Channel.choices,
        default=Channel.EMAIL,
        help_text="Where it goes; chosen from the person's preferences when it was queued.",
    )
    status = models.CharField(max_length=7, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    available_at = models.DateTimeField(default=timezone.now, db_index=True)
    lease_until = models.DateTimeField(null=True, blank=True)
    claim_token = models.CharField(max_length=40, blank=True, db_index=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = OutboxQuerySet.as_manager()

    class Meta:
        ordering = ["available_at", "pk"]
        indexes = [models.Index(fields=["status", "available_at"], name="outbox_due")]

    def __str__(self) -> str:
        return f"{self.kind} to {self.to_email} ({self.status})"

    @property
    def header_message_id(self) -> str:
        """The email Message-ID: the same on every retry, so a resend is recognisable."""
        return f"<{self.message_id}@mentora>"


class NotificationPreference(models.Model):
    """How and when a person wants to hear from Mentora."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preference"
    )
    digest_enabled = models.BooleanField(
        "daily digest", default=True, help_text="One email a day with everything that needs you."
    )
    digest_hour = models.PositiveSmallIntegerField(
        default=8, validators=[MaxValueValidator(23)], help_text="Local hour to send the digest."
    )
    meeting_invitations = models.BooleanField(
        default=True, help_text="Calendar invitations when meetings are scheduled or change."
    )
    quiet_start = models.TimeField(null=True, blank=True, help_text="No email from this time…")
    quiet_end = models.TimeField(null=True, blank=True, help_text="…until this time.")
    # Where each kind of message reaches the person (messages.CATEGORY_OF_KIND says which).
    reminders_channel = models.CharField(
        "Reminders and nudges", max_length=5, choices=Channel.choices[:3], default=Channel.EMAIL
    )
    digests_channel = models.CharField(
        "Daily digest", max_length=5, choices=Channel.choices[:3], default=Channel.EMAIL
    )
    requests_channel = models.CharField(
        "Requests to and from mentors and coaches",
        max_length=5,
        choices=Channel.choices[:3],
        default=Channel.EMAIL,
    )
    messages_channel = models.CharField(
        "New messages", max_length=5, choices=Channel.choices[:3], default=Channel.EMAIL
    )
    teams_webhook_url = models.URLField(
        "Your Teams workflow address",
        max_length=1000,
        blank=True,
        help_text="From a Teams workflow that posts to your chat (docs/messages.md).",
    )

    def __str__(self) -> str:
        return f"Notification preferences of {self.user}"

    def is_quiet(self, local: time) -> bool:
        """Whether a local time falls inside the quiet hours (which may wrap midnight)."""
        if self.quiet_start is None or self.quiet_end is None or self.quiet_start == self.quiet_end:
            return False
        if self.quiet_start < self.quiet_end:
            return self.quiet_start <= local < self.quiet_end
        return local >= self.quiet_start or local < self.quiet_end


class CalendarFeedQuerySet(models.QuerySet["CalendarFeed"]):
    def usable(self) -> CalendarFeedQuerySet:
        return self.filter(revoked_at__isnull=True, user__is_active=True)


class CalendarFeed(models.Model):
    """A private calendar feed URL; only the token's SHA-256 hash is stored."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feeds"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = CalendarFeedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Calendar feed of {self.user}"

    @staticmethod
    def hash_token(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()

    @staticmethod
    def generate_token() -> str:
        return secrets.token_urlsafe(32)


class ChatSettings(models.Model):
    """The organization's Slack app and Teams channel (one row; secrets never shown back)."""

    slack_bot_token = models.CharField(max_length=200, blank=True)
    teams_channel_webhook_url = models.URLField(max_length=1000, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name_plural = "chat settings"

    def __str__(self) -> str:
        return "Slack and Teams settings"
