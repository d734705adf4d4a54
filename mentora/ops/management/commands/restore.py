"""`mentora restore PATH --force`: replace the database with a backup from `mentora backup`."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from mentora.lib.errors import DomainError
from mentora.ops.backup import database_restore


class Command(BaseCommand):
    help = (
        "Replace everything in the database with the backup at PATH (made by `mentora backup`). "
        "Needs --force. Stop the web and worker processes first; run `mentora migrate` after."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="Backup file to restore from.")
        parser.add_argument(
            "--force", action="store_true", help="Really replace the current database."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = database_restore(path=options["path"], force=options["force"])
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(
            f"Restored the {result.vendor} database from {result.path}. "
            "Run `mentora migrate` if the backup is older than this version of Mentora."
        )
