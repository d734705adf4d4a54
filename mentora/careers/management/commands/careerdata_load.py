"""`mentora careerdata load PATH_OR_URL…`: load the O*NET release and BLS projections.

`mentora careerdata load --shipped` loads the subset of both shipped with Mentora instead.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from mentora.careers.services import careerdata_load, careerdata_load_shipped
from mentora.lib.errors import DomainError


class Command(BaseCommand):
    help = (
        "Load the O*NET text release (db_NN_N_text.zip or its unpacked folder) and/or the BLS "
        "Employment Projections workbook (occupation.xlsx), from paths or http(s) URLs. "
        "All files are checked before anything is written; a load is all or nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "locations",
            nargs="*",
            metavar="PATH_OR_URL",
            help="an O*NET zip or folder, the BLS occupation.xlsx, or an http(s) URL of either",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="reload even when the same files were loaded before",
        )
        parser.add_argument(
            "--shipped",
            action="store_true",
            help="load the subset of the official files shipped with Mentora (no download); "
            "a source already loaded is left alone",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        verbose = options["verbosity"] >= 1

        def progress(message: str) -> None:
            if verbose:
                self.stdout.write(f"  {message}")

        if options["shipped"] and options["locations"]:
            raise CommandError("Give either --shipped or paths and URLs, not both.")
        if not options["shipped"] and not options["locations"]:
            raise CommandError(
                "Give the O*NET text release (zip or folder) and/or the BLS occupation.xlsx, "
                "as paths or URLs, or --shipped for the data shipped with Mentora."
            )
        try:
            if options["shipped"]:
                report = careerdata_load_shipped(progress=progress)
                if not report.loaded:
                    self.stdout.write(
                        "Career data is already loaded; nothing changed. To replace it, give "
                        "the files: mentora careerdata load PATH_OR_URL…"
                    )
                    return
            else:
                report = careerdata_load(
                    locations=options["locations"], force=options["force"], progress=progress
                )
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        for release in report.loaded:
            counts = ", ".join(
                f"{n:,} {name.replace('_', ' ')}" for name, n in release.counts.items()
            )
            self.stdout.write(self.style.SUCCESS(f"Loaded {release.title}: {counts}."))
        for release in report.unchanged:
            self.stdout.write(f"{release.title} was already loaded; nothing changed.")
        self.stdout.write(f"Done in {report.seconds:.1f} s.")
