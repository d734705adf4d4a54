"""`mentora program create --kind KIND --name NAME --as EMAIL`: a program from a template."""

from __future__ import annotations

from argparse import ArgumentTypeError
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from mentora.accounts.models import User
from mentora.lib.errors import DomainError
from mentora.programs.kinds import TEMPLATES, rhythm_sentence
from mentora.programs.models import Program
from mentora.programs.services import program_create_from_template

KINDS = ", ".join(f"{kind} ({TEMPLATES[kind].title})" for kind in TEMPLATES)


def _positive(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        n = 0
    if n < 1:
        raise ArgumentTypeError(f"expected a whole number of 1 or more, got “{text}”")
    return n


class Command(BaseCommand):
    help = (
        "Create a program from its kind's template (flash: one session, no agreement, short "
        "feedback; coaching: six sessions; peer; mentoring; group), as a draft unless --open; "
        "you manage it unless --manager names others (docs/decisions/0070)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--kind", required=True, choices=list(TEMPLATES), metavar="KIND",
            help=f"the template to start from: {KINDS}",
        )
        parser.add_argument("--name", required=True, help="the program's name")
        parser.add_argument("--slug", default="", help="its address (default: from the name)")
        parser.add_argument("--description", default="", help="what it is for, in a sentence")
        parser.add_argument(
            "--weeks", type=_positive, default=None, metavar="N",
            help="length in weeks (default: the template's)",
        )
        parser.add_argument(
            "--sessions", type=_positive, default=None, metavar="N",
            help="sessions per pair (default: the template's)",
        )
        parser.add_argument(
            "--capacity", type=_positive, default=None, metavar="N",
            help="how many people each mentor or coach takes (default: the template's)",
        )
        parser.add_argument(
            "--open", action="store_true", help="open enrollment now (default: a draft)"
        )
        parser.add_argument(
            "--manager", action="append", default=[], metavar="EMAIL",
            help="a manager of the new program (repeat for more; default: the person in --as)",
        )
        parser.add_argument(
            "--as", dest="as_email", required=True, metavar="EMAIL",
            help="who creates it: an organization admin or program staff",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        by = _person(options["as_email"], "--as")
        managers = [_person(email, "--manager") for email in options["manager"]]
        data: dict[str, Any] = {
            "name": options["name"].strip(),
            "slug": options["slug"].strip(),
            "description": options["description"].strip(),
            "status": Program.Status.OPEN if options["open"] else Program.Status.DRAFT,
        }
        for option, field in (
            ("weeks", "duration_weeks"),
            ("sessions", "sessions_per_pair"),
            ("capacity", "mentor_capacity"),
        ):
            if options[option] is not None:
                data[field] = options[option]
        if not data["name"]:
            raise CommandError("--name: give the program a name.")
        try:
            program = program_create_from_template(
                by=by, kind=options["kind"], data=data, managers=managers or None
            )
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        names = " and ".join(u.full_name for u in program.managers.order_by("full_name"))
        state = "open for enrollment" if options["open"] else "a draft"
        self.stdout.write(
            f"Created {program.name} ({program.slug}), {program.get_kind_display()}, as {state}: "
            f"{rhythm_sentence(program)}. Managed by {names}."
        )


def _person(email: str, option: str) -> User:
    person = User.objects.filter(email__iexact=email.strip(), is_active=True).first()
    if person is None:
        raise CommandError(f"{option}: no active person has the email {email}.")
    return person
