"""`mentora import enrollments FILE --program SLUG`: enroll people, with answers and profiles."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from mentora.lib.import_command import read_file, run_import
from mentora.lib.tabular import read_table
from mentora.programs.importing import enrollments_import
from mentora.programs.models import Program


class Command(BaseCommand):
    help = (
        "Import a program's enrollments from a CSV or .xlsx file (columns in docs/import.md): "
        "email, role, capacity, status, one column per application question, profile details. "
        "One transaction: on any problem nothing is written."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="path to a .csv (UTF-8) or .xlsx file")
        parser.add_argument("--program", required=True, metavar="SLUG", help="the program's slug")
        parser.add_argument(
            "--dry-run", action="store_true", help="check the file and report, write nothing"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        program = Program.objects.filter(slug=options["program"]).first()
        if program is None:
            slugs = ", ".join(Program.objects.order_by("slug").values_list("slug", flat=True))
            raise CommandError(
                f"No program has the slug “{options['program']}”"
                + (f"; programs: {slugs}." if slugs else "; create the program first.")
            )
        data, name = read_file(self, options["file"])
        run_import(
            self,
            options["verbosity"],
            lambda progress: enrollments_import(
                program=program,
                table=read_table(data, filename=name),
                by=None,
                dry_run=options["dry_run"],
                progress=progress,
            ),
        )
