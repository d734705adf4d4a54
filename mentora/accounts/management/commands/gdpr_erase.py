"""`mentora gdpr erase --email X`: erase a person's account (asks to confirm unless --yes)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from mentora.accounts.gdpr import gdpr_erase
from mentora.accounts.management.commands.gdpr_export import find_person
from mentora.lib.errors import DomainError


class Command(BaseCommand):
    help = (
        "Erase a person: end their relationships, withdraw their enrollments, delete their "
        "private notes, tokens and queued emails, and anonymise their account and profile. "
        "Aggregates (counts, dates, statuses) are kept. This cannot be undone."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--email", required=True, help="the person's email address")
        parser.add_argument("--yes", action="store_true", help="do not ask for confirmation")

    def handle(self, *args: Any, **options: Any) -> None:
        user = find_person(options["email"])
        if not options["yes"]:
            try:
                answer = input(
                    f"Erase {user.full_name} <{user.email}>? This cannot be undone. "
                    "Type the email again to confirm: "
                )
            except EOFError as exc:
                raise CommandError("Not confirmed; pass --yes to erase without asking.") from exc
            if answer.strip().lower() != user.email.lower():
                raise CommandError("Not confirmed: the email typed does not match; nothing erased.")
        email = user.email
        try:
            report = gdpr_erase(user=user, by=None)
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        deleted = ", ".join(f"{n} {label}" for label, n in sorted(report.deleted.items()))
        self.stdout.write(
            f"Erased {email}: {report.ended_relationships} relationship(s) ended, "
            f"{report.withdrawn_enrollments} enrollment(s) withdrawn; deleted: "
            f"{deleted or 'nothing else'}."
        )
