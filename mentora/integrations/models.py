"""Outbound webhooks: the endpoints organization admins register and every delivery to them."""

from __future__ import annotations

import json
import secrets
import uuid
from datetime import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

# The events an endpoint can subscribe to (docs/api.md#webhooks has each payload).
EVENTS: dict[str, str] = {
    "relationship.requested": "A mentee and a mentor were asked to work together",
    "relationship.accepted": "A request was accepted",
    "relationship.ended": "A relationship or request closed (completed, ended early, declined "
    "or expired)",
    "meeting.scheduled": "A meeting was scheduled or moved",
    "meeting.cancelled": "A meeting was cancelled",
    "match.published": "A program's matches were published",
    "survey.completed": "Someone completed a survey",
}
PING = "ping"  # sent by "Send a test event"; no endpoint subscribes to it


class WebhookEndpoint(models.Model):
    """An integrator's URL that receives signed JSON for the events it subscribed to."""

    SECRET_PREFIX = "whsec_"

    name = models.CharField(max_length=100)
    url = models.URLField("URL", max_length=500)
    events = models.JSONField(default=list, help_text="Event names, e.g. relationship.accepted.")
    secret = models.CharField(max_length=80)
    previous_secret = models.CharField(max_length=80, blank=True)
    previous_secret_expires_at = models.DateTimeField(null=True, blank=True)
    is_active = models.BooleanField(default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.url})"

    @classmethod
    def generate_secret(cls) -> str:
        return cls.SECRET_PREFIX + secrets.token_urlsafe(32)

    def signing_secrets(self, now: datetime) -> list[str]:
        """The current secret, then the previous one while its grace period lasts."""
        keys = [self.secret]
        if (
            self.previous_secret
            and self.previous_secret_expires_at is not None
            and self.previous_secret_expires_at > now
        ):
            keys.append(self.previous_secret)
        return keys

    @property
    def secret_hint(self) -> str:
        """Enough of the secret to tell two apart, not enough to use it."""
        return f"{self.secret[:10]}…{self.secret[-4:]}"

    def event_labels(self) -> list[str]:
        return [EVENTS.get(name, name) for name in self.events]


class WebhookDeliveryQuerySet(models.QuerySet["WebhookDelivery"]):
    def claimable(self, now: datetime) -> WebhookDeliveryQuerySet:
        """Pending, due, and not held by a live lease (an expired lease is fair game)."""
        return self.filter(
            Q(lease_until__isnull=True) | Q(lease_until__lt=now),
            status=WebhookDelivery.Status.PENDING,
            available_at__lte=now,
        )


class WebhookDelivery(models.Model):
    """One event on its way to one endpoint; written in the transaction of the change it reports."""

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        DELIVERED = "delivered", "Delivered"
        FAILED = "failed", "Gave up"

    endpoint = models.ForeignKey(
        WebhookEndpoint, on_delete=models.CASCADE, related_name="deliveries"
    )
    event_id = models.UUIDField(
        default=uuid.uuid4, db_index=True, help_text="The same for every endpoint and re-send."
    )
    event = models.CharField(max_length=50)
    payload = models.JSONField(help_text="The JSON body, exactly as sent.")
    status = models.CharField(max_length=9, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    available_at = models.DateTimeField(default=timezone.now)
    lease_until = models.DateTimeField(null=True, blank=True)
    claim_token = models.CharField(max_length=40, blank=True, db_index=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    last_status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    # A generic kind ("HTTP 500", "timed out", "connection refused", "TLS error"), never the
    # exception text; the endpoint's answer is not stored at all (docs/security.md).
    last_error = models.TextField(blank=True)
    resent_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = WebhookDeliveryQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "available_at"], name="webhook_delivery_due"),
            models.Index(fields=["endpoint", "-created_at"], name="webhook_delivery_log"),
        ]
        verbose_name_plural = "webhook deliveries"

    def __str__(self) -> str:
        return f"{self.event} to {self.endpoint_id} ({self.status})"

    @property
    def payload_json(self) -> str:
        """The body, indented for people to read."""
        return json.dumps(self.payload, indent=2, ensure_ascii=False)
