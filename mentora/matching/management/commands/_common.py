"""Shared helpers of the `mentora match …` commands."""

from __future__ import annotations

from django.core.management.base import CommandError

from mentora.matching.reasons import plural
from mentora.matching.scores import score_100, score_text
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
    program = run.program
    scores = (
        f"mean score {score_text(run.mean_score)}, lowest {score_100(run.min_score)}"
        if run.mean_score is not None and run.min_score is not None
        else "no scores"
    )
    mentees = program.mentee_label if run.mentees_count == 1 else plural(program.mentee_label)
    mentors = program.mentor_label if run.mentors_count == 1 else plural(program.mentor_label)
    return (
        f"Draft {run.number or run.pk}: {run.matched_count} of {run.mentees_count} {mentees} "
        "matched "
        f"({run.unmatched_count} unmatched), {run.mentors_count} {mentors} with "
        f"{run.places_count} free place{'' if run.places_count == 1 else 's'}; {scores}."
    )


def path_fit_summary(run) -> str:  # type: ignore[no-untyped-def]
    """The draft's path fit in one sentence (empty when it was not computed)."""
    f = run.path_fit or {}
    if not f:
        return ""
    program = run.program
    mentees = plural(program.mentee_label)
    extra = f" ({f['no_target']} set no target role)" if f.get("no_target") else ""
    return (
        f"Path fit: of {f['matched']} matched {mentees}, {f['held_target']} got a "
        f"{program.mentor_label} who has held their target role, {f['related']} a related "
        f"role, {f['neither']} neither{extra}; best achievable in this pool: "
        f"{f['best_achievable']}."
    )
