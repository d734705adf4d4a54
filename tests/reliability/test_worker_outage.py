"""The worker waits with growing pauses while the database is unreachable, then resumes and
sends everything that was queued: nothing is lost, nothing is sent twice."""

from __future__ import annotations

import email
import sqlite3
import subprocess
import time
from pathlib import Path
from unittest import mock

import pytest
from django.db import OperationalError, connection

from mentora import jobs as worker
from mentora.jobs import outage_backoff, run_worker
from mentora.notifications.models import OutboxMessage
from mentora.notifications.outbox import outbox_enqueue
from tests.reliability.conftest import PYTHON, ROOT, TcpProxy, mentora_env


class RecordingStop:
    """A stop event that records each pause instead of sleeping, and stops after N passes."""

    def __init__(self, passes: int) -> None:
        self.passes = passes
        self.waits: list[float] = []

    def is_set(self) -> bool:
        return len(self.waits) >= self.passes

    def wait(self, seconds: float) -> bool:
        self.waits.append(seconds)
        return self.is_set()


def test_it_backs_off_while_the_database_is_down_then_resumes_its_pace():
    outcomes = [OperationalError("could not connect")] * 4 + [None, None]

    def tick(**kwargs):
        outcome = outcomes.pop(0)
        if outcome is not None:
            raise outcome
        return worker.RunResult()

    stop = RecordingStop(passes=6)
    # Connection handling is exercised by the real-process tests below; here only the pauses.
    with (
        mock.patch.object(worker, "worker_tick", tick),
        mock.patch.object(worker, "close_old_connections", lambda: None),
        mock.patch.object(worker, "_discard_connections", lambda: None),
    ):
        run_worker(stop=stop, poll_seconds=2.0)  # type: ignore[arg-type]
    assert stop.waits == [2.0, 4.0, 8.0, 16.0, 2.0, 2.0]
    assert outcomes == []


def test_it_caps_the_pause():
    assert outage_backoff(1, 5.0) == 5.0
    assert outage_backoff(20, 5.0) == 60.0
    assert outage_backoff(3, 120.0) == 120.0  # never shorter than the normal interval


def _wait_for(predicate, *, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def _start_worker(env: dict[str, str], log: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [PYTHON, "-m", "mentora.cli", "worker", "--interval", "0.2", "--batch", "7"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=log.open("w"),
    )


def _stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def _delivered_message_ids(mail_dir: Path, kind: str = "test") -> list[str]:
    ids = []
    for file in mail_dir.glob("*.log"):
        # The file backend writes each message followed by a line of dashes.
        for chunk in file.read_text().split("-" * 79):
            if chunk.strip():
                message = email.message_from_string(chunk.strip())
                if message["X-Mentora-Kind"] == kind:  # not what other apps schedule (surveys)
                    ids.append(message["Message-ID"])
    return ids


def test_it_resumes_after_the_sqlite_file_comes_back(sqlite_site, tmp_path):
    sqlite_site.shell(
        "from mentora.testing import make_user\n"
        "from mentora.notifications.outbox import outbox_enqueue\n"
        "u = make_user('wanda@example.com', 'Wanda Worker')\n"
        "[outbox_enqueue(to=u, subject=f'm{i}', body='b', kind='test') for i in range(30)]\n"
    )
    away = sqlite_site.path.with_suffix(".away")
    sqlite_site.path.rename(away)
    sqlite_site.path.mkdir()  # the database is gone: SQLite cannot open a folder
    mail_dir = tmp_path / "mail"
    log = tmp_path / "worker.log"
    env = sqlite_site.env(
        EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
        EMAIL_FILE_PATH=str(mail_dir),
    )
    process = _start_worker(env, log)
    try:
        _wait_for(
            lambda: log.read_text().count("database unavailable") >= 3,
            timeout=180,
            what="the worker to report the outage three times",
        )
        assert process.poll() is None, log.read_text()  # still running, waiting
        sqlite_site.path.rmdir()
        away.rename(sqlite_site.path)

        def all_sent():
            with sqlite3.connect(sqlite_site.path) as db:
                rows = dict(
                    db.execute(
                        "SELECT status, COUNT(*) FROM notifications_outboxmessage GROUP BY status"
                    ).fetchall()
                )
            return rows == {"sent": 30}

        _wait_for(all_sent, timeout=300, what="all 30 messages to be sent")
    finally:
        _stop(process)
    text = log.read_text()
    assert "database reachable again" in text
    assert "Traceback" not in text
    ids = _delivered_message_ids(mail_dir)
    assert len(ids) == 30 and len(set(ids)) == 30


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="cuts a PostgreSQL connection")
def test_it_resumes_after_postgresql_comes_back(personas, tmp_path):
    settings = connection.settings_dict
    proxy = TcpProxy((settings["HOST"] or "127.0.0.1", int(settings["PORT"] or 5432)))
    proxy.start()
    user = settings["USER"] or "postgres"
    password = f":{settings['PASSWORD']}" if settings["PASSWORD"] else ""
    url = f"postgres://{user}{password}@127.0.0.1:{proxy.port}/{settings['NAME']}"
    mail_dir = tmp_path / "mail"
    log = tmp_path / "worker.log"
    env = mentora_env(
        url,
        tmp_path,
        EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
        EMAIL_FILE_PATH=str(mail_dir),
    )
    first = [
        outbox_enqueue(to=personas.mentee, subject=f"before {i}", body="b", kind="test")
        for i in range(10)
    ]
    process = _start_worker(env, log)
    try:
        _wait_for(
            lambda: (
                OutboxMessage.objects.filter(pk__in=[m.pk for m in first], status="sent").count()
                == 10
            ),
            timeout=180,
            what="the first 10 messages",
        )
        proxy.stop()  # the database server goes away mid-run
        _wait_for(
            lambda: log.read_text().count("database unavailable") >= 3,
            timeout=180,
            what="the worker to report the outage three times",
        )
        # Meanwhile the web side (reaching the database directly) queues more email.
        for i in range(20):
            outbox_enqueue(to=personas.mentor, subject=f"during {i}", body="b", kind="test")
        assert process.poll() is None, log.read_text()
        proxy.start()
        _wait_for(
            # Only this test's messages: the worker also sends what other apps schedule (surveys).
            lambda: OutboxMessage.objects.filter(kind="test", status="sent").count() == 30,
            timeout=300,
            what="all 30 messages to be sent",
        )
    finally:
        _stop(process)
        proxy.stop()
    assert OutboxMessage.objects.filter(kind="test").exclude(status="sent").count() == 0
    text = log.read_text()
    assert "database reachable again" in text and "Traceback" not in text
    ids = _delivered_message_ids(mail_dir)
    assert len(ids) == 30 and len(set(ids)) == 30
