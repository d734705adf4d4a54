"""The one leased queue (`mentora.lib.queue`) behind the outbox, webhooks and matching runs,
on whichever database the suite runs on (SQLite by default, PostgreSQL with DATABASE_URL):
two workers never take the same row, and a killed worker's lease expires so the job runs
again."""

from __future__ import annotations

import json
import subprocess
import threading
from datetime import UTC, datetime, timedelta

import pytest
from django.db import close_old_connections, connection

from mentora.integrations.delivery import webhook_claim
from mentora.integrations.models import WebhookDelivery, WebhookEndpoint
from mentora.lib.queue import backoff, retry_update
from mentora.matching.models import MatchRun
from mentora.matching.services import LEASE as RUN_LEASE
from mentora.matching.services import matchrun_claim
from mentora.notifications.models import OutboxMessage
from mentora.notifications.outbox import LEASE_SECONDS, outbox_claim, outbox_deliver, outbox_enqueue
from mentora.programs.models import Program
from tests.reliability.conftest import PYTHON, ROOT

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def _outbox(personas, n):
    for i in range(n):
        outbox_enqueue(to=personas.mentee, subject=f"m{i}", body="b", kind="test.queue", now=NOW)


def _webhooks(personas, n):
    endpoint = WebhookEndpoint.objects.create(
        name="HR", url="https://hooks.example.com/in", events=["relationship.accepted"],
        secret="s" * 40, created_by=personas.manager,
    )
    WebhookDelivery.objects.bulk_create(
        WebhookDelivery(endpoint=endpoint, event="relationship.accepted", payload={"n": i},
                        available_at=NOW)
        for i in range(n)
    )


def _runs(personas, n):
    # One run in progress per program, so each queued run has a program of its own.
    programs = Program.objects.bulk_create(
        Program(name=f"Program {i}", slug=f"program-{i}", mentor_capacity=3) for i in range(n)
    )
    MatchRun.objects.bulk_create(
        MatchRun(program=program, started_by=personas.manager, created_at=NOW)
        for program in programs
    )


def _take(name, claim):
    """One worker's claim: the ids it now holds, done at once so the next claim moves on."""
    if name == "outbox":
        _, rows = outbox_claim(batch=3, now=NOW)
        OutboxMessage.objects.filter(pk__in=[r.pk for r in rows]).update(status="sent")
    elif name == "webhooks":
        _, rows = webhook_claim(batch=3, now=NOW)
        WebhookDelivery.objects.filter(pk__in=[r.pk for r in rows]).update(status="delivered")
    else:
        run = matchrun_claim(now=NOW)
        rows = [run] if run else []
        MatchRun.objects.filter(pk__in=[r.pk for r in rows]).update(status="done")
    return [r.pk for r in rows]


QUEUES = {"outbox": _outbox, "webhooks": _webhooks, "runs": _runs}


ROWS = 24


@pytest.mark.parametrize("name", sorted(QUEUES))
def test_it_never_gives_one_row_to_two_worker_processes_on_sqlite(sqlite_site, name):
    """SQLite: two real worker processes on one database file (the conditional UPDATE)."""
    sqlite_site.shell(
        "from mentora.testing import make_personas\n"
        "from tests.reliability.test_leased_queue import QUEUES\n"
        f"QUEUES[{name!r}](make_personas(), {ROWS})\n"
    )
    code = (
        "import json\n"
        "from tests.reliability.test_leased_queue import _take\n"
        "ids = []\n"
        f"while batch := _take({name!r}, None):\n"
        "    ids.extend(batch)\n"
        "print(json.dumps(ids))\n"
    )
    workers = [
        subprocess.Popen(
            [PYTHON, "-m", "mentora.cli", "shell", "-c", code],
            env=sqlite_site.env(),
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    taken = []
    for worker in workers:
        out, err = worker.communicate(timeout=180)
        assert worker.returncode == 0, err
        taken.append(json.loads(out.strip().splitlines()[-1]))
    both = taken[0] + taken[1]
    assert len(both) == ROWS and len(set(both)) == ROWS  # every row taken exactly once


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="threads share PostgreSQL only")
@pytest.mark.parametrize("name", sorted(QUEUES))
def test_it_never_gives_one_row_to_two_workers_on_postgresql(personas, name):
    """PostgreSQL: two workers at once (SELECT … FOR UPDATE SKIP LOCKED)."""
    QUEUES[name](personas, ROWS)
    taken: dict[str, list[int]] = {"a": [], "b": []}
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def work(worker):
        try:
            barrier.wait()
            while ids := _take(name, None):
                taken[worker].extend(ids)
        except BaseException as exc:  # surfaced below: a thread's failure must fail the test
            errors.append(exc)
        finally:
            close_old_connections()

    threads = [threading.Thread(target=work, args=(w,)) for w in taken]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors
    both = taken["a"] + taken["b"]
    assert len(both) == ROWS and len(set(both)) == ROWS  # every row taken exactly once


@pytest.mark.django_db
def test_it_gives_a_killed_workers_outbox_rows_to_the_next_worker_after_the_lease(personas):
    _outbox(personas, 3)
    dead_token, rows = outbox_claim(now=NOW)  # this worker is killed before sending
    assert len(rows) == 3
    assert outbox_claim(now=NOW + timedelta(seconds=LEASE_SECONDS - 1))[1] == []
    later = NOW + timedelta(seconds=LEASE_SECONDS + 1)
    token, again = outbox_claim(now=later)
    assert [m.pk for m in again] == [m.pk for m in rows] and token != dead_token
    # The dead worker, were it to wake up, no longer owns them.
    assert not outbox_deliver(message=rows[0], token=dead_token, now=later)
    assert outbox_deliver(message=again[0], token=token, now=later)


@pytest.mark.django_db
def test_it_gives_a_killed_workers_webhooks_to_the_next_worker_after_the_lease(personas):
    _webhooks(personas, 2)
    first, rows = webhook_claim(now=NOW)
    assert len(rows) == 2 and webhook_claim(now=NOW + timedelta(minutes=1))[1] == []
    token, again = webhook_claim(now=NOW + timedelta(hours=1))
    assert {r.pk for r in again} == {r.pk for r in rows} and token != first
    assert again[0].endpoint.name == "HR"


@pytest.mark.django_db
def test_it_runs_a_killed_workers_matching_run_again_after_the_lease(personas):
    _runs(personas, 1)
    run = matchrun_claim(now=NOW)
    assert run is not None and run.status == MatchRun.Status.RUNNING
    assert matchrun_claim(now=NOW + RUN_LEASE - timedelta(seconds=1)) is None
    again = matchrun_claim(now=NOW + RUN_LEASE + timedelta(seconds=1))
    assert again is not None and again.pk == run.pk and again.claim_token != run.claim_token


def test_it_backs_off_exponentially_then_keeps_a_dead_letter():
    assert [backoff(n).total_seconds() for n in (1, 2, 3)] == [60, 120, 240]
    assert backoff(30) == timedelta(hours=6)
    retry = retry_update(attempts=2, max_attempts=3, now=NOW, error="timed out",
                         pending="pending", dead="dead")
    assert retry["status"] == "pending" and retry["available_at"] == NOW + timedelta(minutes=2)
    dead = retry_update(attempts=3, max_attempts=3, now=NOW, error="x" * 5000,
                        pending="pending", dead="dead")
    assert dead["status"] == "dead" and len(dead["last_error"]) == 2000
