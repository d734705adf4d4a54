"""The database-backed outbox: enqueue, claim atomically under a lease, deliver with retries.

Claiming: on PostgreSQL `SELECT … FOR UPDATE SKIP LOCKED` so many workers share the queue
without waiting on each other; elsewhere (SQLite) a conditional UPDATE that only takes rows
still claimable. Either way a claim is a lease: a worker that dies leaves rows that become
claimable again when the lease expires. Delivery marks a row sent only if the worker still
holds its claim, and every email carries the row's Message-ID, so a retry is recognisable.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import IntegrityError, connection, transaction

from mentora.lib import clock
from mentora.notifications.models import OutboxMessage

log = logging.getLogger(__name__)

LEASE_SECONDS = 300
MAX_ATTEMPTS = 8
BACKOFF_BASE_SECONDS = 60
BACKOFF_CAP_SECONDS = 6 * 3600


def backoff(attempts: int) -> timedelta:
    """Wait before retry number `attempts`: 1 min, 2, 4, 8 … capped at six hours."""
    return timedelta(
        seconds=min(BACKOFF_BASE_SECONDS * 2 ** max(attempts - 1, 0), BACKOFF_CAP_SECONDS)
    )


@transaction.atomic
def outbox_enqueue(
    *,
    to: Any,
    subject: str,
    body: str,
    kind: str,
    html_body: str = "",
    attachments: list[dict[str, str]] | None = None,
    dedupe_key: str | None = None,
    available_at: datetime | None = None,
    now: datetime | None = None,
) -> OutboxMessage:
    """Queue an email to a person; with a dedupe key, queuing the same thing twice is a no-op."""
    now = now or clock.now()
    if dedupe_key:
        existing = OutboxMessage.objects.filter(dedupe_key=dedupe_key).first()
        if existing is not None:
            return existing
    try:
        with transaction.atomic():
            return OutboxMessage.objects.create(
                recipient=to,
                to_email=to.email,
                kind=kind,
                subject=subject[:250],
                body=body,
                html_body=html_body,
                attachments=attachments or [],
                dedupe_key=dedupe_key,
                available_at=available_at or now,
                created_at=now,
            )
    except IntegrityError:  # another process queued the same dedupe key first
        return OutboxMessage.objects.get(dedupe_key=dedupe_key)


def outbox_claim(
    *, batch: int = 20, lease_seconds: int = LEASE_SECONDS, now: datetime | None = None
) -> tuple[str, list[OutboxMessage]]:
    """Claim up to `batch` due messages under a fresh lease; returns (claim token, messages)."""
    now = now or clock.now()
    token = uuid.uuid4().hex
    lease_until = now + timedelta(seconds=lease_seconds)
    due = OutboxMessage.objects.claimable(now).order_by("available_at", "pk")
    with transaction.atomic():
        if connection.features.has_select_for_update_skip_locked:
            ids = list(due.select_for_update(skip_locked=True).values_list("pk", flat=True)[:batch])
        else:
            ids = list(due.values_list("pk", flat=True)[:batch])
        # The conditional UPDATE re-checks claimability, so a row another worker took
        # between our SELECT and this UPDATE is simply not ours.
        OutboxMessage.objects.claimable(now).filter(pk__in=ids).update(
            claim_token=token, lease_until=lease_until
        )
    return token, list(OutboxMessage.objects.filter(claim_token=token).order_by("pk"))


def _email(message: OutboxMessage) -> EmailMultiAlternatives:
    email = EmailMultiAlternatives(
        subject=message.subject,
        body=message.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[message.to_email],
        headers={"Message-ID": message.header_message_id, "X-Mentora-Kind": message.kind},
    )
    if message.html_body:
        email.attach_alternative(message.html_body, "text/html")
    for attachment in message.attachments:
        email.attach(attachment["filename"], attachment["content"], attachment["mimetype"])
    return email


def outbox_deliver(
    *, message: OutboxMessage, token: str, mail_connection: Any = None, now: datetime | None = None
) -> bool:
    """Send one claimed message; mark it sent, or schedule a retry with exponential backoff."""
    now = now or clock.now()
    still_ours = OutboxMessage.objects.filter(
        pk=message.pk, claim_token=token, status=OutboxMessage.Status.PENDING
    )
    if not still_ours.exists():  # lease expired and someone else took it, or already sent
        return False
    try:
        email = _email(message)
        email.connection = mail_connection
        email.send()
    except Exception as exc:  # any transport failure is retried; the row keeps the reason
        attempts = message.attempts + 1
        dead = attempts >= MAX_ATTEMPTS
        still_ours.update(
            attempts=attempts,
            status=OutboxMessage.Status.DEAD if dead else OutboxMessage.Status.PENDING,
            available_at=now + backoff(attempts),
            lease_until=None,
            claim_token="",
            last_error=f"{type(exc).__name__}: {exc}"[:2000],
        )
        log.warning("outbox: sending %s failed (attempt %s): %s", message.pk, attempts, exc)
        return False
    still_ours.update(
        status=OutboxMessage.Status.SENT,
        sent_at=now,
        attempts=message.attempts + 1,
        lease_until=None,
    )
    return True


@dataclass
class RunResult:
    """What one pass of the worker did."""

    claimed: int = 0
    sent: int = 0
    failed: int = 0


def outbox_process(
    *, batch: int = 20, lease_seconds: int = LEASE_SECONDS, now: datetime | None = None
) -> RunResult:
    """Claim one batch and deliver it over one mail connection."""
    result = RunResult()
    token, messages = outbox_claim(batch=batch, lease_seconds=lease_seconds, now=now)
    result.claimed = len(messages)
    if not messages:
        return result
    with get_connection() as mail_connection:
        for message in messages:
            if outbox_deliver(
                message=message, token=token, mail_connection=mail_connection, now=now
            ):
                result.sent += 1
            else:
                result.failed += 1
    return result
