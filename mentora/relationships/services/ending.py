"""After the end: each side's final reflection, and the mentee's request to be rematched."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import transaction

from mentora.lib import clock
from mentora.lib.errors import DomainError
from mentora.relationships import permissions as perms
from mentora.relationships.models import Reflection, Relationship, RematchRequest
from mentora.relationships.services.lifecycle import event_log

ENDED = (Relationship.Status.COMPLETED, Relationship.Status.ENDED_EARLY)


@transaction.atomic
def reflection_create(
    *,
    relationship: Relationship,
    by: Any,
    what_went_well: str,
    what_to_improve: str = "",
    now: datetime | None = None,
) -> Reflection:
    """One side's final reflection, once the relationship has ended (one per side)."""
    now = now or clock.now()
    if not perms.is_member(by, relationship):
        raise DomainError(
            "Only the two people in this relationship can reflect on it.", code="forbidden"
        )
    if relationship.status not in ENDED:
        raise DomainError(
            "Reflections are written once the relationship has ended.",
            field="status",
            code="conflict",
        )
    if Reflection.objects.filter(relationship=relationship, author=by).exists():
        raise DomainError("You already wrote your reflection.", code="conflict")
    well = (what_went_well or "").strip()
    if not well:
        raise DomainError("Say what went well.", field="what_went_well")
    reflection = Reflection.objects.create(
        relationship=relationship,
        author=by,
        what_went_well=well[:5000],
        what_to_improve=(what_to_improve or "").strip()[:5000],
        created_at=now,
    )
    event_log(relationship=relationship, action="reflection", by=by, now=now)
    return reflection


@transaction.atomic
def rematch_request_create(
    *, relationship: Relationship, by: Any, note: str = "", now: datetime | None = None
) -> RematchRequest:
    """The mentee asks to be matched again; the row joins the program's rematch queue."""
    now = now or clock.now()
    if by is None or getattr(by, "pk", None) != relationship.mentee_id:
        raise DomainError(
            f"Only the {relationship.program.mentee_label} can ask for a rematch.", code="forbidden"
        )
    if relationship.status not in ENDED + (
        Relationship.Status.DECLINED,
        Relationship.Status.EXPIRED,
    ):
        raise DomainError(
            "End the relationship before asking for a rematch.", field="status", code="conflict"
        )
    if RematchRequest.objects.filter(relationship=relationship).exists():
        raise DomainError("You already asked to be rematched.", code="conflict")
    request = RematchRequest.objects.create(
        relationship=relationship,
        program=relationship.program,
        mentee=by,
        note=(note or "").strip()[:2000],
        created_at=now,
    )
    event_log(relationship=relationship, action="rematch_requested", by=by, now=now, activity=False)
    return request


@transaction.atomic
def rematch_request_resolve(
    *,
    rematch_request: RematchRequest,
    by: Any,
    resolution: str = "",
    now: datetime | None = None,
) -> RematchRequest:
    """Take a request off the rematch queue (a manager handled it, or a new match was made).

    Matching and recommendations call this with the manager (or the mentee) who made the
    new relationship; `resolution` says what was done and is shown to managers.
    """
    now = now or clock.now()
    locked = (
        RematchRequest.objects.select_for_update(of=("self",))
        .select_related("program", "relationship")
        .get(pk=rematch_request.pk)
    )
    is_mentee = by is not None and getattr(by, "pk", None) == locked.mentee_id
    if not (perms.oversees_program(by, locked.program) or is_mentee):
        raise DomainError(
            f"Only the managers of {locked.program} can handle its rematch queue.",
            code="forbidden",
        )
    if locked.resolved_at is not None:
        raise DomainError(
            f"This request was already handled on {locked.resolved_at:%-d %b %Y}.",
            code="conflict",
        )
    text = (resolution or "").strip()
    if len(text) > 2000:
        raise DomainError("Keep the note under 2000 characters.", field="resolution")
    locked.resolved_at = now
    locked.resolved_by = by
    locked.resolution = text
    locked.save(update_fields=["resolved_at", "resolved_by", "resolution"])
    event_log(
        relationship=locked.relationship,
        action="rematch_handled",
        by=by,
        reason=text,
        now=now,
        activity=False,
    )
    rematch_request.resolved_at, rematch_request.resolved_by = now, by
    rematch_request.resolution = text
    return locked
