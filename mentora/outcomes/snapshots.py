"""Program reports computed once and shared: every web process on every machine reads a
program's dashboard and outcome report from one ReportSnapshot row instead of recomputing them
for each viewer (docs/decisions/0007-report-snapshots.md).

A snapshot holds aggregates only and is the same for everyone allowed to open the program's
analytics (outcomes/permissions.py decides that before any snapshot is read). It is recomputed
when it is older than MENTORA_REPORT_MAX_AGE seconds or a service marked it stale (one request
claims the work; the others keep showing the previous figures with their time); it is never
shown when it was computed under other settings (the minimum group size among them), nor after
someone withdrew survey answers.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe

from mentora.lib.errors import DomainError
from mentora.outcomes.models import ReportSnapshot
from mentora.outcomes.stats import Suppressed, min_group_size
from mentora.outcomes.tables import Column, Report, Table
from mentora.programs.models import Program
from mentora.relationships.health import stalled_days

FORMAT = 3  # bump when the stored shape or _table.html changes: older ones are recomputed
DEFAULT_MAX_AGE = 300
CLAIM = timedelta(seconds=120)  # a recompute that died frees its claim after this
AT_RISK_SHOWN = 10
Kind = ReportSnapshot.Kind


def max_age() -> int:
    """Seconds a computed report is shown before it is recomputed (MENTORA_REPORT_MAX_AGE)."""
    value: Any = getattr(settings, "MENTORA_REPORT_MAX_AGE", None)
    return int(DEFAULT_MAX_AGE if value is None else value)


def max_age_problem() -> str | None:
    """What is wrong with the configured MENTORA_REPORT_MAX_AGE, if anything (a system check)."""
    try:
        seconds = max_age()
    except (TypeError, ValueError):
        return "MENTORA_REPORT_MAX_AGE must be a whole number of seconds (default 300)."
    if seconds < 0:
        return f"MENTORA_REPORT_MAX_AGE must be 0 or more seconds (it is {seconds})."
    return None


def settings_key() -> str:
    """The settings the figures depend on; a snapshot computed under others is never shown."""

    return f"format={FORMAT};k={min_group_size()};stalled={stalled_days()}"


# --------------------------------------------------------------------------- stored shape


def _cell_out(cell: Any) -> Any:
    return {"suppressed": cell.k} if isinstance(cell, Suppressed) else cell


def _cell_in(cell: Any) -> Any:
    return Suppressed(cell["suppressed"]) if isinstance(cell, dict) else cell


def _table_out(table: Table, program: Program) -> dict[str, Any]:
    # Rendering a dozen tables costs more than everything else on the page: it is done once
    # here, from the same template, and the pages insert the stored markup.
    shown = replace(table, chart=mark_safe(table.chart))  # built from escaped text in charts.py
    html = render_to_string("outcomes/_table.html", {"table": shown, "program": program})
    return {
        "html": html,
        "key": table.key,
        "title": table.title,
        "columns": [[c.key, c.label] for c in table.columns],
        "rows": [[_cell_out(cell) for cell in row] for row in table.rows],
        "description": table.description,
        "note": table.note,
        "chart": table.chart,
        "headlines": table.headlines,
        "statistics_folded": table.statistics_folded,
    }


def _table_in(data: dict[str, Any]) -> Table:
    return Table(
        data["key"],
        data["title"],
        [Column(key, label) for key, label in data["columns"]],
        [[_cell_in(cell) for cell in row] for row in data["rows"]],
        description=data["description"],
        note=data["note"],
        chart=data["chart"],
        html=data["html"],
        headlines=data.get("headlines", []),
        statistics_folded=data.get("statistics_folded", False),
    )


def _report_out(report: Report, program: Program) -> dict[str, Any]:
    extras: dict[str, Any] = {"min_group_size": report.extras["min_group_size"]}
    if "summary" in report.extras:
        extras["summary"] = report.extras["summary"]
    if "at_risk" in report.extras:
        # Ids and health only: names are read when the page is shown, so a person's new name
        # or erasure is never held back by a snapshot.
        extras["at_risk"] = [
            {
                "pk": rel.pk,
                "url": reverse("relationships:detail", args=[rel.pk]),
                "health": render_to_string("relationships/_health.html", {"health": health}),
            }
            for rel, health in report.extras["at_risk"][:AT_RISK_SHOWN]
        ]
        extras["at_risk_count"] = len(report.extras["at_risk"])
    return {"tables": [_table_out(t, program) for t in report.tables], "extras": extras}


def _report_in(program: Program, snapshot: ReportSnapshot) -> Report:
    return Report(
        program=program,
        tables=[_table_in(t) for t in snapshot.data["tables"]],
        extras=dict(snapshot.data["extras"]),
        computed_at=snapshot.computed_at,
    )


# --------------------------------------------------------------------------- reading


def _compute(program: Program, kind: str, now: datetime) -> Report:
    from mentora.outcomes.selectors import dashboard_report, outcomes_report

    build = dashboard_report if kind == Kind.DASHBOARD else outcomes_report
    return build(program, now=now)


def _stale(snapshot: ReportSnapshot, now: datetime) -> bool:
    if snapshot.computed_at is None or snapshot.computed_version < snapshot.version:
        return True
    # The core's freshness stamp (read with the snapshot: select_related("program")).
    if snapshot.program_version < snapshot.program.figures_version:
        return True
    # abs(): a snapshot "from the future" (a frozen clock, another machine's skew) ages too.
    return abs((now - snapshot.computed_at).total_seconds()) >= max_age()


def _claim(snapshot: ReportSnapshot, now: datetime) -> bool:
    """Whether this process recomputes a stale snapshot (the others show it meanwhile)."""
    claimed = (
        ReportSnapshot.objects.filter(pk=snapshot.pk)
        .filter(Q(refreshing_until__isnull=True) | Q(refreshing_until__lte=now))
        .update(refreshing_until=now + CLAIM)
    )
    return claimed == 1


def program_snapshot(slug: str, kind: str) -> tuple[Program | None, ReportSnapshot | None]:
    """A program and its stored report in one query (the pages' hot path). Nothing of the
    snapshot may be shown before outcomes.permissions allowed the viewer."""
    snapshot = (
        ReportSnapshot.objects.select_related("program")
        .filter(program__slug=slug, kind=kind)
        .first()
    )
    if snapshot is not None:
        return snapshot.program, snapshot
    return Program.objects.filter(slug=slug).first(), None


def report_for(program: Program, *, kind: str, now: datetime) -> Report:
    """The program's dashboard or outcome report as last computed, recomputed first if stale.

    Call only after outcomes.permissions.can_view_analytics allowed the viewer.
    """
    snapshot = (
        ReportSnapshot.objects.filter(program=program, kind=kind).select_related("program").first()
    )
    return report_from(program, snapshot, kind=kind, now=now)


def report_from(
    program: Program, snapshot: ReportSnapshot | None, *, kind: str, now: datetime
) -> Report:
    """report_for() when the caller has read the program's snapshot row (None: there is none)."""
    if (
        snapshot is None
        or snapshot.settings_key != settings_key()
        or snapshot.computed_version < snapshot.purged_version
        or not snapshot.data
    ):
        # Never shown, even while another process recomputes: figures from other settings,
        # or from before someone withdrew their answers.
        return report_snapshot_refresh(
            program=program, kind=kind, now=now, version=snapshot.version if snapshot else 0
        )
    if _stale(snapshot, now) and _claim(snapshot, now):
        return report_snapshot_refresh(
            program=program, kind=kind, now=now, version=snapshot.version
        )
    return _report_in(program, snapshot)


def snapshot_tables(program: Program, *, now: datetime) -> list[Table]:
    """Every table of the dashboard and the outcome report, as the pages show them (exports)."""
    return (
        report_for(program, kind=Kind.DASHBOARD, now=now).tables
        + report_for(program, kind=Kind.OUTCOMES, now=now).tables
    )


# --------------------------------------------------------------------------- writing


@transaction.atomic
def report_snapshot_refresh(
    *, program: Program, kind: str, now: datetime, version: int | None = None
) -> Report:
    """Compute a program's report now and store it for every process (Refresh now, or stale).

    `version` is the snapshot's version read before computing: a change committed meanwhile
    bumps it past the stored one, so the next reader recomputes again.
    """
    if kind not in Kind.values:
        raise DomainError(f"Choose a report to refresh: {' or '.join(Kind.values)}.", field="kind")
    if version is None:
        version = (
            ReportSnapshot.objects.filter(program=program, kind=kind)
            .values_list("version", flat=True)
            .first()
            or 0
        )
    if connection.vendor == "postgresql":
        # The relationships query's estimated cost passes jit_above_cost at a few thousand
        # relationships: compiling it took 41 ms of a 139 ms query and saved nothing.
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL jit = off")
    # The caller read the program before computing (an older read only means a recompute).
    figures_version = program.figures_version
    report = _compute(program, kind, now)
    fields = {
        "data": _report_out(report, program),
        "settings_key": settings_key(),
        "computed_at": now,
        "computed_version": version,
        # Read before computing: a change committed meanwhile leaves the snapshot stale.
        "program_version": figures_version,
        "refreshing_until": None,
    }
    row = ReportSnapshot.objects.filter(program=program, kind=kind)
    if not row.update(**fields):
        try:
            with transaction.atomic():
                ReportSnapshot.objects.create(program=program, kind=kind, **fields)
        except IntegrityError:  # another process stored it first: ours is as new
            row.update(**fields)
    stored = ReportSnapshot(computed_at=now, data=fields["data"])
    return _report_in(program, stored)


def report_snapshot_invalidate(*, program_id: int, purge: bool = False) -> None:
    """Mark a program's reports stale once the caller's transaction commits.

    Stale reports are shown until one request has recomputed them; `purge` (answers were
    withdrawn) drops the stored figures so they are never shown again.
    """
    changes: dict[str, Any] = {"version": F("version") + 1}
    if purge:
        # Also marks figures still being computed from before the withdrawal as unshowable.
        changes |= {"data": {}, "purged_version": F("version") + 1}

    def bump() -> None:
        ReportSnapshot.objects.filter(program_id=program_id).update(**changes)

    transaction.on_commit(bump, robust=True)
