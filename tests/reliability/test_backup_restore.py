"""`mentora backup` and `mentora restore`: a round trip brings the data back, on SQLite (online
backup API) and on PostgreSQL (pg_dump/pg_restore); nothing is overwritten without --force."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import time

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from mentora.accounts.models import User
from mentora.ops import backup as ops_backup
from mentora.programs.models import Program
from tests.reliability.conftest import PYTHON, ROOT, run_mentora

needs_tools = pytest.mark.skipif(
    connection.vendor == "postgresql" and shutil.which("pg_dump") is None,
    reason="pg_dump is not installed",
)


@needs_tools
@pytest.mark.django_db(transaction=True)
def test_it_brings_the_data_back_after_a_round_trip(personas, tmp_path, capsys):
    target = tmp_path / "mentora.backup"
    call_command("backup", str(target))
    assert target.stat().st_size > 0
    assert "Backed up the" in capsys.readouterr().out

    personas.mentee.full_name = "Changed After Backup"
    personas.mentee.save()
    Program.objects.filter(pk=personas.coaching.pk).delete()
    User.objects.create_user(email="late@example.com", password="x" * 12, full_name="Late")

    call_command("restore", str(target), "--force")
    assert "Restored the" in capsys.readouterr().out
    connection.close()
    assert User.objects.get(pk=personas.mentee.pk).full_name == "Maya Mentee"
    assert Program.objects.filter(pk=personas.coaching.pk).exists()
    assert not User.objects.filter(email="late@example.com").exists()


@pytest.mark.django_db(transaction=True)
def test_it_refuses_to_overwrite_without_force(personas, tmp_path):
    target = tmp_path / "existing.backup"
    target.write_text("keep me")
    with pytest.raises(CommandError, match="already exists; pass --force"):
        call_command("backup", str(target))
    assert target.read_text() == "keep me"


@pytest.mark.django_db(transaction=True)
def test_it_refuses_to_restore_without_force_and_changes_nothing(personas, tmp_path):
    if connection.vendor == "postgresql" and shutil.which("pg_dump") is None:
        pytest.skip("pg_dump is not installed")
    target = tmp_path / "mentora.backup"
    call_command("backup", str(target))
    personas.mentee.full_name = "Kept"
    personas.mentee.save()
    with pytest.raises(CommandError, match="pass --force to do it"):
        call_command("restore", str(target))
    assert User.objects.get(pk=personas.mentee.pk).full_name == "Kept"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda tmp: tmp / "no-such-folder" / "x.backup", "does not exist"),
        (lambda tmp: tmp, "is a directory"),
    ],
)
def test_it_names_bad_backup_paths(tmp_path, make, message):
    with pytest.raises(CommandError, match=message):
        call_command("backup", str(make(tmp_path)))


@pytest.mark.django_db
def test_it_names_bad_restore_sources(tmp_path):
    with pytest.raises(CommandError, match="does not exist"):
        call_command("restore", str(tmp_path / "missing.backup"), "--force")
    with pytest.raises(CommandError, match="is not a file"):
        call_command("restore", str(tmp_path), "--force")
    junk = tmp_path / "notes.txt"
    junk.write_text("not a database")
    with pytest.raises(CommandError, match="is not a"):
        call_command("restore", str(junk), "--force")


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite file checks")
def test_it_refuses_a_sqlite_file_that_is_not_a_mentora_database(tmp_path):
    other = tmp_path / "other.sqlite3"
    with sqlite3.connect(other) as db:
        db.execute("CREATE TABLE t (x)")
    with pytest.raises(CommandError, match="not a Mentora database backup"):
        call_command("restore", str(other), "--force")


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL guidance")
def test_it_prints_the_pg_dump_command_when_the_tools_are_missing(tmp_path, monkeypatch):
    monkeypatch.setattr(ops_backup.shutil, "which", lambda name: None)
    expected = r"pg_dump was not found on PATH.*pg_dump --format=custom"
    with pytest.raises(CommandError, match=expected):
        call_command("backup", str(tmp_path / "x.backup"))


def test_it_takes_a_consistent_sqlite_copy_while_another_process_writes(sqlite_site, tmp_path):
    """The server keeps writing during the backup; the copy is whole and opens cleanly."""
    sqlite_site.shell("from mentora.testing import make_user; make_user('w@example.com', 'W')")
    writer = subprocess.Popen(
        [
            PYTHON,
            "-m",
            "mentora.cli",
            "shell",
            "-c",
            "from mentora.accounts.models import User\n"
            "from mentora.notifications.outbox import outbox_enqueue\n"
            "u = User.objects.get(email='w@example.com')\n"
            "for i in range(3000):\n"
            "    outbox_enqueue(to=u, subject=f'm{i}', body='x' * 2000, kind='t')\n",
        ],
        env=sqlite_site.env(),
        cwd=ROOT,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        time.sleep(2.0)  # let the writer get going
        copies = []
        for n in range(3):
            target = tmp_path / f"live-{n}.sqlite3"
            done = run_mentora("backup", str(target), env=sqlite_site.env())
            assert done.returncode == 0, done.stderr
            copies.append(target)
    finally:
        _, stderr = writer.communicate(timeout=300)
    assert writer.returncode == 0, stderr
    for copy in copies:
        with sqlite3.connect(copy) as db:
            assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            assert db.execute("PRAGMA journal_mode").fetchone() == ("delete",)
            db.execute("SELECT COUNT(*) FROM notifications_outboxmessage").fetchone()
        assert not list(tmp_path.glob(f".{copy.name}.partial-*"))
