"""`mentora match priority --program SLUG [--as-many | --good-fits …]`: what matching puts first."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from mentora.accounts.models import User
from mentora.lib.errors import DomainError
from mentora.matching.management.commands._common import program_or_error
from mentora.matching.services import matchpriority_set, priority_of


class Command(BaseCommand):
    help = (
        "Show or choose a program's matching priority: as many pairs as possible, or only good "
        "fits above a fit floor (a related career role, shared skills, a minimum score)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--program", required=True, metavar="SLUG", help="the program's slug")
        group = parser.add_mutually_exclusive_group()
        group.add_argument("--as-many", action="store_true", help="match as many as possible")
        group.add_argument("--good-fits", action="store_true", help="match only good fits")
        parser.add_argument(
            "--no-role", action="store_true",
            help="with --good-fits: a related career role does not count as a good fit",
        )
        parser.add_argument("--floor-skills", type=int, default=0, metavar="N",
                            help="with --good-fits: or shares at least N wanted skills")
        parser.add_argument("--min-score", type=int, default=0, metavar="SCORE",
                            help="with --good-fits: and scores at least SCORE of 100")
        parser.add_argument("--by", metavar="EMAIL", help="the manager making the change")

    def handle(self, *args: Any, **options: Any) -> None:
        program = program_or_error(options["program"])
        if options["as_many"] or options["good_fits"]:
            by = User.objects.filter(email__iexact=options["by"] or "").first()
            if by is None:
                raise CommandError("--by: give the email of a manager of the program.")
            try:
                saved = matchpriority_set(
                    program=program, by=by,
                    priority="good_fits" if options["good_fits"] else "as_many",
                    floor_role=not options["no_role"], floor_skills=options["floor_skills"],
                    min_score=options["min_score"],
                )
            except DomainError as exc:
                name = {"floor_skills": "--floor-skills", "min_score": "--min-score"}.get(
                    exc.field or "", "--" + (exc.field or "priority").replace("_", "-")
                )
                raise CommandError(f"{name}: {exc.message}") from exc
            self.stdout.write("Saved. Run the matching again to apply it.")
        else:
            saved = program.match_constraints or {}
        p = priority_of(saved)
        floor = []
        if p["floor_role"]:
            floor.append("held the target role, a related role or one in its family")
        if p["floor_skills"]:
            floor.append(f"shares {p['floor_skills']} wanted skills")
        if p["min_score"]:
            floor.append(f"scores at least {p['min_score']} of 100")
        self.stdout.write(f"Priority: {p['label'].lower()}" + (
            f" (good fit: {'; '.join(floor)})." if p["priority"] == "good_fits" else "."
        ))
