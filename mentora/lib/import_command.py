"""What every import command shares: read the file, run the import, report its problems.

Used by `mentora import people` and `mentora import enrollments`, so neither command imports
the other.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from mentora.lib.errors import DomainError
from mentora.lib.tabular import ImportRejected, ImportReport, TableError

PROGRESS_EVERY = 5000  # progress lines only for files at least this long


def read_file(command: BaseCommand, path: str) -> tuple[bytes, str]:
    """The bytes and name of the file to import, or a CommandError saying what is wrong."""
    file = Path(path)
    if not file.is_file():
        raise CommandError(f"{path}: no such file.")
    try:
        return file.read_bytes(), file.name
    except OSError as exc:
        raise CommandError(f"{path}: {exc.strerror}.") from exc


def run_import(
    command: BaseCommand, verbosity: int, do: Any, *, progress_every: int = PROGRESS_EVERY
) -> ImportReport:
    """Run an import, turning its problems into stderr lines and a CommandError."""

    def progress(stage: str, done: int, total: int) -> None:
        if verbosity >= 1 and total >= progress_every:
            command.stderr.write(f"{stage} {done:,} of {total:,} rows")

    try:
        report: ImportReport = do(progress)
    except (ImportRejected, TableError) as exc:
        for problem in exc.problems:
            command.stderr.write(str(problem))
        raise CommandError(exc.message) from exc
    except DomainError as exc:
        raise CommandError(exc.message) from exc
    for warning in report.warnings:
        command.stderr.write(f"warning: {warning}")
    prefix = "Dry run, nothing written. " if report.dry_run else ""
    command.stdout.write(prefix + report.summary())
    return report
