"""Shared helpers of the `mentora match …` commands."""

from __future__ import annotations

from django.core.management.base import CommandError

from mentora.programs.models import Program


def program_or_error(slug: str) -> Program:
    program = Program.objects.filter(slug=slug).first()
    if program is None:
        slugs = ", ".join(Program.objects.order_by("slug").values_list("slug", flat=True))
        raise CommandError(
            f"No program has the slug “{slug}”" + (f"; programs: {slugs}." if slugs else ".")
        )
    return program


def run_summary(run) -> str:  # type: ignore[no-untyped-def]
    mean = f"{run.mean_score:.2f}" if run.mean_score is not None else "—"
    low = f"{run.min_score:.2f}" if run.min_score is not None else "—"
    return (
        f"Draft #{run.pk}: {run.matched_count} of {run.mentees_count} matched "
        f"({run.unmatched_count} unmatched), {run.mentors_count} mentors with "
        f"{run.places_count} free places; mean score {mean}, lowest {low}."
    )
