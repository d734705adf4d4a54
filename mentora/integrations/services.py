"""Writes for webhooks: emitting events, endpoints (create, change, rotate, delete), re-sends."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction

from mentora.audit.services import audit_record
from mentora.integrations.models import EVENTS, PING, WebhookDelivery, WebhookEndpoint
from mentora.integrations.permissions import can_manage_webhooks
from mentora.lib import clock
from mentora.lib.errors import DomainError
from mentora.lib.outbound import OutboundRefused, check_url

MAX_GRACE_HOURS = 7 * 24
DEFAULT_GRACE_HOURS = 24


def _envelope(*, event: str, event_id: uuid.UUID, payload: dict[str, Any], now: datetime) -> Any:
    """The JSON body: {id, event, created_at, data}; encoded now, so it is a snapshot."""
    body = {
        "id": str(event_id),
        "event": event,
        "created_at": now.isoformat().replace("+00:00", "Z"),
        "data": payload,
    }
    return json.loads(DjangoJSONEncoder().encode(body))


# Not @transaction.atomic on purpose: it runs inside the caller's transaction (the change it
# reports), and one bulk INSERT needs no savepoint of its own.
def webhook_emit(
    *,
    event: str,
    payload: dict[str, Any] | Callable[[], dict[str, Any]],
    now: datetime | None = None,
) -> list[WebhookDelivery]:
    """Queue one event for every active endpoint subscribed to it; the worker delivers them.

    Call it inside the service whose change the event reports: the deliveries commit or roll
    back with that change. `payload` becomes the body's `data` (see mentora.integrations.payloads);
    give a callable (`lambda: payloads.meeting(meeting)`) and it is only built — and its queries
    only run — when some endpoint listens, so emitting costs one query otherwise.
    """
    if event not in EVENTS:
        # A programming error, not bad input: every event is listed in integrations.models.EVENTS.
        raise ValueError(f"Unknown webhook event {event!r}; add it to integrations.models.EVENTS.")
    now = now or clock.now()
    endpoints = [
        pk
        for pk, events in WebhookEndpoint.objects.filter(is_active=True).values_list("pk", "events")
        if event in (events or [])
    ]
    if not endpoints:
        return []
    event_id = uuid.uuid4()
    data = payload() if callable(payload) else payload
    body = _envelope(event=event, event_id=event_id, payload=data, now=now)
    return WebhookDelivery.objects.bulk_create(
        WebhookDelivery(
            endpoint_id=pk,
            event_id=event_id,
            event=event,
            payload=body,
            available_at=now,
            created_at=now,
        )
        for pk in endpoints
    )


def _check_admin(by: Any) -> None:
    if not can_manage_webhooks(by):
        raise DomainError("Only organization admins can manage webhooks.", code="forbidden")


def _clean(*, name: str, url: str, events: list[str]) -> tuple[str, str, list[str]]:
    name = (name or "").strip()
    if not name:
        raise DomainError("Give the endpoint a name.", field="name")
    if len(name) > 100:
        raise DomainError("The name is longer than 100 characters.", field="name")
    url = (url or "").strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise DomainError(
            "The URL must start with https:// (or http://) and name a host.", field="url"
        )
    if len(url) > 500:
        raise DomainError("The URL is longer than 500 characters.", field="url")
    try:
        check_url(url)  # again at every delivery: the name may resolve elsewhere by then
    except OutboundRefused as exc:
        raise DomainError(str(exc), field="url") from None
    unknown = [e for e in events if e not in EVENTS]
    if unknown:
        raise DomainError(
            f"Unknown event {unknown[0]!r}; choose from {', '.join(EVENTS)}.", field="events"
        )
    if not events:
        raise DomainError("Choose at least one event to send.", field="events")
    ordered = [e for e in EVENTS if e in set(events)]
    return name, url, ordered


@transaction.atomic
def webhook_endpoint_create(
    *, by: Any, name: str, url: str, events: list[str], now: datetime | None = None
) -> tuple[WebhookEndpoint, str]:
    """Register an endpoint; returns it and its signing secret (shown to the admin once)."""
    _check_admin(by)
    now = now or clock.now()
    name, url, events = _clean(name=name, url=url, events=events)
    secret = WebhookEndpoint.generate_secret()
    endpoint = WebhookEndpoint.objects.create(
        name=name,
        url=url,
        events=events,
        secret=secret,
        created_by=by,
        created_at=now,
        updated_at=now,
    )
    _audit(by, "webhook.create", endpoint)
    return endpoint, secret


def _audit(by: Any, action: str, endpoint: WebhookEndpoint, **details: Any) -> None:
    """Webhook changes in the audit log, named by the endpoint's name and host (h17a)."""
    audit_record(
        actor=by,
        action=action,
        target_type="integrations.webhookendpoint",
        target_id=endpoint.pk,
        details={"webhook": endpoint.name, "url": endpoint.url, **details},
    )


@transaction.atomic
def webhook_endpoint_update(
    *,
    endpoint: WebhookEndpoint,
    by: Any,
    name: str,
    url: str,
    events: list[str],
    is_active: bool,
    now: datetime | None = None,
) -> WebhookEndpoint:
    """Change an endpoint's name, URL, events, or pause it (paused: no new deliveries)."""
    _check_admin(by)
    name, url, events = _clean(name=name, url=url, events=events)
    endpoint.name, endpoint.url, endpoint.events = name, url, events
    endpoint.is_active = is_active
    endpoint.updated_at = now or clock.now()
    endpoint.save(update_fields=["name", "url", "events", "is_active", "updated_at"])
    _audit(by, "webhook.update", endpoint, paused=not is_active)
    return endpoint


@transaction.atomic
def webhook_endpoint_rotate_secret(
    *,
    endpoint: WebhookEndpoint,
    by: Any,
    grace_hours: int = DEFAULT_GRACE_HOURS,
    now: datetime | None = None,
) -> tuple[WebhookEndpoint, str]:
    """Replace the signing secret; for `grace_hours` every delivery is signed with both."""
    _check_admin(by)
    if not 0 <= grace_hours <= MAX_GRACE_HOURS:
        raise DomainError(
            f"The grace period is from 0 to {MAX_GRACE_HOURS} hours.", field="grace_hours"
        )
    now = now or clock.now()
    locked = WebhookEndpoint.objects.select_for_update().get(pk=endpoint.pk)
    secret = WebhookEndpoint.generate_secret()
    if grace_hours:
        locked.previous_secret = locked.secret
        locked.previous_secret_expires_at = now + timedelta(hours=grace_hours)
    else:
        locked.previous_secret = ""
        locked.previous_secret_expires_at = None
    locked.secret = secret
    locked.updated_at = now
    locked.save(
        update_fields=["secret", "previous_secret", "previous_secret_expires_at", "updated_at"]
    )
    _audit(by, "webhook.rotate", locked, grace_hours=grace_hours)
    return locked, secret


@transaction.atomic
def webhook_endpoint_delete(*, endpoint: WebhookEndpoint, by: Any) -> None:
    """Remove an endpoint and its delivery log."""
    _check_admin(by)
    _audit(by, "webhook.delete", endpoint)
    endpoint.delete()


@transaction.atomic
def webhook_endpoint_ping(
    *, endpoint: WebhookEndpoint, by: Any, now: datetime | None = None
) -> WebhookDelivery:
    """Queue a `ping` event to one endpoint, to check the receiver and its signature check."""
    _check_admin(by)
    now = now or clock.now()
    event_id = uuid.uuid4()
    body = _envelope(
        event=PING,
        event_id=event_id,
        payload={"endpoint": {"id": endpoint.pk, "name": endpoint.name}},
        now=now,
    )
    return WebhookDelivery.objects.create(
        endpoint=endpoint,
        event_id=event_id,
        event=PING,
        payload=body,
        available_at=now,
        created_at=now,
    )


@transaction.atomic
def webhook_delivery_resend(
    *, delivery: WebhookDelivery, by: Any, now: datetime | None = None
) -> WebhookDelivery:
    """Send a delivery's event again (same event id and body) as a new logged delivery."""
    _check_admin(by)
    now = now or clock.now()
    return WebhookDelivery.objects.create(
        endpoint_id=delivery.endpoint_id,
        event_id=delivery.event_id,
        event=delivery.event,
        payload=delivery.payload,
        resent_from=delivery,
        available_at=now,
        created_at=now,
    )
