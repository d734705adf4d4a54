"""`mentora import people FILE`: upsert people from an HRIS export (CSV or .xlsx)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from mentora.accounts.models import User
from mentora.lib.import_command import read_file, run_import
from mentora.lib.tabular import read_table
from mentora.people.importing import PeopleImportReport

__all__ = ["read_file", "run_import"]  # moved to lib.import_command; old path kept
from mentora.people.import_mapping import import_settings, joiner_users, people_import_mapped
from mentora.people.invitations import invitations_send

LISTED = 50  # people listed per kind of change unless -v 2 asks for all


def print_people(command: BaseCommand, report: PeopleImportReport, verbosity: int) -> None:
    """Joiners, movers (with each change) and leavers: the line, then the lists."""
    command.stdout.write(report.people_summary())
    if verbosity < 1:
        return
    limit = None if verbosity >= 2 else LISTED
    sections = [
        ("Joiners", report.joiners, lambda p: ""),
        ("Movers", report.movers, lambda p: ": " + "; ".join(
            f"{c['field']} “{c['old']}” → “{c['new']}”" for c in p["changes"])),
        ("Leavers", report.leavers, lambda p: f": {p['reason']} Live relationships ended: "
                                              f"{p['relationships']}."),
    ]
    for title, people, detail in sections:
        if not people:
            continue
        command.stdout.write(f"{title}:")
        for person in people[:limit]:
            command.stdout.write(f"  {person['full_name']} <{person['email']}>{detail(person)}")
        if limit is not None and len(people) > limit:
            command.stdout.write(f"  …and {len(people) - limit:,} more (-v 2 lists them all).")


class Command(BaseCommand):
    help = (
        "Import people from an HRIS export (CSV or .xlsx; columns in docs/import.md), read "
        "through the saved column mapping and level table (the import settings page). "
        "Upserts by email in one transaction: on any problem nothing is written. Reports "
        "joiners, movers and leavers; people missing from the file only leave with "
        "--whole-organization."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="path to a .csv (UTF-8) or .xlsx file")
        parser.add_argument(
            "--dry-run", action="store_true", help="check the file and report, write nothing"
        )
        parser.add_argument(
            "--whole-organization",
            action="store_true",
            help="the file lists everyone who works here: active people not in it have left "
            "(they are deactivated and their relationships ended)",
        )
        parser.add_argument(
            "--as",
            dest="as_email",
            metavar="EMAIL",
            help="the organization admin applying the import; needed when people leave, "
            "since their relationships are ended in this person's name",
        )
        parser.add_argument(
            "--invite",
            action="store_true",
            help="email each new person an invitation with the saved welcome text (needs --as)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        data, name = read_file(self, options["file"])
        by = None
        if options["as_email"]:
            from mentora.people.permissions import can_import_people

            by = User.objects.filter(email__iexact=options["as_email"].strip()).first()
            if by is None or not can_import_people(by):
                raise CommandError(
                    f"--as {options['as_email']}: no active organization admin has this email."
                )
        if options["invite"] and by is None:
            raise CommandError("--invite needs --as <organization admin email>: invitations "
                               "are sent in this person's name.")
        report = run_import(
            self,
            options["verbosity"],
            lambda progress: people_import_mapped(
                table=read_table(data, filename=name),
                by=by,
                dry_run=options["dry_run"],
                whole_organization=options["whole_organization"],
                progress=progress,
            ).report,
        )
        assert isinstance(report, PeopleImportReport)
        print_people(self, report, options["verbosity"])
        if options["invite"] and not options["dry_run"]:
            sent = invitations_send(users=joiner_users(report), by=by,
                                    welcome_text=import_settings().welcome_text)
            self.stdout.write(f"{sent:,} invitation{'s' if sent != 1 else ''} queued.")
