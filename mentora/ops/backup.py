"""Back up and restore the whole database: `mentora backup PATH`, `mentora restore PATH`.

SQLite: SQLite's online backup API copies the database page by page under a read
transaction, so the copy is consistent even while the web process and the worker write (a
plain `cp` of a WAL database is not). The copy is written beside the target and renamed into
place only when complete and checked, so a failed backup leaves nothing half-written.

PostgreSQL: `pg_dump --format=custom` / `pg_restore --clean --single-transaction` when the
client binaries are installed; otherwise a clear message with the exact command to run.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import connections

from mentora.lib.errors import DomainError

SQLITE_HEADER = b"SQLite format 3\x00"
PG_ARCHIVE_HEADER = b"PGDMP"


@dataclass(frozen=True)
class BackupResult:
    """What a backup or restore did, for the command to report."""

    path: Path
    vendor: str
    size: int
    detail: str = ""


def _connection(alias: str) -> Any:
    return connections[alias]


def _target(path: str | Path, *, force: bool) -> Path:
    target = Path(path).expanduser().resolve()
    if target.is_dir():
        raise DomainError(f"{target} is a directory; give a file name.", field="path")
    if not target.parent.is_dir():
        raise DomainError(f"The folder {target.parent} does not exist.", field="path")
    if not os.access(target.parent, os.W_OK):
        raise DomainError(f"The folder {target.parent} is not writable.", field="path")
    if target.exists() and not force:
        raise DomainError(
            f"{target} already exists; pass --force to overwrite it.", field="path", code="conflict"
        )
    return target


def _source(path: str | Path) -> Path:
    source = Path(path).expanduser().resolve()
    if not source.exists():
        raise DomainError(f"{source} does not exist.", field="path", code="not_found")
    if not source.is_file():
        raise DomainError(f"{source} is not a file.", field="path")
    return source


def _partial(target: Path) -> Path:
    return target.with_name(f".{target.name}.partial-{os.getpid()}")


def database_backup(
    *, path: str | Path, force: bool = False, alias: str = "default"
) -> BackupResult:
    """Write a consistent copy of the database to `path` (SQLite file or pg_dump archive)."""
    conn = _connection(alias)
    target = _target(path, force=force)
    if conn.vendor == "sqlite":
        return _sqlite_backup(conn, target)
    if conn.vendor == "postgresql":
        return _pg_dump(conn, target)
    raise DomainError(f"Backups of {conn.vendor} databases are not supported; use its own tools.")


def database_restore(
    *, path: str | Path, force: bool = False, alias: str = "default"
) -> BackupResult:
    """Replace the database's contents with a backup made by `database_backup`."""
    conn = _connection(alias)
    source = _source(path)
    if conn.vendor == "sqlite":
        _sqlite_check(source)
    elif conn.vendor == "postgresql":
        _pg_check(conn, source)
    else:
        raise DomainError(f"Restoring {conn.vendor} databases is not supported; use its own tools.")
    if not force:
        raise DomainError(
            f"Restoring replaces everything in the database {describe(conn)} with {source}; "
            "pass --force to do it.",
            field="force",
            code="conflict",
        )
    if conn.vendor == "sqlite":
        return _sqlite_restore(conn, source)
    return _pg_restore(conn, source)


def describe(conn: Any) -> str:
    """The database's name for messages, without a password."""
    settings = conn.settings_dict
    if conn.vendor == "sqlite":
        return str(settings["NAME"])
    host = settings.get("HOST") or "localhost"
    port = settings.get("PORT") or "5432"
    return f"{settings['NAME']} on {host}:{port}"


# --- SQLite ---------------------------------------------------------------------------------


def _sqlite_backup(conn: Any, target: Path) -> BackupResult:
    partial = _partial(target)
    partial.unlink(missing_ok=True)
    conn.ensure_connection()
    try:
        copy = sqlite3.connect(partial)
        try:
            conn.connection.backup(copy, pages=1024)
            # A self-contained file: no -wal/-shm companions to forget when moving it.
            copy.execute("PRAGMA journal_mode=DELETE")
            (status,) = copy.execute("PRAGMA quick_check").fetchone()
        finally:
            copy.close()
        if status != "ok":
            raise DomainError(f"The copy failed its integrity check ({status}); nothing written.")
        os.replace(partial, target)
    except sqlite3.Error as exc:
        raise DomainError(f"Could not write {target}: {exc}.", field="path") from exc
    finally:
        partial.unlink(missing_ok=True)
    return BackupResult(path=target, vendor="sqlite", size=target.stat().st_size)


def _sqlite_check(source: Path) -> None:
    with source.open("rb") as handle:
        if handle.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
            raise DomainError(f"{source} is not a SQLite database backup.", field="path")
    try:
        check = sqlite3.connect(f"{source.as_uri()}?mode=ro", uri=True)
        try:
            (status,) = check.execute("PRAGMA quick_check").fetchone()
            has_migrations = check.execute(
                "SELECT 1 FROM sqlite_master WHERE type='table' AND name='django_migrations'"
            ).fetchone()
        finally:
            check.close()
    except sqlite3.Error as exc:
        raise DomainError(f"{source} cannot be read as a database: {exc}.", field="path") from exc
    if status != "ok":
        raise DomainError(f"{source} is damaged ({status}); not restored.", field="path")
    if not has_migrations:
        raise DomainError(f"{source} is not a Mentora database backup.", field="path")


def _sqlite_restore(conn: Any, source: Path) -> BackupResult:
    conn.close()
    conn.ensure_connection()
    backup = sqlite3.connect(f"{source.as_uri()}?mode=ro", uri=True)
    try:
        # The backup API writes into the live database under its own lock: other
        # connections wait (busy timeout) and then see the restored data.
        backup.backup(conn.connection, pages=1024)
    except sqlite3.Error as exc:
        raise DomainError(f"Restore failed, the database is unchanged: {exc}.") from exc
    finally:
        backup.close()
    conn.close()
    return BackupResult(path=source, vendor="sqlite", size=source.stat().st_size)


# --- PostgreSQL -----------------------------------------------------------------------------


def _pg_env(conn: Any) -> dict[str, str]:
    settings = conn.settings_dict
    env = dict(os.environ)
    for key, var in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER")):
        if settings.get(key):
            env[var] = str(settings[key])
    if settings.get("PASSWORD"):
        env["PGPASSWORD"] = str(settings["PASSWORD"])
    sslmode = (settings.get("OPTIONS") or {}).get("sslmode")
    if sslmode:
        env["PGSSLMODE"] = str(sslmode)
    return env


def pg_dump_command(conn: Any, target: Path | str) -> list[str]:
    """The pg_dump invocation a backup runs (connection details come from PG* variables)."""
    return [
        "pg_dump", "--format=custom", "--no-owner", "--no-privileges",
        f"--file={target}", str(conn.settings_dict["NAME"]),
    ]  # fmt: skip


def pg_restore_command(conn: Any, source: Path | str) -> list[str]:
    """The pg_restore invocation a restore runs: drop and recreate, all in one transaction."""
    return [
        "pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges",
        "--single-transaction", "--exit-on-error",
        f"--dbname={conn.settings_dict['NAME']}", str(source),
    ]  # fmt: skip


def _pg_binary(conn: Any, name: str, command: list[str]) -> str:
    binary = shutil.which(name)
    if binary is None:
        settings = conn.settings_dict
        variables = " ".join(
            f"{var}={settings[key]}"
            for key, var in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"))
            if settings.get(key)
        )
        raise DomainError(
            f"{name} was not found on PATH. Install the PostgreSQL client tools of the "
            "server's version (Debian: apt-get install postgresql-client), or run it where "
            f"they are installed: {variables + ' ' if variables else ''}"
            f"PGPASSWORD=… {' '.join(command)}"
        )
    return binary


def _run(command: list[str], *, env: dict[str, str], what: str) -> None:
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        reason = (done.stderr or done.stdout).strip().splitlines()
        raise DomainError(f"{what} failed: {' '.join(reason[-3:]) or f'exit {done.returncode}'}")


def _pg_dump(conn: Any, target: Path) -> BackupResult:
    partial = _partial(target)
    command = pg_dump_command(conn, partial)
    command[0] = _pg_binary(conn, "pg_dump", pg_dump_command(conn, target))
    try:
        _run(command, env=_pg_env(conn), what="pg_dump")
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return BackupResult(path=target, vendor="postgresql", size=target.stat().st_size)


def _pg_check(conn: Any, source: Path) -> None:
    with source.open("rb") as handle:
        if handle.read(len(PG_ARCHIVE_HEADER)) != PG_ARCHIVE_HEADER:
            raise DomainError(
                f"{source} is not a pg_dump custom-format archive (made by `mentora backup`).",
                field="path",
            )


def _pg_restore(conn: Any, source: Path) -> BackupResult:
    command = pg_restore_command(conn, source)
    command[0] = _pg_binary(conn, "pg_restore", list(command))
    conn.close()  # our own idle connection must not hold locks on tables being replaced
    _run(command, env=_pg_env(conn), what="pg_restore (the database is unchanged)")
    return BackupResult(path=source, vendor="postgresql", size=source.stat().st_size)
