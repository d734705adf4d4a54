"""`mentora gdpr export --email X`: a person's data as JSON (stdout or --output FILE)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from mentora.accounts.gdpr import export_json, gdpr_export
from mentora.accounts.models import User
from mentora.lib.errors import DomainError


def find_person(email: str) -> User:
    """The account with this email, or a CommandError naming the flag."""
    email = (email or "").strip()
    if not email:
        raise CommandError("--email is required: the email of the person.")
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        raise CommandError(f"--email: nobody has the email {email}.")
    return user


class Command(BaseCommand):
    help = (
        "Export everything Mentora holds about a person as JSON (a data-access request). "
        "Private notes are left out: only their author can download them, from My data."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--email", required=True, help="the person's email address")
        parser.add_argument("--output", help="write to this file instead of standard output")

    def handle(self, *args: Any, **options: Any) -> None:
        user = find_person(options["email"])
        try:
            text = export_json(gdpr_export(user=user, by=None))
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        if options["output"]:
            path = Path(options["output"])
            try:
                path.write_text(text + "\n", encoding="utf-8")
            except OSError as exc:
                raise CommandError(f"--output: cannot write {path}: {exc.strerror}.") from exc
            self.stderr.write(f"Wrote the data of {user.email} to {path}.")
        else:
            self.stdout.write(text)
