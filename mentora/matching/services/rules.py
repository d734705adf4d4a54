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
