"""`mentora program archive --program SLUG --as EMAIL`: archive a program, or --restore it."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from mentora.accounts.models import User
from mentora.lib.errors import DomainError
from mentora.programs.models import Program
from mentora.programs.services import program_archive


class Command(BaseCommand):
    help = (
        "Archive a program: it leaves the Programs list and nobody can enroll; relationships "
        "and reports stay. --restore brings it back, closed for enrollment."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--program", required=True, metavar="SLUG", help="the program")
        parser.add_argument(
            "--restore", action="store_true", help="bring an archived program back instead"
        )
        parser.add_argument(
            "--as", dest="as_email", required=True, metavar="EMAIL",
            help="who does it: a manager of the program or an organization admin",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        program = Program.objects.filter(slug=options["program"].strip()).first()
        if program is None:
            raise CommandError(f"--program: no program has the address “{options['program']}”.")
        by = User.objects.filter(email__iexact=options["as_email"].strip(), is_active=True).first()
        if by is None:
            raise CommandError(f"--as: no active person has the email {options['as_email']}.")
        restore = options["restore"]
        if restore and not program.is_archived:
            raise CommandError(f"{program.name} is not archived; there is nothing to restore.")
        if not restore and program.is_archived:
            raise CommandError(f"{program.name} is already archived.")
        try:
            program_archive(program=program, by=by, archived=not restore)
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        if restore:
            self.stdout.write(
                f"Restored {program.name}: it is back on the Programs list, closed for "
                "enrollment. Open it from its edit page when the next round starts."
            )
        else:
            self.stdout.write(
                f"Archived {program.name}: nobody can enroll and it is off the Programs list. "
                f"Its relationships and reports stay; restore it with "
                f"`mentora program archive --program {program.slug} --restore`."
            )
