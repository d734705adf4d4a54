"""The worker's schedule: every background job Mentora runs, how often, in what order.

`mentora worker` runs it in a loop (many processes may share one PostgreSQL database: each
queue is claimed under leases, `mentora.lib.queue`), and `mentora demo` runs the same loop in
a thread of the web process. This module sits at the top of the layering: it may call any
app, and no app imports it. Each app owns its job (what a matching run computes, what a
digest says); the schedule only says when.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.db import InterfaceError, OperationalError, close_old_connections, connections

from mentora.accounts.gdpr import retention_purge
from mentora.calendars.services import calendars_refresh_due
from mentora.conversations.services import conversations_notify
from mentora.integrations.delivery import webhooks_process
from mentora.lib import clock
from mentora.matching.services import matchruns_process
from mentora.notifications.outbox import RunResult, outbox_process
from mentora.notifications.reminders import digest_enqueue
from mentora.outcomes.planning import surveys_tick
from mentora.outcomes.summaries import outcomes_monthly_summaries_send
from mentora.recommendations.services import mentor_requests_expire
from mentora.relationships.reminders import digest_items, digest_recipients, stale_requests_expire

log = logging.getLogger(__name__)

REMINDER_INTERVAL = timedelta(minutes=15)
CALENDAR_INTERVAL = timedelta(minutes=5)  # each calendar is read again after 30 minutes
RETENTION_INTERVAL = timedelta(days=1)
MESSAGES_INTERVAL = timedelta(minutes=1)


@dataclass(frozen=True)
class Job:
    """One entry of the schedule: run `run(now)` at most once every `every` (0: every pass)."""

    name: str
    every: timedelta
    run: Callable[[datetime], object]


def reminders_run(*, now: datetime | None = None) -> int:
    """Expire unanswered requests, then queue each person's digest when it is due."""
    now = now or clock.now()
    # Requests a mentee made in order of preference have their program's own deadline and
    # move on to the next choice (`mentora requests expire`); the rest expire after N days.
    mentor_requests_expire(now=now)
    stale_requests_expire(now=now)
    return sum(
        digest_enqueue(user=person, items_for=digest_items, now=now)
        for person in digest_recipients()
    )


def _retention(now: datetime) -> object:
    if not getattr(settings, "MENTORA_RETENTION_DAYS", 0):
        return None  # 0 keeps everything
    return retention_purge(now=now)


SCHEDULE: tuple[Job, ...] = (
    Job("matching runs", timedelta(0), lambda now: matchruns_process(now=now)),
    Job(
        "request deadlines, reminders and digests",
        REMINDER_INTERVAL,
        lambda now: reminders_run(now=now),
    ),
    # One email (or chat message) per burst of new messages, never to someone reading them.
    Job("new messages", MESSAGES_INTERVAL, lambda now: conversations_notify(now=now)),
    Job("surveys", REMINDER_INTERVAL, lambda now: surveys_tick(now=now)),
    Job(
        "monthly summaries to program managers",
        REMINDER_INTERVAL,
        lambda now: outcomes_monthly_summaries_send(now=now),
    ),
    Job(
        "connected calendars' busy times",
        CALENDAR_INTERVAL,
        lambda now: calendars_refresh_due(now=now),
    ),
    # The outbox and webhooks are drained in `worker_tick` (they report what they sent).
    Job("retention", RETENTION_INTERVAL, _retention),
)


@dataclass
class WorkerState:
    """What the loop remembers between passes."""

    last_run: dict[str, datetime] = field(default_factory=dict)
    totals: RunResult = field(default_factory=RunResult)


def _due(job: Job, state: WorkerState, now: datetime) -> bool:
    last = state.last_run.get(job.name)
    return last is None or now - last >= job.every


def worker_tick(*, state: WorkerState, batch: int = 20, now: datetime | None = None) -> RunResult:
    """One pass: the scheduled jobs that are due, then drain the outbox, then the webhooks."""
    now = now or clock.now()
    for job in SCHEDULE:
        if _due(job, state, now):
            job.run(now)
            state.last_run[job.name] = now
    result = RunResult()
    while True:
        step = outbox_process(batch=batch, now=now)
        result.claimed += step.claimed
        result.sent += step.sent
        result.failed += step.failed
        if step.claimed < batch:
            break
    webhooks_process(batch=batch, now=now)
    state.totals.sent += result.sent
    state.totals.failed += result.failed
    return result


def run_worker(
    *, stop: threading.Event, poll_seconds: float = 5.0, batch: int = 20, once: bool = False
) -> WorkerState:
    """Loop until `stop` is set (or after one pass with `once`); errors are logged, not fatal."""
    state = WorkerState()
    outage = 0  # consecutive passes that found the database unreachable
    while not stop.is_set():
        if once:  # a single pass (tests, cron) runs in the caller's connection as it is
            worker_tick(state=state, batch=batch)
            break
        close_old_connections()
        wait = poll_seconds
        try:
            worker_tick(state=state, batch=batch)
            if outage:
                log.warning("database reachable again after %s failed passes; resuming", outage)
            outage = 0
        except (OperationalError, InterfaceError) as exc:
            # The database is down or restarting: wait longer each time, then resume.
            # Nothing is lost: unsent rows stay in the outbox, claimed ones when leases expire.
            outage += 1
            wait = outage_backoff(outage, poll_seconds)
            log.warning("database unavailable (%s); retrying in %.0f s", exc, wait)
            _discard_connections()
        except Exception:  # a bad pass must not kill the worker; the next pass retries
            log.exception("worker pass failed")
        finally:
            close_old_connections()
        stop.wait(wait)
    return state


OUTAGE_BACKOFF_CAP_SECONDS = 60.0


def outage_backoff(outages: int, poll_seconds: float) -> float:
    """Seconds to wait after the n-th consecutive pass without a database: doubling, capped."""
    return min(poll_seconds * 2 ** (outages - 1), max(OUTAGE_BACKOFF_CAP_SECONDS, poll_seconds))


def _discard_connections() -> None:
    """Drop broken connections so the next pass opens fresh ones."""
    for conn in connections.all(initialized_only=True):
        try:
            conn.close()
        except Exception:  # closing a dead connection can fail too; it is gone either way
            conn.connection = None


_started: threading.Thread | None = None


def start_background_worker(*, poll_seconds: float = 5.0) -> threading.Thread:
    """Start the worker loop in a daemon thread (once per process); returns the thread."""
    global _started
    if _started is not None and _started.is_alive():
        return _started
    thread = threading.Thread(
        target=run_worker,
        kwargs={"stop": threading.Event(), "poll_seconds": poll_seconds},
        name="mentora-worker",
        daemon=True,
    )
    thread.start()
    _started = thread
    return thread
