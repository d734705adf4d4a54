"""A program manager nudges a stalled pair: one friendly email to each, logged."""

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


@transaction.atomic
def relationship_nudge(
    *, relationship: Relationship, by: Any, note: str = "", now: datetime | None = None
) -> int:
    """Email both people a reminder to meet; at most one nudge per relationship per day."""
    now = now or clock.now()
    note = (note or "").strip()[:500]
    if not perms.can_nudge(by, relationship):
        raise DomainError("Only the program's managers can nudge a pair.", code="forbidden")
    if relationship.status != Relationship.Status.ACTIVE:
        raise DomainError("Only active relationships can be nudged.", code="conflict")
    last = (
        relationship.events.filter(action="nudged", at__gt=now - timedelta(days=1))
        .order_by("-at")
        .first()
    )
    if last is not None:
        raise DomainError(
            f"Both were nudged less than a day ago ({last.at:%-d %b %H:%M} UTC); "
            "one reminder a day is enough.",
            code="conflict",
        )
    page = absolute(reverse("relationships:detail", args=[relationship.pk]))
    for person in (relationship.mentee, relationship.mentor):
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
    return 2
