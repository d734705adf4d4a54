"""SQLite default: gunicorn web processes and the worker write to one database file at the
same time with no "database is locked" error (WAL, BEGIN IMMEDIATE, 20 s busy timeout)."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor

from django.conf import settings

from tests.reliability.conftest import PYTHON, ROOT, gunicorn, http

PEOPLE = 8
WRITES_EACH = 30
MESSAGES = 300


def test_it_configures_wal_immediate_transactions_and_a_busy_timeout():
    options = settings.DATABASES["default"].get("OPTIONS", {})
    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        assert options["transaction_mode"] == "IMMEDIATE"
        assert options["timeout"] >= 5
        assert "journal_mode=WAL" in options["init_command"]


def test_it_writes_from_web_processes_and_the_worker_at_once_without_locking(sqlite_site, tmp_path):
    keys = json.loads(
        sqlite_site.shell(
            "import json\n"
            "from mentora.testing import make_user\n"
            "from mentora.accounts.services import api_token_create\n"
            "from mentora.notifications.outbox import outbox_enqueue\n"
            "keys = []\n"
            f"for i in range({PEOPLE}):\n"
            "    u = make_user(f'writer{i}@example.com', f'Writer {i}')\n"
            "    keys.append(api_token_create(user=u, name='load')[1])\n"
            f"    for n in range({MESSAGES // PEOPLE + 1}):\n"
            "        outbox_enqueue(to=u, subject=f'm{n}', body='b', kind='t')\n"
            "print(json.dumps(keys))\n"
        )
        .strip()
        .splitlines()[-1]
    )
    with sqlite3.connect(sqlite_site.path) as db:
        assert db.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        queued = db.execute("SELECT COUNT(*) FROM notifications_outboxmessage").fetchone()[0]

    worker_log = tmp_path / "worker.log"
    env = sqlite_site.env(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend")
    worker = subprocess.Popen(
        # Small batches and a short interval: as many separate write transactions as possible.
        [PYTHON, "-m", "mentora.cli", "worker", "--interval", "0.05", "--batch", "3"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=worker_log.open("w"),
    )
    results: list[tuple[int, bytes]] = []
    try:
        with gunicorn(env, workers=3) as base:

            def write(person: int) -> list[tuple[int, bytes]]:
                answers = []
                headers = {
                    "Authorization": f"Bearer {keys[person]}",
                    "Content-Type": "application/json",
                    "X-Forwarded-Proto": "https",
                }
                for n in range(WRITES_EACH):
                    body = json.dumps({"job_title": f"Title {person}-{n}"}).encode()
                    status, _, content = http(
                        f"{base}/api/v1/people/me/profile",
                        method="PATCH",
                        body=body,
                        headers=headers,
                    )
                    answers.append((status, content))
                return answers

            started = time.monotonic()
            with ThreadPoolExecutor(PEOPLE) as pool:
                for answers in pool.map(write, range(PEOPLE)):
                    results.extend(answers)
            elapsed = time.monotonic() - started

            def drained() -> bool:
                with sqlite3.connect(sqlite_site.path, timeout=20) as db:
                    return (
                        db.execute(
                            "SELECT COUNT(*) FROM notifications_outboxmessage WHERE status='sent'"
                        ).fetchone()[0]
                        == queued
                    )

            deadline = time.monotonic() + 300
            while not drained():
                assert time.monotonic() < deadline, "the worker did not drain the outbox"
                time.sleep(0.5)
            gunicorn_log = (sqlite_site.data_dir / "gunicorn.log").read_text()
    finally:
        worker.terminate()
        worker.wait(timeout=30)

    failures = [(status, content[:300]) for status, content in results if status != 200]
    assert failures == [], failures
    assert len(results) == PEOPLE * WRITES_EACH
    print(
        f"{len(results)} profile writes in {elapsed:.1f} s ({len(results) / elapsed:.0f}/s) "
        f"while the worker sent {queued} messages"
    )
    for log in (gunicorn_log, worker_log.read_text()):
        assert "database is locked" not in log
        assert "Traceback" not in log
    with sqlite3.connect(sqlite_site.path) as db:
        titles = dict(
            db.execute(
                "SELECT u.email, p.job_title FROM people_profile p "
                "JOIN accounts_user u ON u.id = p.user_id WHERE u.email LIKE 'writer%'"
            ).fetchall()
        )
    assert titles == {
        f"writer{i}@example.com": f"Title {i}-{WRITES_EACH - 1}" for i in range(PEOPLE)
    }
