"""A program manager nudges a stalled pair: one friendly email to each, logged. A pair stuck in
Requested gets a reminder to the person asked; one stuck in Accepted, a reminder to both to
hold their first meeting."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.urls import reverse

from mentora.lib import clock
from mentora.lib.errors import DomainError
from mentora.notifications.links import absolute
from mentora.notifications.messages import notify
from mentora.notifications.preferences import send_after
from mentora.relationships import permissions as perms
from mentora.relationships.models import Relationship
from mentora.relationships.services.lifecycle import event_log

NUDGEABLE = (
    Relationship.Status.REQUESTED,
    Relationship.Status.ACCEPTED,
    Relationship.Status.ACTIVE,
)


@transaction.atomic
def relationship_nudge(
    *, relationship: Relationship, by: Any, note: str = "", now: datetime | None = None
) -> int:
    """Remind the pair to meet (or the person asked to answer); at most one nudge a day.

    Returns how many people were emailed."""
    now = now or clock.now()
    note = (note or "").strip()[:500]
    if not perms.can_nudge(by, relationship):
        raise DomainError("Only the program's managers can nudge a pair.", code="forbidden")
    if relationship.status not in NUDGEABLE:
        raise DomainError(
            f"This relationship is {relationship.get_status_display().lower()}: only pairs "
            "waiting for an answer, waiting for a first meeting, or active can be nudged.",
            code="conflict",
        )
    last = (
        relationship.events.filter(action="nudged", at__gt=now - timedelta(days=1))
        .order_by("-at")
        .first()
    )
    if last is not None:
        who = (
            f"{relationship.mentor} was"
            if relationship.status == Relationship.Status.REQUESTED
            else "Both were"
        )
        raise DomainError(
            f"{who} nudged less than a day ago ({last.at:%-d %b %H:%M} UTC); "
            "one reminder a day is enough.",
            code="conflict",
        )
    page = absolute(reverse("relationships:detail", args=[relationship.pk]))
    stage = relationship.status
    # An unanswered request waits on the person asked; the one who asked has nothing to do.
    people = (
        (relationship.mentor,)
        if stage == Relationship.Status.REQUESTED
        else (relationship.mentee, relationship.mentor)
    )
    for person in people:
        other = relationship.other_member(person)
        notify(
            to=person,
            kind="relationships.nudge",
            context={
                "by": by,
                "other": other,
                "program": relationship.program,
                "note": note,
                "page": page,
                "stage": stage,
            },
            available_at=send_after(user=person, now=now),
            dedupe_key=f"nudge:{relationship.pk}:{person.pk}:{now.date().isoformat()}",
            now=now,
        )
    # A nudge is not the pair's activity: the relationship stays stalled until they act.
    event_log(
        relationship=relationship,
        action="nudged",
        by=by,
        reason=note,
        now=now,
        activity=False,
    )
    return len(people)
