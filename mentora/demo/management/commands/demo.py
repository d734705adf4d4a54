"""`mentora demo`: migrate, build the demo organization once, print the sign-ins and serve."""

from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError

from mentora.demo import serving
from mentora.demo.builder import DemoSummary, demo_build, demo_logins
from mentora.demo.data import DEMO_PASSWORD
from mentora.lib.errors import DomainError


class Command(BaseCommand):
    help = (
        "Create or upgrade the database, load the demo organization (300 people, three "
        "programs) the first time, print the demo sign-ins and serve Mentora."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--addr", default=serving.DEFAULT_ADDR,
            help=f"HOST:PORT to serve on (default {serving.DEFAULT_ADDR}).",
        )
        parser.add_argument(
            "--no-serve", action="store_true",
            help="Prepare the database and the demo data, print the sign-ins, then exit.",
        )
        parser.add_argument(
            "--reset", action="store_true",
            help="Delete the demo organization and build it again from scratch.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        address = serving.parse_addr(options["addr"])
        self.stdout.write("Preparing the database…")
        try:
            call_command("migrate", interactive=False, verbosity=0)
            summary = demo_build(reset=options["reset"])
        except DomainError as exc:
            raise CommandError(str(exc)) from exc
        except DatabaseError as exc:
            raise CommandError(f"The database could not be prepared: {exc}") from exc
        self.stdout.write(self._summary_line(summary))
        if options["no_serve"]:
            self.stdout.write("")
            self.stdout.write(self.style.SUCCESS("Mentora demo is ready (not serving)."))
            self._write_logins()
            self.stdout.write("Run mentora demo to serve it.")
            return
        server = serving.make_server(address)
        url = serving.bound_address(server, address).url
        mail_dir = serving.point_demo_at(url)
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"Mentora demo is ready at {url}"))
        self._write_logins()
        if mail_dir:
            self.stdout.write(f"Emails the demo sends are written to {mail_dir}/ (not sent).")
        warning = serving.host_warning(address)
        if warning:
            self.stderr.write(warning)
        self.stdout.write("Press Ctrl+C to stop.")
        self.stdout.flush()
        serving.run_server(server, background=serving.start_background_threads)
        self.stdout.write("Stopped.")

    def _summary_line(self, summary: DemoSummary) -> str:
        counts = (
            f"{summary.people} people, {summary.programs} programs, "
            f"{summary.enrollments} enrollments"
        )
        if summary.built:
            verb = "Rebuilt" if summary.replaced else "Built"
            return f"{verb} the demo organization in {summary.seconds:.1f} s: {counts}."
        return (
            f"Using the demo organization already in this database ({counts}); "
            "run mentora demo --reset to rebuild it."
        )

    def _write_logins(self) -> None:
        logins = demo_logins()
        role_width = max(len(login.role) for login in logins) + 2
        email_width = max(len(login.email) for login in logins) + 2
        self.stdout.write(f"Sign in as (password: {DEMO_PASSWORD}):")
        for login in logins:
            self.stdout.write(
                f"  {login.role:<{role_width}}{login.email:<{email_width}}"
                f"{login.full_name}, {login.job_title}"
            )
        self.stdout.write(
            "Everyone else in the demo organization has the same password "
            "(firstname.lastname@example.com)."
        )
