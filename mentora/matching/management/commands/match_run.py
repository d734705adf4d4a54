"""`mentora match run --program SLUG`: compute a draft now, with progress in the terminal."""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from mentora.lib.errors import DomainError
from mentora.matching.management.commands._common import program_or_error, run_summary
from mentora.matching.services import matchrun_execute, matchrun_start


class Command(BaseCommand):
    help = (
        "Run the matching of a program in this process and show its progress; the draft "
        "replaces the previous one on the workbench (publish it with `mentora match publish`). "
        "Refused while another run of the program is in progress."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--program", required=True, metavar="SLUG", help="the program's slug")
        parser.add_argument(
            "--objective",
            choices=["total", "fair"],
            default="total",
            help="total: best total fit (default); fair: best lowest fit",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        program = program_or_error(options["program"])
        tty = self.stdout.isatty() if hasattr(self.stdout, "isatty") else sys.stdout.isatty()

        def show(percent: int, stage: str) -> None:
            bar = "#" * (percent // 5) + "-" * (20 - percent // 5)
            line = f"[{bar}] {percent:3d}% {stage}"
            if tty:
                self.stdout.write(f"\r{line:<70}", ending="")
            else:
                self.stdout.write(line)

        try:
            run = matchrun_start(program=program, by=None, objective=options["objective"])
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        run = matchrun_execute(run=run, progress=show)
        if tty:
            self.stdout.write("")
        if run.status != "done":
            raise CommandError(f"The run failed: {run.error}")
        self.stdout.write(self.style.SUCCESS(run_summary(run)))
        for note in run.notes:
            self.stdout.write(self.style.WARNING(note))
