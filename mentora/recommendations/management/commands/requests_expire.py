"""`mentora requests expire`: expire unanswered requests to mentors and ask the next choice."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from mentora.lib.errors import DomainError
from mentora.recommendations.services import mentor_requests_expire


class Command(BaseCommand):
    help = (
        "Expire requests to mentors past their deadline and ask each mentee's next choice; "
        "also follow answers given elsewhere and release requests to full mentors. "
        "The worker runs this on every reminder pass."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--at",
            help="Act as if it were this ISO time (with a time zone), e.g. 2026-03-05T09:00Z.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        now = None
        if options.get("at"):
            try:
                now = datetime.fromisoformat(options["at"].replace("Z", "+00:00"))
            except ValueError as exc:
                raise CommandError(f"--at: {options['at']!r} is not an ISO date and time.") from exc
            if timezone.is_naive(now):
                raise CommandError("--at: give a time zone, e.g. 2026-03-05T09:00+00:00.")
        try:
            result = mentor_requests_expire(now=now)
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(
            f"Expired {result.expired}, followed {result.caught_up} answered elsewhere, "
            f"released {result.released}, asked {result.asked} stalled next choices."
        )
