"""Matching runs: start, claim, execute and save a draft; what-if previews."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import numpy as np
from django.db import IntegrityError, transaction
from django.db.models import Max, Q

from mentora.lib import clock, queue
from mentora.lib.errors import DomainError
from mentora.lib.hooks import Hook
from mentora.matching.engine import (
    Explanation,
    Unmatched,
    build_candidates,
    explain_pairs,
    path_fit,
    solve,
    why_unmatched,
)
from mentora.matching.engine.factors import LABELS
from mentora.matching.features import (
    EmptyProblem,
    ProgramProblem,
    program_problem,
    resolve_settings,
)
from mentora.matching.models import (
    DraftPair,
    MatchRun,
    UnmatchedMentee,
)
from mentora.matching.permissions import can_use_workbench
from mentora.matching.scores import score_100
from mentora.programs.models import Enrollment, Program

log = logging.getLogger(__name__)

LEASE = timedelta(minutes=15)
# What-if previews of programs up to this many mentee x mentor pairs run in the request;
# larger ones go to the worker like any run (the page polls for them).
PREVIEW_SYNC_PAIRS = 250_000

# One name per factor, from the factor registry (workbench, recommendations, exports, API).
FACTOR_LABELS = LABELS

Progress = Callable[[int, str], None]


def _require_manager(user: Any, program: Program) -> None:
    if not can_use_workbench(user, program):
        raise DomainError(
            f"Only the managers of {program} and organization admins can use its matching.",
            code="forbidden",
        )


def contributions_json(explanation: Explanation) -> list[dict[str, Any]]:
    """A pair's factor contributions, largest first, as stored on drafts and relationships."""
    rows = [
        {
            "factor": c.factor,
            "weight": round(c.weight, 6),
            "value": round(c.value, 6),
            "contribution": round(c.contribution, 6),
            "code": c.code,
            "params": c.params,
        }
        for c in explanation.contributions
    ]
    return sorted(rows, key=lambda r: -r["contribution"])


# ------------------------------------------------------------------------------ runs


@transaction.atomic
def matchrun_start(
    *,
    program: Program,
    by: Any,
    weights: dict | None = None,
    constraints: dict | None = None,
    purpose: str = MatchRun.Purpose.RUN,
    objective: str = "total",
    now: datetime | None = None,
) -> MatchRun:
    """Queue a matching run (or a what-if preview) of a program; one at a time per program.

    The program row is locked while checking, and a partial unique constraint backs it up, so
    two managers pressing "Run" together get one run and one clear refusal.
    """
    now = now or clock.now()
    if by is not None:
        _require_manager(by, program)
    if objective not in ("total", "fair"):
        raise DomainError("Objective must be “total” or “fair”.", field="objective")
    _, _, used_w, used_c = resolve_settings(program, weights, constraints)
    Program.objects.select_for_update(no_key=True).filter(pk=program.pk).first()
    running = MatchRun.objects.in_progress().filter(program=program).first()
    if running is not None:
        raise _already_running(program, running)
    try:
        with transaction.atomic():
            return MatchRun.objects.create(
                program=program,
                number=_next_number(program) if purpose == MatchRun.Purpose.RUN else None,
                purpose=purpose,
                weights=used_w,
                constraints=used_c,
                objective=objective,
                started_by=by,
                created_at=now,
                stage="Waiting for the worker",
            )
    except IntegrityError as exc:  # a concurrent start won between our check and insert
        running = MatchRun.objects.in_progress().filter(program=program).first()
        raise _already_running(program, running) from exc


def _next_number(program: Program) -> int:
    """The next draft number of a program (the caller holds the program row lock)."""
    top = MatchRun.objects.filter(program=program).aggregate(top=Max("number"))["top"]
    return (top or 0) + 1


def _already_running(program: Program, running: MatchRun | None) -> DomainError:
    who = f" by {running.started_by}" if running and running.started_by else ""
    when = f" at {running.created_at:%H:%M} UTC" if running else ""
    return DomainError(
        f"A matching run of {program} is already {running.status if running else 'running'} "
        f"(started{who}{when}). Wait for it to finish, then run again.",
        field="program",
        code="conflict",
    )


@dataclass
class _Outcome:
    pairs: list[DraftPair] = field(default_factory=list)
    unmatched: list[UnmatchedMentee] = field(default_factory=list)
    mentees: int = 0
    mentors: int = 0
    places: int = 0
    bound: float | None = None
    notes: list[str] = field(default_factory=list)
    path_fit: dict[str, int] = field(default_factory=dict)


def _claim_for_inline(run: MatchRun, now: datetime) -> None:
    token = uuid.uuid4().hex
    claimed = MatchRun.objects.filter(pk=run.pk, status=MatchRun.Status.QUEUED).update(
        status=MatchRun.Status.RUNNING, started_at=now, claim_token=token, lease_until=now + LEASE
    )
    if not claimed:
        raise DomainError("This run has already been taken by the worker.", code="conflict")
    run.status, run.started_at, run.claim_token = MatchRun.Status.RUNNING, now, token


def matchrun_execute(
    *, run: MatchRun, progress: Progress | None = None, now: datetime | None = None
) -> MatchRun:
    """Compute a run's draft: features, candidates, optimal assignment, explanations.

    Progress is written to the run row as it goes (outside the final transaction, so the page
    polling it sees it); the draft itself is written in one transaction at the end. A failure
    marks the run failed with a message and writes no draft.
    """
    now = now or clock.now()
    if run.status == MatchRun.Status.QUEUED:
        _claim_for_inline(run, now)

    def step(percent: int, stage: str) -> None:
        MatchRun.objects.filter(pk=run.pk, claim_token=run.claim_token).update(
            progress=percent, stage=stage, lease_until=clock.now() + LEASE
        )
        run.progress, run.stage = percent, stage
        if progress is not None:
            progress(percent, stage)

    try:
        outcome = _compute(run, step)
        _save(run, outcome, now=clock.now())
        if progress is not None:
            progress(100, "Done")
    except DomainError as exc:
        _fail(run, str(exc))
    except Exception as exc:  # the run shows a message; the traceback goes to the log
        log.exception("matching run %s failed", run.pk)
        _fail(run, f"The matching failed unexpectedly ({type(exc).__name__}); see the log.")
    run.refresh_from_db()
    return run


def _fail(run: MatchRun, message: str) -> None:
    MatchRun.objects.filter(pk=run.pk).update(
        status=MatchRun.Status.FAILED,
        error=message,
        stage="Failed",
        finished_at=clock.now(),
        lease_until=None,
    )


def _compute(run: MatchRun, step: Callable[[int, str], None]) -> _Outcome:
    program = run.program
    out = _Outcome()
    step(5, "Reading profiles")
    try:
        pp = program_problem(
            program=program,
            weights=run.weights,
            constraints=run.constraints,
            do_not_pair=_do_not_pair(program),
        )
    except EmptyProblem as exc:
        out.mentees, out.mentors = len(exc.mentees), len(exc.mentors)
        out.unmatched = [
            UnmatchedMentee(run=run, mentee=m, code="no_mentors", params={})
            for m in exc.mentees
        ]
        return out
    n, m = pp.problem.n, pp.problem.m
    out.mentees, out.mentors, out.places = n, m, int(pp.capacities.sum())
    step(20, f"Scoring {n:,} × {m:,} pairs")
    cand = build_candidates(pp.problem)
    step(55, "Finding the best assignment")
    locked = _honourable_pins(pp, out.notes)
    result = solve(
        cand.scores,
        pp.capacities,
        locked=locked,
        forbidden=pp.forbidden,
        objective=run.objective,
        mentee_ids=[u.pk for u in pp.mentees],
        mentor_ids=[u.pk for u in pp.mentors],
    )
    out.bound = float(result.bound)
    try:
        out.path_fit = path_fit(pp.problem, result.mentor_of, pp.capacities).as_dict()
    except ValueError:  # too many path-fitting pairs to count exactly: figures left out
        out.path_fit = {}
    step(80, f"Explaining {result.matched:,} pairs")
    pairs = np.asarray(result.pairs(), dtype=np.int64).reshape(-1, 2)
    pinned = {(int(a), int(b)) for a, b in locked}
    for ex in explain_pairs(pp.problem, pairs):
        out.pairs.append(
            DraftPair(
                run=run,
                mentee=pp.mentees[ex.mentee],
                mentor=pp.mentors[ex.mentor],
                score=float(ex.score),
                contributions=contributions_json(ex),
                pinned=(ex.mentee, ex.mentor) in pinned,
            )
        )
    for un in why_unmatched(pp.problem, result, pp.capacities, cand):
        out.unmatched.append(
            UnmatchedMentee(
                run=run,
                mentee=pp.mentees[un.mentee],
                code=un.code,
                params=unmatched_params(pp, un),
                allowed_mentors=un.allowed_mentors,
                eliminated=dict(un.eliminated),
            )
        )
    step(92, "Saving the draft")
    return out


def unmatched_params(pp: ProgramProblem, un: Unmatched) -> dict[str, Any]:
    """What the reason of an unmatched mentee names: counts, their target role and the closest
    mentors the fit floor turned away (name, current role, score out of 100)."""
    from mentora.matching.reasons import people_name

    profile = pp.mentees[un.mentee].profile
    closest = []
    for j, score in un.closest:
        mentor = pp.mentors[j]
        p = getattr(mentor, "profile", None)
        closest.append({
            "id": mentor.pk,
            "name": people_name(mentor),
            "role": (p.current_role or p.job_title) if p else "",
            "score": score_100(score),
        })
    return {
        "eliminated": dict(un.eliminated),
        "room": un.room,
        "target": profile.target_role,
        "closest": closest,
    }


# "Do not pair us again" is a choice people make in recommendations (above matching), which
# answers from its AppConfig.ready(): the pairs of user ids among those given.
do_not_pair_user_pairs: Hook[[Iterable[int]], set[tuple[int, int]]] = Hook(
    "matching.do_not_pair_user_pairs", default=lambda user_ids: set()
)


def _do_not_pair(program: Program) -> set[tuple[int, int]]:
    """People who asked never to be paired again ("do not pair us again", recommendations)."""
    ids = Enrollment.objects.approved().filter(program=program).values_list("user_id", flat=True)
    return do_not_pair_user_pairs(ids)


def _honourable_pins(pp: ProgramProblem, notes: list[str]) -> np.ndarray:
    """Pins the solver can keep: no more per mentor than their free places (first pinned first)."""
    left = pp.capacities.copy()
    keep = []
    for i, j in pp.locked.tolist():
        if left[j] > 0:
            left[j] -= 1
            keep.append((i, j))
        else:
            notes.append(
                f"Pin of {pp.mentees[i]} with {pp.mentors[j]} not kept: "
                f"{pp.mentors[j]} has no free place."
            )
    return np.asarray(keep, dtype=np.int64).reshape(-1, 2)


@transaction.atomic
def _save(run: MatchRun, outcome: _Outcome, *, now: datetime) -> None:
    owned = MatchRun.objects.select_for_update(no_key=True).filter(
        pk=run.pk, claim_token=run.claim_token
    )
    if not owned.exists():  # our lease expired and another worker re-ran it
        return
    DraftPair.objects.filter(run=run).delete()
    UnmatchedMentee.objects.filter(run=run).delete()
    DraftPair.objects.bulk_create(outcome.pairs, batch_size=500)
    UnmatchedMentee.objects.bulk_create(outcome.unmatched, batch_size=500)
    scores = [p.score for p in outcome.pairs]
    MatchRun.objects.filter(pk=run.pk).update(
        status=MatchRun.Status.DONE,
        progress=100,
        stage="Done",
        finished_at=now,
        lease_until=None,
        mentees_count=outcome.mentees,
        mentors_count=outcome.mentors,
        places_count=outcome.places,
        matched_count=len(scores),
        total_score=float(sum(scores)),
        min_score=min(scores) if scores else None,
        bound=outcome.bound,
        notes=outcome.notes,
        path_fit=outcome.path_fit,
    )


def draft_refresh(*, draft: MatchRun, now: datetime | None = None) -> bool:
    """Recompute an open draft in place with the program's current rules (after a pin, a
    forbid or a move), keeping its number and settings. Programs too large to solve within a
    request are left as they are (their page says to run the matching again); returns whether
    the draft was refreshed."""
    approved = Enrollment.objects.approved().filter(program=draft.program_id)
    if approved.mentees().count() * approved.mentors().count() > PREVIEW_SYNC_PAIRS:
        MatchRun.objects.filter(pk=draft.pk).update(
            notes=[*draft.notes, "Pins and forbids changed: run the matching again to apply them."]
        )
        return False
    moved = dict(
        DraftPair.objects.filter(run=draft, moved_from_score__isnull=False)
        .values_list("mentee_id", "moved_from_score")
    )
    outcome = _compute(draft, lambda percent, stage: None)
    for pair in outcome.pairs:
        pair.moved_from_score = moved.get(pair.mentee.pk)
    _save(draft, outcome, now=now or clock.now())
    return True


def matchrun_claim(*, now: datetime | None = None) -> MatchRun | None:
    """Claim the oldest queued run (or one whose worker died) under a lease, atomically."""
    now = now or clock.now()
    claimable = MatchRun.objects.filter(
        Q(status=MatchRun.Status.QUEUED) | Q(status=MatchRun.Status.RUNNING, lease_until__lt=now)
    )
    _token, runs = queue.claim(
        claimable,
        now=now,
        lease=LEASE,
        batch=1,
        order_by=("created_at", "pk"),
        set_fields={"status": MatchRun.Status.RUNNING, "started_at": now, "stage": "Starting"},
        select_related=("program",),
    )
    return runs[0] if runs else None


def matchruns_process(*, now: datetime | None = None, limit: int = 5) -> int:
    """One worker pass: claim and execute queued runs; returns how many ran."""
    done = 0
    while done < limit:
        run = matchrun_claim(now=now)
        if run is None:
            break
        matchrun_execute(run=run)
        done += 1
    return done


# ------------------------------------------------------------------------------ what-if


def whatif_preview(
    *,
    program: Program,
    by: Any,
    weights: dict | None = None,
    constraints: dict | None = None,
    objective: str = "total",
    now: datetime | None = None,
) -> MatchRun:
    """A what-if draft with other weights or constraints, not replacing the current draft.

    Small programs are computed in the request; larger ones are queued for the worker.
    """
    run = matchrun_start(
        program=program,
        by=by,
        weights=weights,
        constraints=constraints,
        purpose=MatchRun.Purpose.PREVIEW,
        objective=objective,
        now=now,
    )
    approved = Enrollment.objects.approved().filter(program=program)
    size = approved.mentees().count() * approved.mentors().count()
    if size <= PREVIEW_SYNC_PAIRS:
        run = matchrun_execute(run=run, now=now)
    return run


@transaction.atomic
def whatif_adopt(*, run: MatchRun, by: Any, now: datetime | None = None) -> MatchRun:
    """Save a preview's weights and constraints on the program and make it the current draft."""
    program = Program.objects.select_for_update(no_key=True).get(pk=run.program_id)
    _require_manager(by, program)
    if run.purpose != MatchRun.Purpose.PREVIEW or run.status != MatchRun.Status.DONE:
        raise DomainError("Only a finished what-if preview can be adopted.", code="conflict")
    newer = MatchRun.objects.drafts().filter(program=program, created_at__gt=run.created_at)
    if newer.exists():
        raise DomainError(
            "A newer draft exists; preview the change again before adopting it.", code="conflict"
        )
    defaults = resolve_settings(_Blank())  # type: ignore[arg-type]
    program.match_weights = _changed(run.weights, defaults[2])
    program.match_constraints = _changed(run.constraints, defaults[3])
    program.save(update_fields=["match_weights", "match_constraints"])
    run.purpose = MatchRun.Purpose.RUN
    run.number = _next_number(program)
    run.save(update_fields=["purpose", "number"])
    return run


class _Blank:
    """A program with no saved weights or constraints (to read the engine defaults)."""

    match_weights: dict = {}
    match_constraints: dict = {}


def _changed(used: dict, defaults: dict) -> dict:
    return {k: v for k, v in used.items() if defaults.get(k) != v}
