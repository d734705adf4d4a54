"""`mentora relationships stalled [--program SLUG] [--json]`: stalled pairs, for a report."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from mentora.lib import clock
from mentora.programs.models import Program
from mentora.relationships.health import stalled_days
from mentora.relationships.management.commands._common import program_by_slug
from mentora.relationships.selectors import stalled_relationships


class Command(BaseCommand):
    help = (
        "List active relationships with no activity for MENTORA_STALLED_DAYS (default 21) "
        "days, in every program or one. Nudging stays a manager's decision, in the web UI "
        "or the API."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--program", metavar="SLUG", help="only this program")
        parser.add_argument("--json", action="store_true", help="one JSON document on stdout")

    def handle(self, *args: Any, **options: Any) -> None:
        programs = Program.objects.all()
        if options["program"]:
            programs = programs.filter(pk=program_by_slug(options["program"]).pk)
        rows = stalled_relationships(programs=programs, now=clock.now())
        data = [
            {
                "id": r.pk,
                "program": r.program.slug,
                "mentee": r.mentee.email,
                "mentor": r.mentor.email,
                "days_silent": r.health.days_silent,  # type: ignore[attr-defined]
                "reasons": r.health.reasons,  # type: ignore[attr-defined]
            }
            for r in rows
        ]
        if options["json"]:
            self.stdout.write(json.dumps(data, indent=2))
            return
        self.stdout.write(f"{len(data)} stalled (no activity for {stalled_days()}+ days).")
        for row in data:
            self.stdout.write(
                f"{row['program']}\t{row['mentee']} & {row['mentor']}\t"
                f"{row['days_silent']} days\t{' '.join(row['reasons'])}"
            )
