"""`mentora import people FILE`: upsert people from an HRIS export (CSV or .xlsx)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from mentora.lib.errors import DomainError
from mentora.lib.tabular import ImportRejected, ImportReport, TableError, read_table
from mentora.people.importing import PROGRESS_EVERY, people_import


def read_file(command: BaseCommand, path: str) -> tuple[bytes, str]:
    """The bytes and name of the file to import, or a CommandError saying what is wrong."""
    file = Path(path)
    if not file.is_file():
        raise CommandError(f"{path}: no such file.")
    try:
        return file.read_bytes(), file.name
    except OSError as exc:
        raise CommandError(f"{path}: {exc.strerror}.") from exc


def run_import(command: BaseCommand, verbosity: int, do: Any) -> ImportReport:
    """Run an import, turning its problems into stderr lines and a CommandError."""

    def progress(stage: str, done: int, total: int) -> None:
        if verbosity >= 1 and total >= PROGRESS_EVERY:
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


class Command(BaseCommand):
    help = (
        "Import people from an HRIS export (CSV or .xlsx; columns in docs/import.md). "
        "Upserts by email in one transaction: on any problem nothing is written."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="path to a .csv (UTF-8) or .xlsx file")
        parser.add_argument(
            "--dry-run", action="store_true", help="check the file and report, write nothing"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        data, name = read_file(self, options["file"])
        run_import(
            self,
            options["verbosity"],
            lambda progress: people_import(
                table=read_table(data, filename=name),
                by=None,
                dry_run=options["dry_run"],
                progress=progress,
            ),
        )
