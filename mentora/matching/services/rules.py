"""A manager's pins and forbids."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from django.db import transaction

from mentora.lib import clock
from mentora.lib.errors import DomainError
from mentora.matching.models import (
    DraftPair,
    MatchRule,
    MatchRun,
)
from mentora.matching.services.runs import _require_manager, draft_refresh
from mentora.programs.models import Enrollment, Program

log = logging.getLogger(__name__)


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
    refresh: bool = True,
    now: datetime | None = None,
) -> MatchRule:
    """Pin (always pair) or forbid (never pair) a mentee and a mentor in a program.

    A mentee has at most one pin: pinning them again replaces it. Pin and forbid of the same
    pair replace each other. The open draft refreshes itself (``draft_refresh``) so it never
    shows a forbidden pair or misses a pin.
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
        if refresh:
            draft_refresh(draft=draft)
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
    if draft is not None:
        draft_refresh(draft=draft)


def _open_draft(program: Program) -> MatchRun | None:
    draft = MatchRun.objects.drafts().filter(program=program).first()
    return draft if draft is not None and draft.published_at is None else None


PRIORITIES = {"as_many": "Match as many as possible", "good_fits": "Match only good fits"}


def _whole(value: Any, name: str, label: str, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int | float) or float(value) != int(value):
        raise DomainError(f"{label} must be a whole number from 0 to {high}.", field=name)
    if not 0 <= int(value) <= high:
        raise DomainError(f"{label} must be from 0 to {high}.", field=name)
    return int(value)


@transaction.atomic
def matchpriority_set(
    *,
    program: Program,
    by: Any,
    priority: str,
    floor_role: bool = True,
    floor_skills: int = 0,
    min_score: int = 0,
) -> dict[str, Any]:
    """Choose what a program's matching puts first: as many pairs as possible, or only pairs
    above a fit floor (the mentor held the mentee's target role, a related role or one in its
    family; and/or shares ``floor_skills`` wanted skills; and/or scores ``min_score`` of 100).

    Saved on the program; the next run uses it. Returns the program's saved constraints.
    """
    _require_manager(by, program)
    if priority not in PRIORITIES:
        raise DomainError(
            "Priority must be “as_many” (match as many as possible) or “good_fits” (match only "
            "good fits).",
            field="priority",
        )
    if not isinstance(floor_role, bool):
        raise DomainError("Count a related career role must be true or false.", field="floor_role")
    skills = _whole(floor_skills, "floor_skills", "Shared skills", 20)
    score = _whole(min_score, "min_score", "The minimum score", 100)
    good = priority == "good_fits"
    if good and not (floor_role or skills or score):
        raise DomainError(
            "“Match only good fits” needs a fit floor: count a related career role, a number of "
            "shared skills, or a minimum score.",
            field="priority",
        )
    locked = Program.objects.select_for_update(no_key=True).get(pk=program.pk)
    saved = dict(locked.match_constraints or {})
    for key in ("fit_floor", "floor_role", "floor_skills", "min_score"):
        saved.pop(key, None)
    if good:
        saved.update(fit_floor=True, floor_role=floor_role, floor_skills=skills,
                     min_score=score / 100)
    locked.match_constraints = saved
    locked.save(update_fields=["match_constraints"])
    program.match_constraints = saved  # the caller's object reads the same
    return saved


def priority_of(constraints: dict[str, Any]) -> dict[str, Any]:
    """A program's (or a run's) priority and fit floor as people set them (score of 100)."""
    good = bool(constraints.get("fit_floor"))
    return {
        "priority": "good_fits" if good else "as_many",
        "label": PRIORITIES["good_fits" if good else "as_many"],
        "floor_role": bool(constraints.get("floor_role", True)) if good else False,
        "floor_skills": int(constraints.get("floor_skills", 0)) if good else 0,
        "min_score": round(float(constraints.get("min_score", 0.0)) * 100) if good else 0,
    }
