"""`mentora match publish --program SLUG`: create the draft's relationships and notify people."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from mentora.accounts.models import User
from mentora.lib.errors import DomainError
from mentora.matching.management.commands._common import program_or_error
from mentora.matching.services import draft_publish


class Command(BaseCommand):
    help = (
        "Publish a program's draft: requests the pairs must accept, or active relationships "
        "(the program's publish mode); each person is emailed why they were matched. "
        "All or nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--program", required=True, metavar="SLUG", help="the program's slug")
        parser.add_argument(
            "--as",
            dest="as_email",
            metavar="EMAIL",
            help="the program manager or organization admin publishing (default: the first "
            "manager of the program)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        program = program_or_error(options["program"])
        if options["as_email"]:
            by = User.objects.filter(email__iexact=options["as_email"].strip()).first()
            if by is None:
                raise CommandError(f"--as: no person has the email {options['as_email']!r}.")
        else:
            by = program.managers.order_by("pk").first()
            if by is None:
                raise CommandError(f"{program} has no manager; name who publishes with --as EMAIL.")
        try:
            report = draft_publish(program=program, by=by)
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Published {report.created} pairs of {program} ({report.mode}); "
                "notifications queued."
            )
        )
