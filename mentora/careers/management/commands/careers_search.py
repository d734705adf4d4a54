"""`mentora careers search TITLE`: the occupations best matching a job title."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from mentora.careers.models import DataRelease
from mentora.careers.search import MAX_QUERY_LENGTH, search_occupations
from mentora.careers.selectors import current_releases


class Command(BaseCommand):
    help = "Search O*NET occupations by job title (abbreviations and typos are fine)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("title", nargs="+", help='a job title, such as "SWE II"')
        parser.add_argument("--limit", type=int, default=10, help="how many matches (1–50)")

    def handle(self, *args: Any, **options: Any) -> None:
        title = " ".join(options["title"]).strip()
        limit = options["limit"]
        if not 1 <= limit <= 50:
            raise CommandError(f"--limit must be between 1 and 50, not {limit}.")
        if not title:
            raise CommandError("Give a job title to search for.")
        if len(title) > MAX_QUERY_LENGTH:
            raise CommandError(f"The title is too long (at most {MAX_QUERY_LENGTH} characters).")
        if DataRelease.objects.current(DataRelease.Source.ONET) is None:
            raise CommandError(
                "No career data is loaded. Load the O*NET release first: "
                "mentora careerdata load db_29_3_text.zip"
            )
        matches = search_occupations(title, limit=limit)
        if not matches:
            self.stdout.write(f"No occupation matches “{title}”.")
            return
        width = max(len(m.title) for m in matches)
        for rank, match in enumerate(matches, start=1):
            via = "" if match.matched_kind == "title" else f"  (as “{match.matched_title}”)"
            self.stdout.write(
                f"{rank:>2}. {match.code}  {match.title:<{width}}  {match.score:5.1f}{via}"
            )
        if options["verbosity"] >= 1:
            # The licence asks for attribution wherever the data is shown; on stderr, so a
            # script reading the matches from stdout is not disturbed.
            notice = current_releases().attribution
            self.stderr.write(f"\n{notice.onet}\n{notice.modification}")
