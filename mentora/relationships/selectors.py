"""Reads that span relationship models: lists, a meeting's actions, upcoming meetings."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db.models import Q, QuerySet

from mentora.relationships import permissions as perms
from mentora.relationships.models import ActionItem, Meeting, Relationship


def relationships_for(user: Any) -> QuerySet[Relationship]:
    """Relationships a person may open, with what list pages show, newest first."""
    return (
        perms.visible_relationships(user)
        .select_related("program", "mentee", "mentor", "agreement")
        .order_by("-requested_at", "-pk")
    )


def meeting_actions(*, meeting: Meeting) -> QuerySet[ActionItem]:
    """A meeting's actions: every open one so far, plus those done since the previous meeting."""
    previous = (
        Meeting.objects.scheduled()
        .filter(relationship_id=meeting.relationship_id, starts_at__lt=meeting.starts_at)
        .order_by("-starts_at")
        .values_list("starts_at", flat=True)
        .first()
    )
    done_since = Q(status=ActionItem.Status.DONE)
    if previous is not None:
        done_since &= Q(done_at__gte=previous)
    return (
        ActionItem.objects.filter(relationship_id=meeting.relationship_id)
        .filter(created_at__lte=meeting.starts_at)
        .filter(Q(status=ActionItem.Status.OPEN) | done_since)
        .select_related("owner")
        .order_by("status", "due_on", "pk")
    )


def upcoming_meetings(*, relationship: Relationship, now: datetime) -> QuerySet[Meeting]:
    return Meeting.objects.upcoming(now).filter(relationship=relationship)
