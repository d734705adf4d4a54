"""The database-backed outbox: enqueue, claim atomically under a lease, deliver with retries.

Claiming: on PostgreSQL `SELECT … FOR UPDATE SKIP LOCKED` so many workers share the queue
without waiting on each other; elsewhere (SQLite) a conditional UPDATE that only takes rows
still claimable. Either way a claim is a lease: a worker that dies leaves rows that become
claimable again when the lease expires. Delivery marks a row sent only if the worker still
holds its claim, and every email carries the row's Message-ID, so a retry is recognisable.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import IntegrityError, transaction

from mentora.lib import clock, queue
from mentora.lib.queue import backoff
from mentora.notifications import chat
from mentora.notifications.models import Channel, OutboxMessage

log = logging.getLogger(__name__)

LEASE_SECONDS = 300
MAX_ATTEMPTS = 8
__all__ = ["backoff"]  # re-exported: webhooks and older callers import it from here


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
    channel: str = Channel.EMAIL,
) -> OutboxMessage:
    """Queue a message to a person (an email unless `channel` says Slack or Teams); with a
    dedupe key, queuing the same thing twice is a no-op."""
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
                channel=channel,
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
    return queue.claim(
        OutboxMessage.objects.claimable(now),
        now=now,
        lease=timedelta(seconds=lease_seconds),
        batch=batch,
    )


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


def _send(message: OutboxMessage, mail_connection: Any) -> str:
    """Deliver by the row's channel; returns a note when it fell back to email."""
    note = ""
    try:
        if message.channel == Channel.SLACK:
            chat.slack_deliver(message)
            return ""
        if message.channel in (Channel.TEAMS, Channel.TEAMS_CHANNEL):
            chat.teams_deliver(message)
            return ""
    except chat.ChatUnreachable as exc:
        if message.channel == Channel.TEAMS_CHANNEL or not message.to_email:
            raise  # a channel has no inbox to fall back to: retried, then a dead letter
        note = f"Sent by email instead: {exc}"
    email = _email(message)
    email.connection = mail_connection
    email.send()
    return note


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
        note = _send(message, mail_connection)
    except Exception as exc:  # any transport failure is retried; the row keeps the reason
        attempts = message.attempts + 1
        still_ours.update(
            **queue.retry_update(
                attempts=attempts,
                max_attempts=MAX_ATTEMPTS,
                now=now,
                error=f"{type(exc).__name__}: {exc}",
                pending=OutboxMessage.Status.PENDING,
                dead=OutboxMessage.Status.DEAD,
            )
        )
        log.warning("outbox: sending %s failed (attempt %s): %s", message.pk, attempts, exc)
        return False
    still_ours.update(
        status=OutboxMessage.Status.SENT,
        sent_at=now,
        attempts=message.attempts + 1,
        lease_until=None,
        last_error=note,
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
