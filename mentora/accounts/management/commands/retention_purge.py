"""`mentora retention purge`: remove confidential content of long-ended relationships."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from mentora.accounts.gdpr import retention_purge
from mentora.lib.errors import DomainError


class Command(BaseCommand):
    help = (
        "Delete notes, agenda items and reflections, and clear the text of check-ins, actions "
        "and agreements, of relationships that ended more than MENTORA_RETENTION_DAYS days ago "
        "(default 730; 0 keeps everything). Dates, statuses and counts stay. Safe to run daily."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--days", type=int, help="override MENTORA_RETENTION_DAYS for this run")
        parser.add_argument("--dry-run", action="store_true", help="report, change nothing")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            report = retention_purge(days=options["days"], dry_run=options["dry_run"])
        except DomainError as exc:
            raise CommandError(
                f"--{exc.field}: {exc.message}" if exc.field else exc.message
            ) from exc
        prefix = "Dry run, nothing changed. " if report.dry_run else ""
        self.stdout.write(prefix + report.summary())
