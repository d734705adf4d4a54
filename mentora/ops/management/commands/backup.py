"""`mentora backup PATH`: a consistent copy of the database, safe while Mentora runs."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from mentora.lib.errors import DomainError
from mentora.ops.backup import database_backup


class Command(BaseCommand):
    help = (
        "Copy the database to PATH: a SQLite file (online backup API) or, on PostgreSQL, a "
        "pg_dump custom-format archive. Refuses to overwrite PATH without --force."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="File to write the backup to.")
        parser.add_argument("--force", action="store_true", help="Overwrite PATH if it exists.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = database_backup(path=options["path"], force=options["force"])
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(
            f"Backed up the {result.vendor} database to {result.path} ({result.size:,} bytes)."
        )
