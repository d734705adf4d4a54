"""The organization overview for leadership: every program on one printable page, read from
the programs' stored reports (one query for all snapshots; a stale one is recomputed)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from mentora.outcomes.models import ReportSnapshot
from mentora.outcomes.snapshots import report_from
from mentora.outcomes.stats import Suppressed
from mentora.programs.models import Program

CAVEAT = (
    "Career movement compares participants with eligible colleagues over the same period: an "
    "association, not proof that a program caused it."
)


@dataclass
class ProgramLine:
    """One program as the overview shows it."""

    program: Program
    enrolled: int
    matched: int
    active: int
    attention: int
    dashboard: list[str] = field(default_factory=list)
    outcomes: list[str] = field(default_factory=list)
    movement: str = ""


@dataclass
class Overview:
    """Totals across programs, then a line per program."""

    programs: list[ProgramLine]
    totals: dict[str, int]


def organization_overview(programs: list[Program], *, now: datetime) -> Overview:
    """The overview of these programs (the caller decided which the viewer may see)."""
    snapshots = {
        (s.program_id, s.kind): s
        for s in ReportSnapshot.objects.filter(program__in=[p.pk for p in programs])
    }
    lines: list[ProgramLine] = []
    for program in programs:
        dash = report_from(program, snapshots.get((program.pk, "dashboard")), kind="dashboard",
                           now=now)
        out = report_from(program, snapshots.get((program.pk, "outcomes")), kind="outcomes",
                          now=now)
        funnel = dash.table("funnel").rows
        health = dash.table("health").rows
        movement = next((t for t in out.tables if t.key == "career_movement"), None)
        change = [
            line for t in out.tables if t.key in ("outcomes_end", "outcomes_midpoint")
            for line in t.headlines if not line.startswith("Not shown yet")
        ][:2]
        lines.append(
            ProgramLine(
                program=program,
                enrolled=_n(funnel[0][1]),
                matched=_n(funnel[1][1]),
                active=sum(_n(r[1]) for r in health[:3]),
                attention=_n(health[1][1]) + _n(health[2][1]),
                dashboard=dash.extras.get("summary", []),
                outcomes=change,
                movement=movement.headlines[0] if movement and movement.headlines else "",
            )
        )
    totals = {
        "programs": len(lines),
        "enrolled": sum(line.enrolled for line in lines),
        "matched": sum(line.matched for line in lines),
        "active": sum(line.active for line in lines),
        "attention": sum(line.attention for line in lines),
    }
    return Overview(programs=lines, totals=totals)


def _n(value: Any) -> int:
    return 0 if value is None or isinstance(value, Suppressed) else int(value)
