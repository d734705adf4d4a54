"""Action items (owner, due date, status) and asynchronous check-ins between meetings."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.db import transaction

from mentora.lib import clock
from mentora.lib.errors import DomainError
from mentora.relationships import permissions as perms
from mentora.relationships.models import ActionItem, CheckIn, Meeting, Relationship
from mentora.relationships.services.checks import member_check, required_text
from mentora.relationships.services.lifecycle import event_log


@transaction.atomic
def action_item_add(
    *,
    relationship: Relationship,
    by: Any,
    text: str,
    owner: Any,
    due_on: date | None = None,
    meeting: Meeting | None = None,
    now: datetime | None = None,
) -> ActionItem:
    """Either side records something one of them will do, optionally by a date."""
    now = now or clock.now()
    member_check(by, relationship, "add action items")
    if relationship.member_role(owner) is None:
        raise DomainError("The owner must be one of the two people.", field="owner")
    if meeting is not None and meeting.relationship_id != relationship.pk:
        raise DomainError("That meeting belongs to another relationship.", field="meeting")
    item = ActionItem.objects.create(
        relationship=relationship,
        meeting=meeting,
        text=required_text(text, field="text", limit=300),
        owner=owner,
        due_on=due_on,
        created_by=by,
        created_at=now,
    )
    event_log(relationship=relationship, action="action_added", by=by, now=now)
    return item


@transaction.atomic
def action_item_set_status(
    *, item: ActionItem, by: Any, done: bool, now: datetime | None = None
) -> ActionItem:
    """Mark an action done (or open again); also reached from the one-click email link."""
    now = now or clock.now()
    relationship = item.relationship
    if not perms.is_member(by, relationship):
        raise DomainError(
            "Only the two people in this relationship can update its actions.", code="forbidden"
        )
    status = ActionItem.Status.DONE if done else ActionItem.Status.OPEN
    if item.status == status:
        return item
    item.status = status
    item.done_at = now if done else None
    item.save(update_fields=["status", "done_at"])
    event_log(
        relationship=relationship,
        action="action_done" if done else "action_reopened",
        by=by,
        now=now,
    )
    return item


@transaction.atomic
def check_in_create(
    *,
    relationship: Relationship,
    by: Any,
    progress: str,
    confidence: int,
    blockers: str = "",
    next_step: str = "",
    now: datetime | None = None,
) -> CheckIn:
    """Share progress, blockers, confidence (1–5) and the next step between meetings."""
    now = now or clock.now()
    member_check(by, relationship, "check in")
    if not isinstance(confidence, int) or not 1 <= confidence <= 5:
        raise DomainError("Confidence is a number from 1 (low) to 5 (high).", field="confidence")
    check_in = CheckIn.objects.create(
        relationship=relationship,
        author=by,
        progress=required_text(progress, field="progress", limit=5000),
        blockers=(blockers or "").strip()[:5000],
        confidence=confidence,
        next_step=(next_step or "").strip()[:5000],
        created_at=now,
    )
    event_log(relationship=relationship, action="check_in", by=by, now=now)
    return check_in
