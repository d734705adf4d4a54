"""Reads for the matching workbench and for "why we matched you"."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from mentora.matching.models import (
    DraftPair,
    MatchExplanation,
    MatchRule,
    MatchRun,
    UnmatchedMentee,
)
from mentora.matching.permissions import can_view_why_matched
from mentora.programs.models import Program

HISTOGRAM_BINS = 10
FILTERS = {
    "all": "All pairs, best first",
    "lowest": "Lowest scores first",
    "pinned": "Pinned pairs",
    "unmatched": "Unmatched mentees",
}


def active_run(program: Program) -> MatchRun | None:
    """The run or preview of the program being computed now, if any."""
    return MatchRun.objects.in_progress().filter(program=program).first()


def latest_draft(program: Program) -> MatchRun | None:
    """The newest finished draft (published or not)."""
    return MatchRun.objects.drafts().filter(program=program).select_related("published_by").first()


def latest_run(program: Program) -> MatchRun | None:
    """The newest run of any status (not previews), to show a failure or progress."""
    return (
        MatchRun.objects.filter(program=program, purpose=MatchRun.Purpose.RUN)
        .select_related("started_by")
        .first()
    )


def draft_pairs(run: MatchRun, *, show: str = "all", department: str = "") -> QuerySet[DraftPair]:
    """A draft's pairs with both people's profiles, filtered and ordered for the table."""
    pairs = DraftPair.objects.filter(run=run).select_related(
        "run__program", "mentee", "mentee__profile", "mentor", "mentor__profile"
    )
    if department:
        pairs = pairs.filter(mentee__profile__department__iexact=department)
    if show == "lowest":
        return pairs.order_by("score", "pk")
    if show == "pinned":
        pairs = pairs.filter(pinned=True)
    return pairs.order_by("-score", "pk")


def unmatched_mentees(run: MatchRun, *, department: str = "") -> QuerySet[UnmatchedMentee]:
    """A draft's unmatched mentees with the reason."""
    rows = UnmatchedMentee.objects.filter(run=run).select_related(
        "run__program", "mentee", "mentee__profile"
    )
    if department:
        rows = rows.filter(mentee__profile__department__iexact=department)
    return rows.order_by("mentee__full_name", "pk")


def draft_departments(run: MatchRun) -> list[str]:
    """Departments of the mentees in a draft (matched or not), for the filter."""
    a = (
        DraftPair.objects.filter(run=run)
        .order_by()
        .values_list("mentee__profile__department", flat=True)
    )
    b = (
        UnmatchedMentee.objects.filter(run=run)
        .order_by()
        .values_list("mentee__profile__department", flat=True)
    )
    return sorted({d for d in a.union(b) if d})


@dataclass(frozen=True)
class Bin:
    """One bar of the score distribution."""

    low: int  # percent
    high: int
    count: int
    height: float  # 0..100 relative to the tallest bar


def score_histogram(run: MatchRun) -> list[Bin]:
    """How many pairs score 0–10 %, 10–20 % … 90–100 % (one query)."""
    counts = [0] * HISTOGRAM_BINS
    for score in DraftPair.objects.filter(run=run).values_list("score", flat=True):
        counts[min(int(score * HISTOGRAM_BINS), HISTOGRAM_BINS - 1)] += 1
    top = max(counts) or 1
    step = 100 // HISTOGRAM_BINS
    return [
        Bin(low=k * step, high=(k + 1) * step, count=c, height=100.0 * c / top)
        for k, c in enumerate(counts)
    ]


def program_rules(program: Program) -> QuerySet[MatchRule]:
    """The program's pins and forbids with both people."""
    return MatchRule.objects.filter(program=program).select_related(
        "mentee", "mentee__profile", "mentor", "mentor__profile", "created_by"
    )


@dataclass(frozen=True)
class PairChange:
    """A mentee whose mentor differs between two drafts."""

    mentee: str
    mentee_id: int
    before: str
    before_score: float | None
    after: str
    after_score: float | None


@dataclass(frozen=True)
class Comparison:
    """Two drafts side by side: totals and the pairs that change."""

    base: MatchRun
    other: MatchRun
    changes: list[PairChange]
    unchanged: int


def compare_runs(base: MatchRun, other: MatchRun) -> Comparison:
    """Which mentees get another mentor (or none) in ``other`` than in ``base`` (two queries)."""

    def pairs(run: MatchRun) -> dict[int, tuple[str, int, str, float]]:
        return {
            mentee_id: (mentee, mentor_id, mentor, score)
            for mentee_id, mentee, mentor_id, mentor, score in DraftPair.objects.filter(
                run=run
            ).values_list(
                "mentee_id", "mentee__full_name", "mentor_id", "mentor__full_name", "score"
            )
        }

    a, b = pairs(base), pairs(other)
    names = {k: v[0] for k, v in {**a, **b}.items()}
    changes = []
    unchanged = 0
    for mentee_id in sorted(names, key=lambda k: names[k]):
        x, y = a.get(mentee_id), b.get(mentee_id)
        if x and y and x[1] == y[1]:
            unchanged += 1
            continue
        changes.append(
            PairChange(
                mentee=names[mentee_id],
                mentee_id=mentee_id,
                before=x[2] if x else "unmatched",
                before_score=x[3] if x else None,
                after=y[2] if y else "unmatched",
                after_score=y[3] if y else None,
            )
        )
    return Comparison(base=base, other=other, changes=changes, unchanged=unchanged)


def why_matched(relationship: Any, viewer: Any) -> MatchExplanation | None:
    """The stored explanation of a published pair, for its two people and the program's
    managers; None for anyone else or a relationship that did not come from a draft."""
    if not can_view_why_matched(viewer, relationship):
        return None
    return MatchExplanation.objects.filter(relationship=relationship).first()


def withdrawable_matches(run: MatchRun) -> dict[tuple[int, int], int]:
    """Pairs of a published draft still waiting for the mentor's answer: (mentee, mentor) ->
    relationship id (one query)."""
    rows = MatchExplanation.objects.filter(
        run=run, source=MatchExplanation.Source.MATCHING, relationship__status="requested"
    ).values_list("relationship__mentee_id", "relationship__mentor_id", "relationship_id")
    return {(a, b): rel for a, b, rel in rows}


def why_matched_worded(relationship: Any, viewer: Any) -> dict[str, Any] | None:
    """The stored explanation of a pair (published match or chosen recommendation), if the
    viewer may see it, with the reasons worded for the viewer: the mentee about their mentor,
    the mentor about their mentee, anyone else (a manager) about both by name. Only the
    factors that are reasons for the match are listed."""
    from mentora.matching.reasons import people_name, worded

    explanation = why_matched(relationship, viewer)
    if explanation is None:
        return None
    member = viewer.pk in (relationship.mentee_id, relationship.mentor_id)
    if viewer.pk == relationship.mentor_id:
        voice = "mentor"
    elif viewer.pk == relationship.mentee_id:
        voice = "mentee"
    else:
        voice = "manager"
    return {
        "score": explanation.score,
        "pinned": explanation.pinned,
        "chosen": explanation.source == MatchExplanation.Source.CHOICE,
        "member": member,
        "contributions": [
            r.as_dict()
            for r in worded(
                explanation.contributions,
                voice=voice,
                mentee=people_name(relationship.mentee),
                mentor=people_name(relationship.mentor),
                mentor_word=relationship.program.mentor_label,
                mentee_word=relationship.program.mentee_label,
            )
        ],
    }
