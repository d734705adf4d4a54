"""`mentora rematch queue --program SLUG [--handled] [--json]`: who waits to be matched again."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from mentora.relationships.management.commands._common import program_by_slug
from mentora.relationships.selectors import rematch_queue


class Command(BaseCommand):
    help = (
        "List a program's rematch queue: mentees whose relationship ended and who asked to be "
        "matched again, oldest first (--handled: those already handled)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--program", required=True, metavar="SLUG", help="the program")
        parser.add_argument("--handled", action="store_true", help="handled requests instead")
        parser.add_argument("--json", action="store_true", help="one JSON document on stdout")

    def handle(self, *args: Any, **options: Any) -> None:
        program = program_by_slug(options["program"])
        data: list[dict[str, Any]] = [
            {
                "id": r.pk,
                "mentee": r.mentee.email,
                "relationship": r.relationship_id,
                "previous_mentor": r.relationship.mentor.email,
                "note": r.note,
                "asked_at": r.created_at.isoformat(),
                "handled_at": r.resolved_at.isoformat() if r.resolved_at else None,
                "resolution": r.resolution,
            }
            for r in rematch_queue(program=program, handled=options["handled"])
        ]
        if options["json"]:
            self.stdout.write(json.dumps(data, indent=2))
            return
        state = "handled" if options["handled"] else "waiting"
        self.stdout.write(f"{len(data)} {state} in {program.slug}.")
        for row in data:
            self.stdout.write(
                f"{row['asked_at'][:10]}\t{row['mentee']}\t(after {row['previous_mentor']})\t"
                f"{row['note']}"
            )
