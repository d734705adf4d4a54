"""One leased queue for every table of background work (outbox, webhooks, matching runs).

A row is claimable when the table's own queryset says so (pending and due, or held by a
lease that has expired). Claiming takes up to `batch` such rows under a fresh lease and a
claim token: on PostgreSQL with `SELECT … FOR UPDATE SKIP LOCKED`, so many workers on many
machines share a queue without waiting on each other; on SQLite (one writer at a time) with a
conditional UPDATE that re-checks claimability, so a row another worker took meanwhile is
simply not ours. A worker that dies leaves its rows leased; when the lease expires they are
claimable again and the job runs again, so every job must be safe to run twice.

Failures are retried with exponential backoff (`retry_update`); after `max_attempts` a row
becomes a dead letter that stays in the table with the reason, for a person to look at.
The table only needs a `claim_token` and a `lease_until` field; this module knows no domain.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any, TypeVar

from django.db import connection, transaction
from django.db.models import Model, QuerySet

M = TypeVar("M", bound=Model)

BACKOFF_BASE_SECONDS = 60
BACKOFF_CAP_SECONDS = 6 * 3600


def backoff(attempts: int) -> timedelta:
    """Wait before retry number `attempts`: 1 min, 2, 4, 8 … capped at six hours."""
    return timedelta(
        seconds=min(BACKOFF_BASE_SECONDS * 2 ** max(attempts - 1, 0), BACKOFF_CAP_SECONDS)
    )


def claim(
    claimable: QuerySet[M],
    *,
    now: datetime,
    lease: timedelta,
    batch: int = 20,
    order_by: tuple[str, ...] = ("available_at", "pk"),
    set_fields: dict[str, Any] | None = None,
    select_related: tuple[str, ...] = (),
) -> tuple[str, list[M]]:
    """Lease up to `batch` rows of `claimable`; returns (claim token, the rows now ours).

    `claimable` must express the whole claim condition (status, due time, no live lease):
    it is applied twice, to choose rows and again in the UPDATE that takes them.
    `set_fields` are written in the same UPDATE (a run's status, say); `select_related`
    joins what the worker reads with the rows it returns.
    """
    token = uuid.uuid4().hex
    with transaction.atomic():
        due = claimable.order_by(*order_by)
        if connection.features.has_select_for_update_skip_locked:
            ids = list(due.select_for_update(skip_locked=True).values_list("pk", flat=True)[:batch])
        else:
            ids = list(due.values_list("pk", flat=True)[:batch])
        if ids:
            claimable.filter(pk__in=ids).update(
                claim_token=token, lease_until=now + lease, **(set_fields or {})
            )
    if not ids:
        return token, []
    mine = claimable.model._default_manager.filter(claim_token=token)
    return token, list(mine.select_related(*select_related).order_by("pk"))


def retry_update(
    *,
    attempts: int,
    max_attempts: int,
    now: datetime,
    error: str,
    pending: str,
    dead: str,
) -> dict[str, Any]:
    """The fields a failed attempt writes: back to `pending` after a backoff, or a dead letter."""
    return {
        "attempts": attempts,
        "status": dead if attempts >= max_attempts else pending,
        "available_at": now + backoff(attempts),
        "lease_until": None,
        "claim_token": "",
        "last_error": error[:2000],
    }
