"""`mentora match export --program SLUG [--output FILE]`: the draft as CSV."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from mentora.matching import selectors
from mentora.matching.export import draft_csv
from mentora.matching.management.commands._common import program_or_error


class Command(BaseCommand):
    help = "Write a program's current draft as CSV (pairs best first, then unmatched mentees)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--program", required=True, metavar="SLUG", help="the program's slug")
        parser.add_argument("--output", metavar="FILE", help="write here instead of stdout")

    def handle(self, *args: Any, **options: Any) -> None:
        program = program_or_error(options["program"])
        draft = selectors.latest_draft(program)
        if draft is None:
            raise CommandError(
                f"{program} has no draft yet: run `mentora match run --program {program.slug}`."
            )
        text = draft_csv(draft)
        if options["output"]:
            try:
                Path(options["output"]).write_text(text, encoding="utf-8")
            except OSError as exc:
                raise CommandError(f"Cannot write {options['output']}: {exc.strerror}.") from exc
            self.stderr.write(f"Wrote {draft.matched_count} pairs to {options['output']}.")
        else:
            self.stdout.write(text, ending="")
