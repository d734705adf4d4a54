"""Reading the audit log with the filters the page and the API share."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from mentora.audit.models import AuditEntry
from mentora.programs.models import Program


def audit_entries(
    *,
    action: str = "",
    actor: str = "",
    target_type: str = "",
    target_id: str = "",
    program: str = "",
    since: date | None = None,
    until: date | None = None,
) -> QuerySet[AuditEntry]:
    """Entries newest first, filtered; `actor` matches the actor's email or name (contains)."""
    entries = AuditEntry.objects.select_related("actor").order_by("-at", "-pk")
    if action:
        entries = entries.filter(action=action)
    if actor:
        entries = entries.filter(actor__email__icontains=actor) | entries.filter(
            actor__full_name__icontains=actor
        )
    if target_type:
        entries = entries.filter(target_type=target_type)
    if target_id:
        entries = entries.filter(target_id=target_id)
    if program:
        # By the program's address: entries about it (target) however old they are.
        ids = [str(pk) for pk in Program.objects.filter(slug=program).values_list("pk", flat=True)]
        entries = entries.filter(target_type="programs.program", target_id__in=ids)
    if since:
        entries = entries.filter(at__gte=_start_of(since))
    if until:
        entries = entries.filter(at__lt=_start_of(until) + timedelta(days=1))
    return entries


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min), timezone.get_current_timezone())


def actor_label(entry: Any) -> str:
    """How exports name who did it."""
    if entry.actor_id is None:
        return "command line or worker"
    return f"{entry.actor.full_name} <{entry.actor.email}>"
