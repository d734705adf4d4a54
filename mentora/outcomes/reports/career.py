"""Career movement: promotions, internal moves and leavers of a program's mentees compared
with eligible colleagues who did not take part, over the same period, from HRIS re-imports.

The period starts when the program's first mentee enrolled. Eligible colleagues are everyone
else employed then: active now or recorded as leaving since, not hired after the start, and
in no role in this program. Counts come from people.RoleChange rows the re-imports record
(a level going up is a promotion; a new department or job title without one is a move; a
"left" row is a leaver). A group smaller than the minimum group size shows no figure. The
comparison is an association: people who join a program differ from those who do not.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db.models import Min

from mentora.accounts.models import User
from mentora.outcomes.reports.common import _cols, _pct
from mentora.outcomes.stats import Suppressed
from mentora.outcomes.tables import Table
from mentora.people.models import LEVEL_ORDER, RoleChange
from mentora.programs.models import Enrollment, Program

CAVEAT = (
    "This is an association, not proof of cause: people who choose to take part may differ "
    "from those who do not (in motivation, manager support or timing)."
)


def _period_start(program: Program) -> datetime:
    first = (
        Enrollment.objects.filter(program=program, role=Enrollment.Role.MENTEE)
        .aggregate(at=Min("created_at"))["at"]
    )
    return first or program.created_at


def _movement(rows: list[tuple[int, str, str, str]]) -> dict[int, set[str]]:
    """person → {"promoted", "moved", "left"} from their role changes in the period."""
    out: dict[int, set[str]] = {}
    for person, field, old, new in rows:
        kinds = out.setdefault(person, set())
        if field == RoleChange.Field.LEVEL and LEVEL_ORDER.get(new, -1) > LEVEL_ORDER.get(
            old, len(LEVEL_ORDER)
        ):
            kinds.add("promoted")
        elif field in (RoleChange.Field.DEPARTMENT, RoleChange.Field.JOB_TITLE):
            kinds.add("moved")
        elif field == RoleChange.Field.STATUS and new == "left":
            kinds.add("left")
    for kinds in out.values():
        if "promoted" in kinds:
            kinds.discard("moved")  # a promotion with a new title is one step, not two
    return out


def career_movement(program: Program, *, now: datetime, k: int) -> Table:
    """Promotions, moves and leavers: the program's mentees against eligible colleagues."""
    start = _period_start(program)
    enrolled = list(
        Enrollment.objects.filter(program=program).values_list("user_id", "role", "status")
    )
    mentees = {
        u for u, role, status in enrolled
        if role == Enrollment.Role.MENTEE and status == Enrollment.Status.APPROVED
    }
    in_program = {u for u, _, _ in enrolled}
    changes = list(
        RoleChange.objects.filter(at__gte=start, at__lte=now).values_list(
            "person_id", "field", "old", "new"
        )
    )
    moved = _movement(changes)
    left = {person for person, kinds in moved.items() if "left" in kinds}
    others = {
        user_id
        for user_id, active, hired in User.objects.values_list(
            "id", "is_active", "profile__hire_date"
        ).iterator(chunk_size=5000)
        if user_id not in in_program
        and (active or user_id in left)
        and (hired is None or hired <= start.date())
    }
    label = f"{program.mentee_label.capitalize()}s in {program.name}"
    if program.mentee_label.endswith(("ch", "s")):
        label = f"{program.mentee_label.capitalize()}es in {program.name}"
    groups = ((label, mentees), ("Eligible colleagues not taking part", others))
    rows: list[list[Any]] = []
    rates: dict[str, dict[str, float | None]] = {}
    for name, people in groups:
        n = len(people)
        if n < k:
            rows.append([name, *[Suppressed(k)] * 7])
            continue
        counts = {kind: sum(1 for p in people if kind in moved.get(p, ())) for kind in
                  ("promoted", "moved", "left")}
        rates[name] = {kind: _pct(c, n) for kind, c in counts.items()}
        rows.append([
            name, n,
            counts["promoted"], _pct(counts["promoted"], n),
            counts["moved"], _pct(counts["moved"], n),
            counts["left"], _pct(counts["left"], n),
        ])
    day = start.date()
    since = f"{day.day} {day:%B %Y}"
    headlines: list[str] = []
    if not changes:
        headlines.append(
            f"No promotion, move or leaver has been recorded since {since}: career movement "
            "appears once your HR file is imported again."
        )
    elif len(rates) == 2:
        mine, theirs = rates[label], rates["Eligible colleagues not taking part"]
        headlines.append(
            f"Since {since}, {mine['promoted']:g} % of {label.split(' in ')[0].lower()} were "
            f"promoted, against {theirs['promoted']:g} % of eligible colleagues who did not "
            f"take part; {mine['left']:g} % left, against {theirs['left']:g} %."
        )
    else:
        headlines.append(
            f"Not shown: fewer than {k} people in a group, so no figure could point to anyone."
        )
    if changes:
        headlines.append(CAVEAT)
    return Table(
        "career_movement",
        "Career movement",
        _cols(
            ("group", "Group"),
            ("people", "People"),
            ("promoted", "Promoted"),
            ("promoted_share", "% promoted"),
            ("moved", "Moved internally"),
            ("moved_share", "% moved"),
            ("left", "Left"),
            ("left_share", "% left"),
        ),
        rows,
        f"From your HR file's re-imports since {since}: a level up is a promotion; a new "
        "department or job title without one is an internal move.",
        note=CAVEAT,
        headlines=headlines,
        statistics_folded=True,
    )
