"""The monthly summary email to program managers: the dashboard's and the outcome report's
first lines, once a month per program and manager (the worker calls it on every reminder
pass; the dedupe key makes the first pass of a month the one that sends)."""

from __future__ import annotations

from datetime import datetime

from django.urls import reverse

from mentora.notifications.links import absolute
from mentora.notifications.messages import notify
from mentora.notifications.models import OutboxMessage
from mentora.outcomes.snapshots import report_for
from mentora.outcomes.tables import Report
from mentora.programs.models import Program

KIND = "outcomes.monthly_summary"


def _key(month: str, program_id: int, manager_id: int) -> str:
    return f"monthly-summary:{month}:{program_id}:{manager_id}"


def outcomes_monthly_summaries_send(*, now: datetime) -> int:
    """Queue this month's summary to every manager of every open or closed program who has
    not had it yet; returns how many were queued."""
    month = f"{now:%Y-%m}"
    sent_already = set(
        OutboxMessage.objects.filter(
            kind=KIND, dedupe_key__startswith=f"monthly-summary:{month}:"
        ).values_list("dedupe_key", flat=True)
    )
    programs = (
        Program.objects.filter(status__in=[Program.Status.OPEN, Program.Status.CLOSED])
        .prefetch_related("managers")
        .order_by("pk")
    )
    queued = 0
    for program in programs:
        managers = [
            m for m in program.managers.all()
            if m.is_active and _key(month, program.pk, m.pk) not in sent_already
        ]
        if not managers:
            continue
        dashboard: Report = report_for(program, kind="dashboard", now=now)
        outcomes: Report = report_for(program, kind="outcomes", now=now)
        context = {
            "program": program,
            "month": f"{now:%B %Y}",
            "dashboard_lines": dashboard.extras.get("summary", []),
            "outcome_lines": outcomes.extras.get("summary", []),
            "dashboard_url": absolute(reverse("outcomes:dashboard", args=[program.slug])),
            "outcomes_url": absolute(reverse("outcomes:outcomes", args=[program.slug])),
        }
        for manager in managers:
            notify(kind=KIND, to=manager, context=context,
                   dedupe_key=_key(month, program.pk, manager.pk), now=now)
            queued += 1
    return queued
