"""`mentora worker`: run the job schedule (`mentora.jobs`) until stopped."""

from __future__ import annotations

import signal
import threading
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from mentora.jobs import run_worker


class Command(BaseCommand):
    help = (
        "Run the background worker: matching runs, request deadlines, reminders and digests,"
        " surveys, retention, the outbox and webhooks (the schedule in mentora/jobs.py)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="Do one pass and exit.")
        parser.add_argument(
            "--interval", type=float, default=5.0, help="Seconds between passes (default 5)."
        )
        parser.add_argument("--batch", type=int, default=20, help="Messages per claim.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["interval"] <= 0:
            raise CommandError("--interval must be a positive number of seconds.")
        if not 1 <= options["batch"] <= 1000:
            raise CommandError("--batch must be between 1 and 1000.")
        stop = threading.Event()
        if not options["once"]:
            for sig in (signal.SIGINT, signal.SIGTERM):
                signal.signal(sig, lambda *_: stop.set())
            self.stdout.write("Worker running; Ctrl+C to stop.")
        state = run_worker(
            stop=stop,
            poll_seconds=options["interval"],
            batch=options["batch"],
            once=options["once"],
        )
        self.stdout.write(f"Sent {state.totals.sent}, failed {state.totals.failed}.")
