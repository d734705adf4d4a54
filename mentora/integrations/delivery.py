"""Delivering webhooks: sign, claim atomically under a lease, POST, retry with backoff.

The same queue discipline as the email outbox (mentora.notifications.outbox): on PostgreSQL
`SELECT … FOR UPDATE SKIP LOCKED` so many workers share the queue, elsewhere a conditional
UPDATE that only takes rows still claimable; a claim is a lease, so a worker that dies leaves
rows that become claimable again. No HTTP request is made inside a database transaction.

Signature (docs/api.md#webhooks): header `Mentora-Signature: t=<unix time>,v1=<hex>` where
hex = HMAC-SHA256(secret, "<t>.<raw body>"); during a secret rotation's grace period a second
`v1=` signed with the previous secret follows, so receivers can switch secrets at leisure.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import time
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db import connection, transaction

from mentora.integrations.models import WebhookDelivery, WebhookEndpoint
from mentora.lib import clock
from mentora.lib.outbound import OutboundError, OutboundRefused, fetch
from mentora.notifications.outbox import backoff

log = logging.getLogger(__name__)

LEASE_SECONDS = 120
MAX_ATTEMPTS = 8  # 1 min, 2, 4 … about four hours of retries, then "gave up"
TIMEOUT = 10.0
# The answer is read (up to this much) and thrown away: only its status code is kept, so the
# log cannot be used to read an internal service (security review, issue 21).
ANSWER_LIMIT = 64_000
TOLERANCE_SECONDS = 300
USER_AGENT = "Mentora-Webhooks/1"


def body_bytes(payload: Any) -> bytes:
    """The exact bytes sent: compact JSON, UTF-8."""
    return json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode()


def sign(*, body: bytes, secret: str, timestamp: int) -> str:
    """Hex HMAC-SHA256 of "<timestamp>.<body>" with the secret."""
    message = str(timestamp).encode() + b"." + body
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def signature_header(*, body: bytes, secrets: list[str], timestamp: int) -> str:
    """`t=<timestamp>,v1=<sig>[,v1=<sig with the previous secret>]`."""
    parts = [f"t={timestamp}"]
    parts += [f"v1={sign(body=body, secret=s, timestamp=timestamp)}" for s in secrets]
    return ",".join(parts)


def signature_verify(
    *, body: bytes, header: str, secret: str, now: float | None = None,
    tolerance: int = TOLERANCE_SECONDS,
) -> bool:
    """What a receiver does: one v1 matches and the timestamp is recent (stops replays)."""
    timestamp: int | None = None
    candidates: list[str] = []
    for part in header.split(","):
        key, _, value = part.strip().partition("=")
        if key == "t" and value.isdigit():
            timestamp = int(value)
        elif key == "v1":
            candidates.append(value)
    if timestamp is None or not candidates:
        return False
    if abs((now if now is not None else time.time()) - timestamp) > tolerance:
        return False
    expected = sign(body=body, secret=secret, timestamp=timestamp)
    return any(hmac.compare_digest(expected, c) for c in candidates)


def webhook_claim(
    *, batch: int = 20, lease_seconds: int = LEASE_SECONDS, now: datetime | None = None
) -> tuple[str, list[WebhookDelivery]]:
    """Claim up to `batch` due deliveries under a fresh lease; returns (claim token, rows)."""
    now = now or clock.now()
    token = uuid.uuid4().hex
    due = WebhookDelivery.objects.claimable(now).order_by("available_at", "pk")
    with transaction.atomic():
        if connection.features.has_select_for_update_skip_locked:
            ids = list(due.select_for_update(skip_locked=True).values_list("pk", flat=True)[:batch])
        else:
            ids = list(due.values_list("pk", flat=True)[:batch])
        # Re-checks claimability: a row another worker took since our SELECT is not ours.
        WebhookDelivery.objects.claimable(now).filter(pk__in=ids).update(
            claim_token=token, lease_until=now + timedelta(seconds=lease_seconds)
        )
    rows = WebhookDelivery.objects.filter(claim_token=token).select_related("endpoint")
    return token, list(rows.order_by("pk"))


def _post(delivery: WebhookDelivery, endpoint: WebhookEndpoint, now: datetime) -> int:
    """POST the delivery through the outbound-URL guard; the 2xx status code.

    Raises OutboundError (a generic kind, an HTTP status for non-2xx answers, redirects
    included: they are not followed) or OutboundRefused when the URL now resolves to an
    address the guard refuses.
    """
    body = body_bytes(delivery.payload)
    timestamp = int(now.timestamp())
    headers = {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        "Mentora-Event": delivery.event,
        "Mentora-Event-Id": str(delivery.event_id),
        "Mentora-Delivery-Id": str(delivery.pk),
        "Mentora-Timestamp": str(timestamp),
        "Mentora-Signature": signature_header(
            body=body, secrets=endpoint.signing_secrets(now), timestamp=timestamp
        ),
    }
    response = fetch(
        endpoint.url, method="POST", headers=headers, body=body, timeout=TIMEOUT,
        max_bytes=ANSWER_LIMIT,
    )
    return response.status


def webhook_deliver(*, delivery: WebhookDelivery, token: str, now: datetime | None = None) -> bool:
    """Send one claimed delivery; a 2xx answer delivers it, anything else is retried."""
    now = now or clock.now()
    still_ours = WebhookDelivery.objects.filter(
        pk=delivery.pk, claim_token=token, status=WebhookDelivery.Status.PENDING
    )
    if not still_ours.exists():  # the lease expired and another worker took it
        return False
    attempts = delivery.attempts + 1
    code: int | None = None
    error = ""
    try:
        code = _post(delivery, delivery.endpoint, now)
    except OutboundRefused:
        error = "refused: not a public address"
    except OutboundError as exc:
        # Only the generic kind ("HTTP 500", "timed out", "connection refused", "TLS error"),
        # never the exception text or the answer. A 2xx whose body then ran long or slow was
        # still received: the body is not read for anything.
        code = exc.status
        if code is None or not 200 <= code < 300:
            error = exc.kind
    if not error:
        still_ours.update(
            status=WebhookDelivery.Status.DELIVERED,
            attempts=attempts,
            delivered_at=now,
            last_attempt_at=now,
            last_status_code=code,
            last_error="",
            lease_until=None,
        )
        return True
    dead = attempts >= MAX_ATTEMPTS
    still_ours.update(
        status=WebhookDelivery.Status.FAILED if dead else WebhookDelivery.Status.PENDING,
        attempts=attempts,
        available_at=now + backoff(attempts),
        last_attempt_at=now,
        last_status_code=code,
        last_error=error,
        lease_until=None,
        claim_token="",
    )
    log.warning("webhook %s to %s failed (attempt %s): %s", delivery.pk, delivery.endpoint.url,
                attempts, error)
    return False


@dataclass
class DeliveryResult:
    """What one pass over the webhook queue did."""

    claimed: int = 0
    delivered: int = 0
    failed: int = 0


def webhooks_process(*, batch: int = 20, now: datetime | None = None) -> DeliveryResult:
    """Claim and deliver due webhooks until fewer than a batch are due (the worker's pass)."""
    result = DeliveryResult()
    while True:
        token, deliveries = webhook_claim(batch=batch, now=now)
        result.claimed += len(deliveries)
        for delivery in deliveries:
            if webhook_deliver(delivery=delivery, token=token, now=now):
                result.delivered += 1
            else:
                result.failed += 1
        if len(deliveries) < batch:
            return result
