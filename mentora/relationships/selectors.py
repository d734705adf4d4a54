"""Reads that span relationship models: lists, a meeting's actions, upcoming meetings."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.db.models import Max, OuterRef, Q, QuerySet, Subquery

from mentora.programs.models import Program
from mentora.relationships import permissions as perms
from mentora.relationships.health import stuck_days, wrap_up_reason
from mentora.relationships.models import (
    ActionItem,
    Meeting,
    Reflection,
    Relationship,
    RelationshipEvent,
    RematchRequest,
    SharedNote,
)
from mentora.relationships.workspace import NextStep, next_step


def relationships_for(user: Any) -> QuerySet[Relationship]:
    """Relationships a person may open, with what list pages show, newest first."""
    return (
        perms.visible_relationships(user)
        .select_related("program", "mentee", "mentor", "agreement")
        .order_by("-requested_at", "-pk")
    )


def meeting_actions(*, meeting: Meeting) -> QuerySet[ActionItem]:
    """A meeting's actions: those added at it, every open one carried over from before it,
    and those done since the previous meeting (so the pair can review them)."""
    previous = (
        Meeting.objects.scheduled()
        .filter(relationship_id=meeting.relationship_id, starts_at__lt=meeting.starts_at)
        .order_by("-starts_at")
        .values_list("starts_at", flat=True)
        .first()
    )
    before = Q(created_at__lte=meeting.starts_at)
    done_since = Q(status=ActionItem.Status.DONE) & before
    if previous is not None:
        done_since &= Q(done_at__gte=previous)
    return (
        ActionItem.objects.filter(relationship_id=meeting.relationship_id)
        .filter(Q(meeting=meeting) | (Q(status=ActionItem.Status.OPEN) & before) | done_since)
        .select_related("owner")
        .order_by("status", "due_on", "pk")
    )


def program_relationships(*, program: Program, now: datetime) -> list[Relationship]:
    """A program's ongoing relationships with their health, stalled and red first."""
    from mentora.relationships.health import LEVELS, health_of, with_health_data

    rows = list(
        with_last_nudge(
            with_health_data(
                Relationship.objects.live()
                .filter(program=program)
                .select_related("program", "mentee", "mentor", "agreement"),
                now=now,
            )
        )
    )
    for row in rows:
        row.health = health_of(row, now=now)  # type: ignore[attr-defined]
        # Stuck in Requested or Accepted: the row says who is waiting and offers the nudge.
        row.stuck = row.health.stalled and row.status != Relationship.Status.ACTIVE  # type: ignore[attr-defined]
        _nudge_days(row, now)
    rows.sort(
        key=lambda r: (
            not r.health.stalled,  # type: ignore[attr-defined]
            -LEVELS.index(r.health.level),  # type: ignore[attr-defined]
            -r.health.days_silent,  # type: ignore[attr-defined]
            r.pk,
        )
    )
    return rows


def with_last_nudge(queryset: QuerySet[Relationship]) -> QuerySet[Relationship]:
    """Annotate ``last_nudged_at``: when a manager last nudged the pair (one subquery)."""
    last = (
        RelationshipEvent.objects.filter(relationship=OuterRef("pk"), action="nudged")
        .order_by()
        .values("relationship")
        .annotate(at=Max("at"))
        .values("at")
    )
    return queryset.annotate(last_nudged_at=Subquery(last))


def _nudge_days(row: Relationship, now: datetime) -> None:
    at = getattr(row, "last_nudged_at", None)
    row.nudged_days = None if at is None else max((now - at).days, 0)  # type: ignore[attr-defined]


def _stuck(*, programs: QuerySet[Program], now: datetime) -> list[Relationship]:
    """Pairs waiting in Requested (no answer) or Accepted (not started) beyond stuck_days."""
    from mentora.relationships.health import health_of, with_health_data

    since = now - timedelta(days=stuck_days())
    rows = list(
        with_last_nudge(
            with_health_data(
                Relationship.objects.filter(program__in=programs)
                .filter(
                    Q(status=Relationship.Status.REQUESTED, requested_at__lte=since)
                    | Q(status=Relationship.Status.ACCEPTED, accepted_at__lte=since)
                )
                .select_related("program", "mentee", "mentor", "agreement"),
                now=now,
            )
        )
    )
    for row in rows:
        row.health = health_of(row, now=now)  # type: ignore[attr-defined]
        row.stuck = True  # type: ignore[attr-defined]
        _nudge_days(row, now)
    return rows


def stalled_relationships(*, programs: QuerySet[Program], now: datetime) -> list[Relationship]:
    """Pairs that need a manager: active ones with no activity for MENTORA_STALLED_DAYS, and
    ones stuck in Requested or Accepted for MENTORA_STUCK_DAYS; the longest waiting first."""
    from mentora.relationships.health import health_of, stalled_days, with_health_data

    # Cheap pre-filter in SQL (quiet since the threshold); health_of decides with meetings too.
    since = now - timedelta(days=stalled_days())
    rows = list(
        with_last_nudge(
            with_health_data(
                Relationship.objects.active()
                .filter(program__in=programs, last_activity_at__lte=since)
                .select_related("program", "mentee", "mentor", "agreement")
                .order_by("last_activity_at", "pk"),
                now=now,
            )
        )
    )
    for row in rows:
        row.health = health_of(row, now=now)  # type: ignore[attr-defined]
        _nudge_days(row, now)
    silent = [row for row in rows if row.health.stalled]  # type: ignore[attr-defined]
    found = silent + _stuck(programs=programs, now=now)
    found.sort(key=lambda r: (-r.health.days_silent, r.pk))  # type: ignore[attr-defined]
    return found


def rematch_queue(*, program: Program, handled: bool = False) -> QuerySet[RematchRequest]:
    """A program's rematch requests: waiting (oldest first) or handled (newest first)."""
    queue = RematchRequest.objects.filter(program=program, resolved_at__isnull=not handled)
    return queue.select_related(
        "program", "mentee", "resolved_by", "relationship__mentor", "relationship__mentee"
    ).order_by(*(["-resolved_at", "-pk"] if handled else ["created_at", "pk"]))


def next_step_for(
    rel: Relationship, *, user: Any, now: datetime
) -> tuple[NextStep, Meeting | None]:
    """The reader's next step in ``rel`` with the last meeting held, read with its own few
    queries: what the relationship page leads with, for the API (the page passes what it has
    loaded already to workspace.next_step)."""
    held = rel.meetings.held(now).count()
    if not perms.can_view_content(user, rel):
        return next_step(
            rel, user=user, now=now, agreement=None, next_meeting=None, next_agenda=0,
            last_held=None, last_held_notes=0, held=held, wrap_up="", wrote_reflection=False,
        ), None
    next_meeting = rel.meetings.upcoming(now).first()
    last_held = rel.meetings.held(now).order_by("-starts_at").first()
    notes = 0
    if last_held is not None:
        notes = (
            SharedNote.objects.filter(meeting=last_held).count()
            + ActionItem.objects.filter(meeting=last_held).count()
        )
    step = next_step(
        rel,
        user=user,
        now=now,
        agreement=getattr(rel, "agreement", None),
        next_meeting=next_meeting,
        next_agenda=next_meeting.agenda_items.count() if next_meeting else 0,
        last_held=last_held,
        last_held_notes=notes,
        held=held,
        wrap_up=wrap_up_reason(rel, held=held, today=now.date()),
        wrote_reflection=rel.is_closed
        and Reflection.objects.filter(relationship=rel, author=user).exists(),
    )
    return step, last_held
