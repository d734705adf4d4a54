"""`mentora gdpr export --email X`: email a person a link to their own data (a subject-access
request answered the same way as from the People page and the API: the data goes to the person,
never to whoever runs the command)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from mentora.accounts.gdpr import EXPORT_LINK_DAYS, gdpr_export_send
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
        "Answer a data-access request: email the person a signed link to download everything "
        "Mentora holds about them (their private notes included). The link works only when "
        "they are signed in as themselves, for 7 days; the data is never printed here."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--email", required=True, help="the person's email address")

    def handle(self, *args: Any, **options: Any) -> None:
        user = find_person(options["email"])
        try:
            gdpr_export_send(user=user, by=None)
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(
            f"Emailed {user.email} a link to download their data; it works for them only, "
            f"signed in, for {EXPORT_LINK_DAYS} days."
        )
