"""Matching workbench: start and execute runs, pins and forbids, moves, what-if, publish."""

from __future__ import annotations

import logging
import uuid
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import numpy as np
from django.db import IntegrityError, transaction
from django.db.models import Count, Min, Q, Sum
from django.urls import reverse

from mentora.lib import clock
from mentora.lib.errors import DomainError
from mentora.matching.engine import (
    Explanation,
    build_candidates,
    explain_pairs,
    solve,
    why_unmatched,
)
from mentora.matching.features import (
    EmptyProblem,
    ProgramProblem,
    program_problem,
    resolve_settings,
)
from mentora.matching.models import (
    DraftPair,
    MatchExplanation,
    MatchRule,
    MatchRun,
    UnmatchedMentee,
)
from mentora.matching.permissions import can_use_workbench
from mentora.matching.scores import score_text
from mentora.matching.wording import contributions_for
from mentora.programs.models import Enrollment, Program

log = logging.getLogger(__name__)

LEASE = timedelta(minutes=15)
# What-if previews of programs up to this many mentee x mentor pairs run in the request;
# larger ones go to the worker like any run (the page polls for them).
PREVIEW_SYNC_PAIRS = 250_000

FACTOR_LABELS = {
    "role": "Career role",
    "skills": "Skills",
    "text": "Goals ↔ experience",
    "style": "Style",
    "personality": "Personality",
    "experience": "Experience",
    "availability": "Availability",
    "meeting_format": "Meeting format",
    "preference": "Preference",
    "cross_department": "Other department",
}

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
            "label": FACTOR_LABELS.get(c.factor, c.factor),
            "weight": round(c.weight, 6),
            "value": round(c.value, 6),
            "contribution": round(c.contribution, 6),
            "reason": c.reason,
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
            UnmatchedMentee(run=run, mentee=m, code="no_mentors", reason=str(exc))
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
                reason=un.text,
                allowed_mentors=un.allowed_mentors,
                eliminated=dict(un.eliminated),
            )
        )
    step(92, "Saving the draft")
    return out


def _do_not_pair(program: Program) -> set[tuple[int, int]]:
    """People who asked never to be paired again ("do not pair us again", recommendations)."""
    from mentora.recommendations.selectors import do_not_pair_user_pairs

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
    )


def matchrun_claim(*, now: datetime | None = None) -> MatchRun | None:
    """Claim the oldest queued run (or one whose worker died) under a lease, atomically."""
    now = now or clock.now()
    claimable = MatchRun.objects.filter(
        Q(status=MatchRun.Status.QUEUED) | Q(status=MatchRun.Status.RUNNING, lease_until__lt=now)
    ).order_by("created_at", "pk")
    for candidate in claimable.values_list("pk", flat=True)[:5]:
        token = uuid.uuid4().hex
        # The conditional UPDATE re-checks claimability: two workers never take one run.
        taken = (
            MatchRun.objects.filter(pk=candidate)
            .filter(
                Q(status=MatchRun.Status.QUEUED)
                | Q(status=MatchRun.Status.RUNNING, lease_until__lt=now)
            )
            .update(
                status=MatchRun.Status.RUNNING,
                claim_token=token,
                started_at=now,
                lease_until=now + LEASE,
                stage="Starting",
            )
        )
        if taken:
            return MatchRun.objects.select_related("program").get(pk=candidate)
    return None


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


# ------------------------------------------------------------------------------ rules


def _approved(program: Program, user: Any, role: str) -> bool:
    return Enrollment.objects.approved().filter(program=program, user=user, role=role).exists()


@transaction.atomic
def matchrule_set(
    *,
    program: Program,
    mentee: Any,
    mentor: Any,
    kind: str,
    by: Any,
    note: str = "",
    now: datetime | None = None,
) -> MatchRule:
    """Pin (always pair) or forbid (never pair) a mentee and a mentor in a program.

    A mentee has at most one pin: pinning them again replaces it. Pin and forbid of the same
    pair replace each other.
    """
    now = now or clock.now()
    _require_manager(by, program)
    if kind not in MatchRule.Kind.values:
        raise DomainError("Kind must be “pin” or “forbid”.", field="kind")
    if mentee.pk == mentor.pk:
        raise DomainError("A person cannot be paired with themselves.", field="mentor")
    if not _approved(program, mentee, Enrollment.Role.MENTEE):
        raise DomainError(
            f"{mentee} is not enrolled as a {program.mentee_label} in {program}.", field="mentee"
        )
    if not _approved(program, mentor, Enrollment.Role.MENTOR):
        raise DomainError(
            f"{mentor} is not enrolled as a {program.mentor_label} in {program}.", field="mentor"
        )
    if len(note) > 300:
        raise DomainError("The note is limited to 300 characters.", field="note")
    if kind == MatchRule.Kind.PIN:
        MatchRule.objects.filter(program=program, mentee=mentee, kind=MatchRule.Kind.PIN).exclude(
            mentor=mentor
        ).delete()
    rule, _ = MatchRule.objects.update_or_create(
        program=program,
        mentee=mentee,
        mentor=mentor,
        defaults={"kind": kind, "note": note.strip(), "created_by": by, "created_at": now},
    )
    draft = _open_draft(program)
    if draft is not None:
        DraftPair.objects.filter(run=draft, mentee=mentee).update(pinned=False)
        if kind == MatchRule.Kind.PIN:
            DraftPair.objects.filter(run=draft, mentee=mentee, mentor=mentor).update(pinned=True)
    return rule


@transaction.atomic
def matchrule_delete(*, rule: MatchRule, by: Any) -> None:
    """Remove a pin or a forbid."""
    _require_manager(by, rule.program)
    draft = _open_draft(rule.program)
    if draft is not None and rule.kind == MatchRule.Kind.PIN:
        DraftPair.objects.filter(run=draft, mentee=rule.mentee_id, mentor=rule.mentor_id).update(
            pinned=False
        )
    rule.delete()


def _open_draft(program: Program) -> MatchRun | None:
    draft = MatchRun.objects.drafts().filter(program=program).first()
    return draft if draft is not None and draft.published_at is None else None


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
    matchrule_set(program=program, mentee=mentee, mentor=mentor, kind=MatchRule.Kind.PIN, by=by)
    _refresh_totals(draft)
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
    run.save(update_fields=["purpose"])
    return run


class _Blank:
    """A program with no saved weights or constraints (to read the engine defaults)."""

    match_weights: dict = {}
    match_constraints: dict = {}


def _changed(used: dict, defaults: dict) -> dict:
    return {k: v for k, v in used.items() if defaults.get(k) != v}


# ------------------------------------------------------------------------------ publish


@dataclass
class PublishReport:
    """What publishing created."""

    run: MatchRun
    created: int = 0
    mode: str = ""
    relationships: list[Any] = field(default_factory=list)


def _reasons(contributions: Iterable[dict[str, Any]], limit: int = 4) -> list[str]:
    return [c["reason"] for c in list(contributions)[:limit] if c["contribution"] > 0]


@transaction.atomic
def draft_publish(*, program: Program, by: Any, now: datetime | None = None) -> PublishReport:
    """Create the draft's relationships (requests, or directly active) and tell each person why.

    All or nothing: if one pair can no longer be created (someone found a mentor meanwhile,
    a mentor left or is full), nothing is published and the message names the pair. The
    program row is locked so two publishes of one program run one after the other.
    """
    from mentora.notifications.links import absolute
    from mentora.notifications.messages import notify
    from mentora.relationships.services.lifecycle import (
        relationship_accept,
        relationship_request,
        relationship_start,
    )

    now = now or clock.now()
    _require_manager(by, program)
    program = Program.objects.select_for_update(no_key=True).get(pk=program.pk)
    draft = MatchRun.objects.drafts().filter(program=program).first()
    if draft is None:
        raise DomainError(
            f"{program} has no draft to publish: run the matching first.", code="conflict"
        )
    draft = MatchRun.objects.select_for_update(no_key=True).get(pk=draft.pk)
    if draft.published_at is not None:
        raise DomainError(
            f"This draft was already published on {draft.published_at:%-d %b %Y %H:%M} UTC.",
            code="conflict",
        )
    pairs = list(draft.pairs.select_related("mentee", "mentor").order_by("-score", "pk"))
    if not pairs:
        raise DomainError("The draft has no pairs to publish.", code="conflict")
    active = program.publish_mode == Program.PublishMode.ACTIVE
    report = PublishReport(run=draft, mode=program.publish_mode)
    for pair in pairs:
        try:
            rel = relationship_request(
                program=program,
                mentee=pair.mentee,
                mentor=pair.mentor,
                by=by,
                message=f"Matched by {program} (score {score_text(pair.score)}).",
                now=now,
            )
            if active:
                relationship_accept(relationship=rel, by=by, now=now)
                relationship_start(relationship=rel, by=by, now=now)
        except DomainError as exc:
            raise DomainError(
                f"Could not publish {pair.mentee} with {pair.mentor}: {exc.message} "
                "Nothing was published; run the matching again for a fresh draft.",
                field="draft",
                code="conflict",
            ) from exc
        MatchExplanation.objects.create(
            relationship=rel,
            run=draft,
            score=pair.score,
            contributions=pair.contributions,
            pinned=pair.pinned,
            created_at=now,
        )
        page = absolute(reverse("relationships:detail", args=[rel.pk]))
        reasons = {
            pair.mentee_id: _reasons(pair.contributions),
            pair.mentor_id: _reasons(
                contributions_for(
                    pair.contributions, mentor_side=True, mentee_name=pair.mentee.get_short_name()
                )
            ),
        }
        for person, other, role in (
            (pair.mentee, pair.mentor, program.mentor_label),
            (pair.mentor, pair.mentee, program.mentee_label),
        ):
            notify(
                to=person,
                kind="matching.match",
                context={
                    "program": program,
                    "other": other,
                    "role": role,
                    "reasons": reasons[person.pk],
                    "is_mentee": person == pair.mentee,
                    "active": active,
                    "page": page,
                },
                dedupe_key=f"match:{draft.pk}:{rel.pk}:{person.pk}",
                now=now,
            )
        report.relationships.append(rel)
    report.created = len(report.relationships)
    draft.published_at = now
    draft.published_by = by
    draft.publish_report = {"created": report.created, "mode": report.mode}
    draft.save(update_fields=["published_at", "published_by", "publish_report"])
    from mentora.audit.services import audit_record
    from mentora.integrations import payloads as webhook_payloads
    from mentora.integrations.services import webhook_emit

    audit_record(
        actor=by,
        action="matching.publish",
        target_type="programs.program",
        target_id=program.pk,
        details={"run": draft.pk, "pairs": report.created, "mode": report.mode},
    )
    created = list(report.relationships)
    webhook_emit(
        event="match.published",
        payload=lambda: webhook_payloads.match_published(
            program_obj=program, relationships=created
        ),
        now=now,
    )
    return report


__all__ = [
    "FACTOR_LABELS",
    "MoveOption",
    "MoveResult",
    "PublishReport",
    "contributions_json",
    "draft_move",
    "draft_publish",
    "matchrule_delete",
    "matchrule_set",
    "matchrun_claim",
    "matchrun_execute",
    "matchrun_start",
    "matchruns_process",
    "move_options",
    "whatif_adopt",
    "whatif_preview",
]
