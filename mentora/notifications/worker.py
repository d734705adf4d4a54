"""The background worker: sends the outbox and, on a slower beat, queues reminders.

Run it as `mentora worker` (many processes may share one PostgreSQL queue), or inside the
web process with `start_background_worker()` as the demo does.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db import InterfaceError, OperationalError, close_old_connections, connections

from mentora.lib import clock
from mentora.notifications.outbox import RunResult, outbox_process

log = logging.getLogger(__name__)

REMINDER_INTERVAL = timedelta(minutes=15)


@dataclass
class WorkerState:
    """What the loop remembers between passes."""

    last_reminders_at: datetime | None = None
    totals: RunResult = field(default_factory=RunResult)


def worker_tick(*, state: WorkerState, batch: int = 20, now: datetime | None = None) -> RunResult:
    """One pass: queue due reminders (every 15 minutes), then drain the outbox."""
    from mentora.matching.services import matchruns_process  # queued matching runs
    from mentora.notifications.reminders import reminders_run

    now = now or clock.now()
    matchruns_process(now=now)
    if state.last_reminders_at is None or now - state.last_reminders_at >= REMINDER_INTERVAL:
        reminders_run(now=now)
        from mentora.outcomes.planning import surveys_tick  # due surveys: create and email

        surveys_tick(now=now)
        # The monthly summary to program managers (h17b; move to jobs.py when it lands).
        from mentora.outcomes.summaries import outcomes_monthly_summaries_send

        outcomes_monthly_summaries_send(now=now)
        state.last_reminders_at = now
    result = RunResult()
    while True:
        step = outbox_process(batch=batch, now=now)
        result.claimed += step.claimed
        result.sent += step.sent
        result.failed += step.failed
        if step.claimed < batch:
            break
    from mentora.integrations.delivery import webhooks_process  # signed webhook deliveries

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
