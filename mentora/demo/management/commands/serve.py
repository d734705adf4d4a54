"""`mentora serve`: serve Mentora on one address, without touching the data."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError

from mentora.demo import serving


class Command(BaseCommand):
    help = (
        "Serve Mentora (threaded, static files included). For production put "
        "gunicorn mentora.wsgi behind a proxy instead."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--addr", default=serving.DEFAULT_ADDR,
            help=f"HOST:PORT to serve on (default {serving.DEFAULT_ADDR}).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        address = serving.parse_addr(options["addr"])
        try:
            pending = serving.pending_migrations()
        except DatabaseError as exc:
            raise CommandError(f"Cannot read the database: {exc}") from exc
        if pending:
            raise CommandError(
                f"The database is not up to date ({pending} migration"
                f"{'' if pending == 1 else 's'} pending): run mentora migrate, then serve again."
            )
        server = serving.make_server(address)
        url = serving.bound_address(server, address).url
        self.stdout.write(self.style.SUCCESS(f"Mentora is serving at {url}"))
        warning = serving.host_warning(address)
        if warning:
            self.stderr.write(warning)
        self.stdout.write("Press Ctrl+C to stop.")
        self.stdout.flush()
        serving.run_server(server)
        self.stdout.write("Stopped.")
