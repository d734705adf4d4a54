"""Changing a draft by hand: move options and moves."""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass
from typing import Any

import numpy as np
from django.db import transaction
from django.db.models import Count, Min, Sum

from mentora.lib.errors import DomainError
from mentora.matching.engine import (
    explain_pairs,
)
from mentora.matching.features import (
    program_problem,
)
from mentora.matching.models import (
    DraftPair,
    MatchRule,
    MatchRun,
    UnmatchedMentee,
)
from mentora.matching.services.rules import _approved, matchrule_set
from mentora.matching.services.runs import _require_manager, contributions_json
from mentora.programs.models import Enrollment, Program

log = logging.getLogger(__name__)


# ------------------------------------------------------------------------------ moves


@dataclass(frozen=True)
class MoveOption:
    """A mentor a mentee could be moved to, with the score change."""

    mentor: Any
    score: float
    delta: float
    room: int
    allowed: bool
    failed: tuple[str, ...]
    current: bool


def _draft_for_edit(program: Program) -> MatchRun:
    draft = MatchRun.objects.drafts().filter(program=program).first()
    if draft is None:
        raise DomainError(f"{program} has no draft yet: run the matching first.", code="conflict")
    if draft.published_at is not None:
        raise DomainError(
            "This draft is published; run the matching again to change pairs.", code="conflict"
        )
    return draft


def move_options(*, program: Program, mentee: Any, by: Any) -> list[MoveOption]:
    """Every mentor with a free place in the draft, with the mentee's score and its change."""
    _require_manager(by, program)
    draft = _draft_for_edit(program)
    current = DraftPair.objects.filter(run=draft, mentee=mentee).first()
    pp = program_problem(
        program=program,
        weights=draft.weights,
        constraints=draft.constraints,
        mentee_ids=[mentee.pk],
        mentor_ids=None,
    )
    used = Counter(
        DraftPair.objects.filter(run=draft)
        .exclude(mentee=mentee)
        .values_list("mentor_id", flat=True)
    )
    pairs = np.array([[0, j] for j in range(pp.problem.m)], dtype=np.int64)
    base = current.score if current else 0.0
    options = []
    for ex, mentor, cap in zip(
        explain_pairs(pp.problem, pairs), pp.mentors, pp.capacities.tolist(), strict=True
    ):
        room = int(cap) - used[mentor.pk]
        is_current = current is not None and current.mentor_id == mentor.pk
        if room <= 0 and not is_current:
            continue
        options.append(
            MoveOption(
                mentor=mentor,
                score=float(ex.score),
                delta=float(ex.score) - base,
                room=room,
                allowed=ex.allowed,
                failed=ex.failed_constraints,
                current=is_current,
            )
        )
    return sorted(options, key=lambda o: (not o.allowed, -o.score))


@dataclass(frozen=True)
class MoveResult:
    """What a move did: the new pair and the change of score."""

    pair: DraftPair
    old_score: float | None
    new_score: float
    failed: tuple[str, ...]


@transaction.atomic
def draft_move(*, program: Program, mentee: Any, mentor: Any, by: Any) -> MoveResult:
    """Move a mentee to another mentor in the draft (also pins the pair for later re-runs).

    Refused when the mentor has no free place left in the draft. A pair failing a hard
    constraint is allowed (a manager's decision) and says which.
    """
    _require_manager(by, program)
    draft = _draft_for_edit(program)
    MatchRun.objects.select_for_update(no_key=True).filter(pk=draft.pk).first()
    if not _approved(program, mentor, Enrollment.Role.MENTOR):
        raise DomainError(
            f"{mentor} is not enrolled as a {program.mentor_label} in {program}.", field="mentor"
        )
    current = DraftPair.objects.filter(run=draft, mentee=mentee).first()
    if current is None and not UnmatchedMentee.objects.filter(run=draft, mentee=mentee).exists():
        raise DomainError(f"{mentee} is not in this draft.", field="mentee")
    pp = program_problem(
        program=program,
        weights=draft.weights,
        constraints=draft.constraints,
        mentee_ids=[mentee.pk],
        mentor_ids=[mentor.pk],
    )
    used = DraftPair.objects.filter(run=draft, mentor=mentor).exclude(mentee=mentee).count()
    if used >= int(pp.capacities[0]):
        raise DomainError(
            f"{mentor} has no free place left in this draft ({used} of {int(pp.capacities[0])} "
            "taken). Move one of their mentees first.",
            field="mentor",
            code="conflict",
        )
    ex = explain_pairs(pp.problem, np.array([[0, 0]]))[0]
    old = current.score if current else None
    if current is None:
        UnmatchedMentee.objects.filter(run=draft, mentee=mentee).delete()
        current = DraftPair(run=draft, mentee=mentee)
    if current.moved_from_score is None and old is not None and current.mentor_id != mentor.pk:
        current.moved_from_score = old
    current.mentor = mentor
    current.score = float(ex.score)
    current.contributions = contributions_json(ex)
    current.pinned = True
    current.save()
    # The pin refreshes the draft: the rest is re-solved around the moved pair.
    matchrule_set(program=program, mentee=mentee, mentor=mentor, kind=MatchRule.Kind.PIN, by=by)
    _refresh_totals(draft)
    current = DraftPair.objects.filter(run=draft, mentee=mentee).first() or current
    return MoveResult(
        pair=current, old_score=old, new_score=current.score, failed=ex.failed_constraints
    )


def _refresh_totals(run: MatchRun) -> None:
    agg = DraftPair.objects.filter(run=run).aggregate(
        n=Count("pk"), total=Sum("score"), low=Min("score")
    )
    MatchRun.objects.filter(pk=run.pk).update(
        matched_count=agg["n"], total_score=agg["total"] or 0.0, min_score=agg["low"]
    )
