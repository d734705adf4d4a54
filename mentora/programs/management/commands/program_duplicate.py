"""`mentora program duplicate --program SLUG --name NAME --as EMAIL`: the next cohort."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from mentora.accounts.models import User
from mentora.lib.errors import DomainError
from mentora.programs.models import Program
from mentora.programs.services import program_duplicate


class Command(BaseCommand):
    help = (
        "Start a new cohort of a program: its settings, application questions and agreement "
        "templates, nobody enrolled; created as a draft (docs/decisions/0070)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--program", required=True, metavar="SLUG", help="the source")
        parser.add_argument("--name", required=True, help="the new cohort's name")
        parser.add_argument("--slug", default="", help="its address (default: from the name)")
        parser.add_argument(
            "--as", dest="as_email", required=True, metavar="EMAIL",
            help="who does it: a manager of the program who is program staff or an admin",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        program = Program.objects.filter(slug=options["program"]).first()
        if program is None:
            raise CommandError(f"No program has the slug “{options['program']}”.")
        by = User.objects.filter(email__iexact=options["as_email"], is_active=True).first()
        if by is None:
            raise CommandError(f"--as: no active person has the email {options['as_email']}.")
        try:
            cohort = program_duplicate(
                program=program, by=by, name=options["name"], slug=options["slug"]
            )
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(
            f"Created {cohort.name} ({cohort.slug}) as a draft from {program.name}: "
            f"{cohort.questions.count()} questions, nobody enrolled."
        )
