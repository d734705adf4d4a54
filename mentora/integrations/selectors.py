"""Reads for the webhook pages and API."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from mentora.integrations.models import WebhookDelivery, WebhookEndpoint


def endpoints_with_counts() -> QuerySet[WebhookEndpoint]:
    """Every endpoint with its pending and failed delivery counts (one query)."""
    return WebhookEndpoint.objects.annotate(
        pending=Count("deliveries", filter=Q(deliveries__status=WebhookDelivery.Status.PENDING)),
        failed=Count("deliveries", filter=Q(deliveries__status=WebhookDelivery.Status.FAILED)),
    ).order_by("name", "pk")


def delivery_log(endpoint: WebhookEndpoint, *, status: str = "") -> QuerySet[WebhookDelivery]:
    """An endpoint's deliveries, newest first, optionally of one status."""
    rows = WebhookDelivery.objects.filter(endpoint=endpoint).order_by("-created_at", "-pk")
    if status:
        rows = rows.filter(status=status)
    return rows
