"""`mentora match status --program SLUG`: the run in progress and the current draft."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from mentora.matching import selectors
from mentora.matching.management.commands._common import (
    path_fit_summary,
    program_or_error,
    run_summary,
)
from mentora.matching.services import priority_of


class Command(BaseCommand):
    help = "Show a program's matching: the run in progress (with its progress) and the draft."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--program", required=True, metavar="SLUG", help="the program's slug")

    def handle(self, *args: Any, **options: Any) -> None:
        program = program_or_error(options["program"])
        active = selectors.active_run(program)
        if active:
            self.stdout.write(
                f"{active.get_purpose_display()} {active.number or active.pk} {active.status}: "
                f"{active.progress}% {active.stage}"
            )
        else:
            self.stdout.write("No run in progress.")
        last = selectors.latest_run(program)
        if last and last.status == "failed":
            self.stdout.write(self.style.ERROR(f"The last run failed: {last.error}"))
        draft = selectors.latest_draft(program)
        if draft is None:
            self.stdout.write(
                "No draft yet: run `mentora match run --program " + program.slug + "`."
            )
            return
        self.stdout.write(run_summary(draft))
        self.stdout.write(f"Priority: {priority_of(draft.constraints or {})['label'].lower()}.")
        fit = path_fit_summary(draft)
        if fit:
            self.stdout.write(fit)
        unmatched = draft.unmatched.count()
        if unmatched:
            self.stdout.write(
                f"{unmatched} unmatched: see `mentora match export --program {program.slug}` "
                "for each reason."
            )
        if draft.published_at:
            self.stdout.write(
                f"Published {draft.published_at:%Y-%m-%d %H:%M} UTC: "
                f"{draft.publish_report.get('created', 0)} relationships."
            )
        else:
            self.stdout.write("Not published yet.")
