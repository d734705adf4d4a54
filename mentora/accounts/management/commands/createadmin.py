"""`mentora createadmin`: create an organization admin who can sign in."""

from __future__ import annotations

import getpass
import os
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.core.validators import validate_email
from django.db import transaction

from mentora.accounts.models import User
from mentora.accounts.services import user_create
from mentora.lib.errors import DomainError


def clean_email(value: str) -> str:
    """A lower-cased, valid email address that nobody uses yet."""
    email = value.strip().lower()
    if not email:
        raise CommandError("Email: enter the admin's email address.")
    try:
        validate_email(email)
    except ValidationError as exc:
        raise CommandError(f"Email: “{value.strip()}” is not a valid email address.") from exc
    if User.objects.filter(email__iexact=email).exists():
        raise CommandError(f"Email: a person with the email {email} already exists.")
    return email


def clean_name(value: str) -> str:
    """The admin's full name, as colleagues will see it."""
    name = " ".join(value.split())
    if not name:
        raise CommandError("Name: enter the admin's full name, e.g. “Olga Petrova”.")
    if len(name) > 200:
        raise CommandError("Name: keep it under 200 characters.")
    return name


def clean_password(password: str, *, email: str, name: str) -> str:
    """The password, if Django's password validators accept it for this person."""
    try:
        validate_password(password, user=User(email=email, full_name=name))
    except ValidationError as exc:
        raise CommandError("Password: " + " ".join(exc.messages)) from exc
    return password


class Command(BaseCommand):
    help = (
        "Create an organization admin (runs people, imports and every program; may use the "
        "Django admin). Asks for email, name and password, or takes them from options."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--email", help="The admin's email address (their sign-in).")
        parser.add_argument("--name", help="The admin's full name.")
        parser.add_argument(
            "--password-from-env", metavar="VAR",
            help="Read the password from this environment variable (keeps it out of shell "
            "history and process lists).",
        )
        parser.add_argument(
            "--no-input", "--noinput", action="store_false", dest="interactive",
            help="Never ask: --email, --name and --password-from-env must all be given.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        interactive = options["interactive"]
        try:
            email = self._value(options["email"], clean_email, "Email: ", "--email", interactive)
            name = self._value(options["name"], clean_name, "Full name: ", "--name", interactive)
            password = self._password(options["password_from_env"], email, name, interactive)
        except (EOFError, KeyboardInterrupt) as exc:
            raise CommandError(
                "Cancelled. To create an admin from a script, pass --no-input with --email, "
                "--name and --password-from-env VAR."
            ) from exc
        try:
            with transaction.atomic():
                user = user_create(
                    email=email, full_name=name, password=password, is_org_admin=True
                )
                user.is_staff = True
                user.is_superuser = True
                user.save(update_fields=["is_staff", "is_superuser"])
        except DomainError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(f"Created organization admin {name} <{email}>."))
        self.stdout.write(f"They can sign in at {settings.SITE_URL}/")

    def _ask(self, prompt: str, secret: bool = False) -> str:
        return getpass.getpass(prompt) if secret else input(prompt)

    def _value(
        self,
        given: str | None,
        clean: Callable[[str], str],
        prompt: str,
        flag: str,
        interactive: bool,
    ) -> str:
        if given is not None:
            return clean(given)
        if not interactive:
            raise CommandError(f"{flag} is required with --no-input.")
        while True:  # ask again until the answer is right, as createsuperuser does
            answer = self._ask(prompt)
            try:
                return clean(answer)
            except CommandError as exc:
                self.stderr.write(str(exc))

    def _password(self, variable: str | None, email: str, name: str, interactive: bool) -> str:
        if variable is not None:
            password = os.environ.get(variable, "")
            if not password:
                raise CommandError(
                    f"--password-from-env: the environment variable {variable} is not set or "
                    "empty."
                )
            return clean_password(password, email=email, name=name)
        if not interactive:
            raise CommandError("--password-from-env VAR is required with --no-input.")
        while True:
            password = self._ask("Password: ", secret=True)
            if password != self._ask("Password (again): ", secret=True):
                self.stderr.write("Password: the two passwords differ; try again.")
                continue
            try:
                return clean_password(password, email=email, name=name)
            except CommandError as exc:
                self.stderr.write(str(exc))
