"""People who left the organization (the HRIS import says so): their live relationships end.

People's import asks through its hooks (`mentora.people.importing`); this module answers,
plugged in from relationships' AppConfig.ready(). People emails the other member.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import transaction
from django.db.models import Q

from mentora.lib.bulk import chunked
from mentora.relationships.models import Relationship
from mentora.relationships.services.lifecycle import relationship_decline, relationship_end_early


def live_relationship_counts(user_ids: list[int]) -> dict[int, int]:
    """{user id: live relationships they are in}, for the people about to leave."""
    counts: dict[int, int] = {}
    for chunk in chunked(user_ids):
        wanted = set(chunk)
        rows = Relationship.objects.live().filter(
            Q(mentee_id__in=chunk) | Q(mentor_id__in=chunk)
        ).values_list("mentee_id", "mentor_id")
        for mentee_id, mentor_id in rows:
            for user_id in {mentee_id, mentor_id} & wanted:
                counts[user_id] = counts.get(user_id, 0) + 1
    return counts


@transaction.atomic
def leaver_relationships_end(
    *, leaving: set[int], by: Any, now: datetime
) -> list[tuple[Relationship, Any]]:
    """End the leavers' live relationships; returns each (relationship, the leaver in it).

    A request still waiting for an answer is declined; an accepted, active or paused
    relationship ends early. The reason names the leaver, so the pair's log and the program
    manager's pages tell the story. `by` is the organization admin applying the import.
    """
    done: set[int] = set()
    ended: list[tuple[Relationship, Any]] = []
    for chunk in chunked(sorted(leaving)):
        live = (
            Relationship.objects.live()
            .filter(Q(mentee_id__in=chunk) | Q(mentor_id__in=chunk))
            .select_related("program", "mentee", "mentor")
            .order_by("pk")
        )
        for rel in live:
            if rel.pk in done:  # both people leave, and the other one's chunk ended it
                continue
            done.add(rel.pk)
            person = rel.mentee if rel.mentee_id in leaving else rel.mentor
            reason = f"{person} has left the organization."
            if rel.status == Relationship.Status.REQUESTED:
                relationship_decline(relationship=rel, by=by, reason=reason, now=now)
            else:
                relationship_end_early(relationship=rel, by=by, reason=reason, now=now)
            ended.append((rel, person))
    return ended
