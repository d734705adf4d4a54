"""A program's dashboard: operational tables (funnel, timing, cadence, load, waitlist...).

Figures computed from survey answers are withheld for any group smaller than the minimum group
size; docs/outcomes.md says which figures are operational counts (shown as they are) and which
are about people's answers (withheld).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from datetime import datetime
from typing import Any

from django.db.models import Count, IntegerField

from mentora.outcomes import charts
from mentora.outcomes.models import SurveyInvitation
from mentora.outcomes.reports.common import (
    AGREE,
    DAY_BINS,
    FUNNEL,
    _answers,
    _cols,
    _count,
    _days,
    _enrollments,
    _pct,
    _plural,
    _r,
    _relationships,
    agreed_row,
)
from mentora.outcomes.sources import goal_counts, match_scores
from mentora.outcomes.stats import Suppressed, min_group_size, spread
from mentora.outcomes.tables import Report, Table
from mentora.people.models import Level, Profile
from mentora.programs.models import Enrollment, Program
from mentora.relationships.health import CADENCE_DAYS, health_of
from mentora.relationships.models import ActionItem, Relationship


def _funnel(mentees: set[int], rels: list[Any], now: datetime) -> Table:
    S = Relationship.Status
    reached: dict[int, int] = dict.fromkeys(mentees, 0)
    for rel in rels:
        agreement = getattr(rel, "agreement", None)
        flags = [
            rel.accepted_at is not None,
            bool(agreement and agreement.fully_signed),
            rel.first_meeting_at is not None,
            rel.status in (S.ACTIVE, S.PAUSED, S.COMPLETED),
            rel.status == S.COMPLETED,
        ]
        stage = 0
        for flag in flags:
            if not flag:
                break
            stage += 1
        if rel.mentee_id in reached:
            reached[rel.mentee_id] = max(reached[rel.mentee_id], stage)
    total = len(reached)
    counts = [sum(1 for s in reached.values() if s >= i) for i in range(len(FUNNEL))]
    rows: list[list[Any]] = [
        [label, n, _pct(n, total)] for label, n in zip(FUNNEL, counts, strict=True)
    ]
    chart = charts.bars(
        "funnel",
        title="Funnel: how far mentees got",
        desc="; ".join(f"{label}: {n}" for label, n in zip(FUNNEL, counts, strict=True)) + ".",
        items=[
            charts.Bar(label, n, f"{n} ({p if p is not None else 0:g} %)") for label, n, p in rows
        ],
    )
    return Table(
        "funnel",
        "Funnel",
        _cols(("stage", "Stage"), ("mentees", "Mentees"), ("share", "% of enrolled")),
        rows,
        description="Each mentee counted once, at the furthest stage any of their relationships "
        "reached.",
        chart=chart,
    )


def _spread_table(key: str, title: str, values: list[float], description: str) -> Table:
    s = spread(values)
    bins: list[tuple[str, int]] = []
    for low, high, label in DAY_BINS:
        n = sum(1 for v in values if v >= low and (high is None or v < high + 1))
        bins.append((label, n))
    rows: list[list[Any]] = [
        ["Pairs measured", s.n],
        ["Median (days)", _r(s.median, 1)],
        ["25th percentile (days)", _r(s.q1, 1)],
        ["75th percentile (days)", _r(s.q3, 1)],
        ["Mean (days)", _r(s.mean, 1)],
    ]
    rows += [[f"Pairs taking {label}", n] for label, n in bins]
    chart = ""
    if values:
        chart = charts.columns(
            key,
            title=title,
            desc=f"Median {s.median:.1f} days over {s.n} pairs. "
            + "; ".join(f"{label}: {n}" for label, n in bins)
            + ".",
            items=[charts.Bar(label, n, str(n)) for label, n in bins],
            axis="days",
        )
    return Table(
        key, title, _cols(("figure", "Figure"), ("value", "Value")), rows, description, chart=chart
    )


def _cadence(rels: list[Any], now: datetime) -> Table:
    buckets = Counter[str]()
    shares = []
    for rel in rels:
        if rel.started_at is None or rel.status not in (
            Relationship.Status.ACTIVE,
            Relationship.Status.PAUSED,
            Relationship.Status.COMPLETED,
            Relationship.Status.ENDED_EARLY,
        ):
            continue
        agreement = getattr(rel, "agreement", None)
        cadence = agreement.cadence if agreement else rel.program.default_cadence
        until = rel.ended_at or now
        expected = int((until - rel.started_at).days // CADENCE_DAYS.get(cadence, 14))
        if expected < 1:
            buckets["early"] += 1
            continue
        share = min((rel.held_count or 0) / expected, 1.0)
        shares.append(share)
        buckets["on" if share >= 0.8 else "behind" if share >= 0.5 else "far"] += 1
    measured = len(shares)
    labels = (
        ("on", "On cadence (80 % or more of agreed meetings held)"),
        ("behind", "Behind (50–79 %)"),
        ("far", "Far behind (under 50 %)"),
        ("early", "Too early to tell (under one cadence period)"),
    )
    rows: list[list[Any]] = [
        [label, buckets[key], _pct(buckets[key], measured) if key != "early" else None]
        for key, label in labels
    ]
    s = spread(shares)
    rows.append(
        [
            "Median share of agreed meetings held (%)",
            None,
            _r(s.median * 100, 1) if s.median is not None else None,
        ]
    )
    return Table(
        "cadence",
        "Cadence adherence",
        _cols(("group", "Relationships"), ("count", "Count"), ("share", "% of those measured")),
        rows,
        "Meetings held since the start against the agreed cadence, up to the end or today.",
    )


def _satisfaction_rows(
    answers: list[tuple[int, int, str, str, str, int]], k: int
) -> tuple[list[list[Any]], dict[str, list[int]]]:
    groups: dict[tuple[str, str], dict[int, list[int]]] = defaultdict(lambda: defaultdict(list))
    values_by_item: dict[str, list[int]] = defaultdict(list)
    for invitation, _respondent, kind, role, item, value in answers:
        if kind == "quality":
            groups[("Relationship quality", role)][invitation].append(value)
        elif item == "exit_satisfied":
            groups[("Satisfied overall (exit)", role)][invitation].append(value)
            values_by_item[item].append(value)
        elif item == "exit_recommend":
            groups[("Would recommend the program (exit)", role)][invitation].append(value)
    rows: list[list[Any]] = []
    for title in (
        "Relationship quality",
        "Satisfied overall (exit)",
        "Would recommend the program (exit)",
    ):
        for role, side in (("mentee", "Mentees"), ("mentor", "Mentors")):
            per_person = [sum(v) / len(v) for v in groups.get((title, role), {}).values()]
            n = len(per_person)
            if n < k:
                rows.append([title, side, Suppressed(k), Suppressed(k), Suppressed(k)])
                continue
            rows.append(
                [
                    title,
                    side,
                    n,
                    _r(sum(per_person) / n),
                    _pct(sum(1 for v in per_person if v >= AGREE), n),
                ]
            )
    return rows, values_by_item


def _satisfaction(answers: list[tuple[int, int, str, str, str, int]], k: int) -> Table:
    rows, values = _satisfaction_rows(answers, k)
    exit_values = values.get("exit_satisfied", [])
    chart = ""
    note = ""
    if len(exit_values) >= k:
        counts = Counter(exit_values)
        labels = ("1 strongly disagree", "2", "3", "4", "5 strongly agree")
        chart = charts.columns(
            "satisfaction",
            title="“Overall, I am satisfied” at exit: answers from 1 to 5",
            desc="; ".join(f"{i}: {counts.get(i, 0)} answers" for i in range(1, 6)) + ".",
            items=[
                charts.Bar(labels[i - 1].split()[0], counts.get(i, 0), str(counts.get(i, 0)))
                for i in range(1, 6)
            ],
            axis="1 = strongly disagree … 5 = strongly agree",
        )
    else:
        note = f"The answer chart appears once at least {k} people have answered the exit survey."
    return Table(
        "satisfaction",
        "Satisfaction",
        _cols(
            ("survey", "Survey"),
            ("side", "Side"),
            ("respondents", "Respondents"),
            ("mean", "Mean (1–5)"),
            ("agree", "% agree or strongly agree"),
        ),
        rows,
        "From the relationship-quality survey (after the first meetings) and the exit survey.",
        note=note,
        chart=chart,
    )


def _goals(
    program: Program,
    rels: list[Any],
    answers: list[tuple[int, int, str, str, str, int]],
    actions: dict[str, int],
    k: int,
) -> Table:
    matched = [r for r in rels if r.accepted_at is not None]
    with_goals = [r for r in matched if getattr(r, "agreement", None) and r.agreement.goals]
    goals = sum(len(r.agreement.goals) for r in with_goals)
    done, total_actions = actions.get("done", 0), sum(actions.values())
    said = [
        v
        for _, _, kind, role, item, v in answers
        if kind == "exit" and role == "mentee" and item == "exit_goals"
    ]
    rows: list[list[Any]] = [
        [
            "Matched relationships with agreed goals",
            len(with_goals),
            _pct(len(with_goals), len(matched)),
        ],
        [
            "Goals agreed (average per relationship)",
            goals,
            _r(goals / len(with_goals), 1) if with_goals else None,
        ],
        ["Action items done", done, _pct(done, total_actions)],
    ]
    label = "Mentees who say they achieved their goals (exit survey; % of those who answered)"
    rows.append(agreed_row(label, said, k))
    plan = goal_counts(program)
    note = ""
    if plan is None:
        note = "Development-plan goals are not counted: the growth app exposes no goal status yet."
    else:
        total = sum(plan.values())
        rows.append(
            [
                "Development-plan goals achieved",
                plan.get("achieved", 0),
                _pct(plan.get("achieved", 0), total),
            ]
        )
    return Table(
        "goals",
        "Goal completion",
        _cols(("figure", "Figure"), ("count", "Count"), ("share", "%")),
        rows,
        "Goals the pairs agreed, actions they completed, and what mentees say at the end.",
        note=note,
    )


def _mentor_load(mentors: list[dict[str, Any]], rels: list[Any], program: Program) -> Table:
    holding = Counter(r.mentor_id for r in rels if r.status in Relationship.HOLDING_PLACE)
    loads = Counter[str]()
    full = 0
    places = used = 0
    for m in mentors:
        n = holding.get(m["user_id"], 0)
        cap = m["capacity"] if m["capacity"] is not None else program.mentor_capacity
        places += cap
        used += min(n, cap)
        full += n >= cap
        loads[str(n) if n < 4 else "4 or more"] += 1
    labels = ["0", "1", "2", "3", "4 or more"]
    rows: list[list[Any]] = [
        [f"{label} {program.mentee_label}{'s' if label != '1' else ''}", loads.get(label, 0)]
        for label in labels
    ]
    rows.append(["At or over capacity", full])
    rows.append(["Places in use (%)", _pct(used, places)])
    chart = charts.columns(
        "mentor_load",
        title=f"{_plural(program.mentor_label).capitalize()} by how many "
        f"{_plural(program.mentee_label)} they have now",
        desc="; ".join(f"{loads.get(label, 0)} with {label}" for label in labels) + ".",
        items=[
            charts.Bar(label, loads.get(label, 0), str(loads.get(label, 0))) for label in labels
        ],
        axis=f"{_plural(program.mentee_label)} now",
    )
    return Table(
        "mentor_load",
        f"{program.mentor_label.capitalize()} load",
        _cols(("group", f"{_plural(program.mentor_label).capitalize()} with"), ("count", "Count")),
        rows,
        "Relationships holding a place (accepted, active or paused) per enrolled "
        f"{program.mentor_label}.",
        chart=chart,
    )


def _match_scores(program: Program) -> Table | None:
    fractions = match_scores(program)
    if fractions is None:
        return None
    # People read scores out of 100 everywhere else (workbench, emails, relationship pages).
    scores = [v * 100 for v in fractions]
    low, high = (min(scores), max(scores)) if scores else (0.0, 100.0)
    step = (high - low) / 5 or 1.0
    edges = [low + step * i for i in range(6)]
    labels = [f"{edges[i]:.0f}–{edges[i + 1]:.0f}" for i in range(5)]
    counts = [
        sum(1 for v in scores if edges[i] <= v < edges[i + 1] or (i == 4 and v == edges[5]))
        for i in range(5)
    ]
    s = spread(scores)
    rows: list[list[Any]] = [[label, n] for label, n in zip(labels, counts, strict=True)]
    rows += [["Matches scored", s.n], ["Median score", _r(s.median)]]
    chart = ""
    if scores:
        chart = charts.columns(
            "match_scores",
            title="Match score distribution",
            desc="; ".join(f"{label}: {n}" for label, n in zip(labels, counts, strict=True)) + ".",
            items=[charts.Bar(label, n, str(n)) for label, n in zip(labels, counts, strict=True)],
            axis="score (out of 100)",
        )
    return Table(
        "match_scores",
        "Match scores",
        _cols(("range", "Score (out of 100)"), ("count", "Matches")),
        rows,
        "Scores (out of 100) the matching engine gave the pairs it matched in this program.",
        chart=chart,
    )


def _health(rels: list[Any], now: datetime) -> tuple[Table, list[Any]]:
    levels = Counter[str]()
    at_risk = []
    stalled = 0
    for rel in rels:
        if rel.status != Relationship.Status.ACTIVE:
            continue
        health = health_of(rel, now=now)
        levels[health.level] += 1
        stalled += health.stalled
        if health.level != "green":
            at_risk.append((rel, health))
    total = sum(levels.values())
    rows: list[list[Any]] = [
        ["Healthy (green)", levels["green"], _pct(levels["green"], total)],
        ["Needs attention (amber)", levels["amber"], _pct(levels["amber"], total)],
        ["At risk (red)", levels["red"], _pct(levels["red"], total)],
        ["Of which stalled (no activity for weeks)", stalled, _pct(stalled, total)],
    ]
    at_risk.sort(key=lambda pair: (pair[1].level != "red", -pair[1].days_silent))
    return (
        Table(
            "health",
            "Relationships at risk",
            _cols(("level", "Health"), ("count", "Active relationships"), ("share", "%")),
            rows,
            "Health of active relationships: cadence kept, overdue actions, days without activity.",
        ),
        at_risk,
    )


def _waiting(
    mentees: list[dict[str, Any]], rels: list[Any], now: datetime
) -> tuple[list[int], list[float]]:
    live = {r.mentee_id for r in rels if r.status in Relationship.LIVE}
    done = {
        r.mentee_id
        for r in rels
        if r.status == Relationship.Status.COMPLETED and not getattr(r, "asks_again", False)
    }
    placed = live | done
    waiting, waits = [], []
    for e in mentees:
        if e["status"] == Enrollment.Status.APPROVED and e["user_id"] not in placed:
            waiting.append(e["user_id"])
            waits.append(_days(now, e["decided_at"] or e["created_at"]) or 0.0)
    return waiting, waits


def _waitlist(
    enrollments: list[dict[str, Any]], rels: list[Any], program: Program, now: datetime
) -> Table:
    mentees = [e for e in enrollments if e["role"] == Enrollment.Role.MENTEE]
    listed = [e for e in enrollments if e["status"] == Enrollment.Status.WAITLISTED]
    listed_mentees = [e for e in listed if e["role"] == Enrollment.Role.MENTEE]
    waiting, waits = _waiting(mentees, rels, now)
    list_waits = spread([_days(now, e["created_at"]) or 0.0 for e in listed_mentees])
    match_waits = spread(waits)
    rows: list[list[Any]] = [
        [f"{_plural(program.mentee_label).capitalize()} on the waitlist", len(listed_mentees)],
        [
            f"{_plural(program.mentor_label).capitalize()} on the waitlist",
            len(listed) - len(listed_mentees),
        ],
        [
            "Longest time on the waitlist (days)",
            _r(max([_days(now, e["created_at"]) or 0.0 for e in listed_mentees], default=None), 0)
            if listed_mentees
            else None,
        ],
        ["Median time on the waitlist (days)", _r(list_waits.median, 0)],
        [f"Enrolled {_plural(program.mentee_label)} waiting for a match", len(waiting)],
        ["Median wait for a match so far (days)", _r(match_waits.median, 0)],
        [
            "Applications awaiting approval",
            sum(1 for e in mentees if e["status"] == Enrollment.Status.PENDING),
        ],
    ]
    return Table(
        "waitlist",
        "Waitlist",
        _cols(("figure", "Figure"), ("value", "Value")),
        rows,
        "Who is waiting: for a place in the program, for a match, or for approval.",
    )


def _capacity(
    enrollments: list[dict[str, Any]], rels: list[Any], program: Program, now: datetime
) -> Table:
    mentors = [
        e
        for e in enrollments
        if e["role"] == Enrollment.Role.MENTOR and e["status"] == Enrollment.Status.APPROVED
    ]
    mentees = [e for e in enrollments if e["role"] == Enrollment.Role.MENTEE]
    holding = Counter(r.mentor_id for r in rels if r.status in Relationship.HOLDING_PLACE)
    caps = [
        m["capacity"] if m["capacity"] is not None else program.mentor_capacity for m in mentors
    ]
    places = sum(caps)
    free = sum(
        max(cap - holding.get(m["user_id"], 0), 0) for m, cap in zip(mentors, caps, strict=True)
    )
    waiting, _ = _waiting(mentees, rels, now)
    waitlisted = sum(1 for e in mentees if e["status"] == Enrollment.Status.WAITLISTED)
    need = len(waiting) + waitlisted
    short = max(need - free, 0)
    average = (places / len(caps)) if caps else float(program.mentor_capacity)
    more = math.ceil(short / average) if short and average else 0
    rows: list[list[Any]] = [
        [
            f"{program.mentor_label.capitalize()} places "
            f"(enrolled {_plural(program.mentor_label)} × capacity)",
            places,
        ],
        ["Places in use", places - free],
        ["Free places", free],
        [
            f"{_plural(program.mentee_label).capitalize()} needing a place "
            "(waiting for a match + waitlist)",
            need,
        ],
        ["Shortfall", short],
        [f"Average capacity per {program.mentor_label}", _r(average, 1)],
        [f"More {_plural(program.mentor_label)} needed", more],
    ]
    return Table(
        "capacity",
        "Capacity planning",
        _cols(("figure", "Figure"), ("value", "Value")),
        rows,
        f"How many more {_plural(program.mentor_label)} would give everyone waiting a place, "
        "at today's "
        "average capacity.",
    )


def _participation(
    enrollments: list[dict[str, Any]], org: list[tuple[str, str, int]], program: Program
) -> tuple[Table, Table]:
    taking = [
        e
        for e in enrollments
        if e["status"]
        in (Enrollment.Status.APPROVED, Enrollment.Status.PENDING, Enrollment.Status.WAITLISTED)
    ]

    def build(key: str, title: str, field: str, index: int, order: list[tuple[str, str]]) -> Table:
        people = Counter[str]()
        for row in org:
            people[str(row[index])] += int(row[2])
        mentees = Counter(e[field] or "" for e in taking if e["role"] == Enrollment.Role.MENTEE)
        mentors = Counter(e[field] or "" for e in taking if e["role"] == Enrollment.Role.MENTOR)
        rows: list[list[Any]] = []
        for value, label in order:
            if not (people[value] or mentees[value] or mentors[value]):
                continue
            rows.append(
                [
                    label,
                    people[value],
                    mentees[value],
                    mentors[value],
                    _pct(mentees[value] + mentors[value], people[value]),
                ]
            )
        chart = charts.bars(
            key,
            title=title,
            desc="; ".join(
                f"{r[0]}: {r[4] if r[4] is not None else 0:g} % take part "
                f"({_count(r[2], program.mentee_label)}, {_count(r[3], program.mentor_label)})"
                for r in rows
            )
            + ".",
            items=[
                charts.Bar(r[0], r[4] or 0.0, f"{r[4] if r[4] is not None else 0:g} %")
                for r in rows
            ],
            maximum=100,
        )
        return Table(
            key,
            title,
            _cols(
                ("group", field.split("__")[-1].capitalize()),
                ("people", "People in the organization"),
                ("mentees", f"{_plural(program.mentee_label).capitalize()}"),
                ("mentors", f"{_plural(program.mentor_label).capitalize()}"),
                ("share", "% taking part"),
            ),
            rows,
            "Enrolled, awaiting approval or on the waitlist, against everyone active in the "
            "organization.",
            chart=chart,
        )

    levels = build(
        "participation_level",
        "Participation by level",
        "user__profile__level",
        0,
        list(Level.choices),
    )
    departments = sorted(
        {row[1] for row in org} | {e["user__profile__department"] or "" for e in taking}
    )
    depts = build(
        "participation_department",
        "Participation by department",
        "user__profile__department",
        1,
        [(d, d or "No department") for d in departments],
    )
    return levels, depts


def dashboard_report(program: Program, *, now: datetime) -> Report:
    """The program dashboard's tables (constant number of queries)."""
    k = min_group_size()
    enrollments = _enrollments(program)
    rels = _relationships(program, now)
    org = list(
        Profile.objects.filter(user__is_active=True)
        .values_list("level", "department")
        .annotate(n=Count("pk"))
        .order_by()
    )
    answers = _answers(program, [SurveyInvitation.Kind.QUALITY, SurveyInvitation.Kind.EXIT])
    actions = dict(
        ActionItem.objects.filter(relationship__program=program)
        .values_list("status")
        .annotate(n=Count("pk", output_field=IntegerField()))
        .order_by()
    )
    mentee_rows = [e for e in enrollments if e["role"] == Enrollment.Role.MENTEE]
    mentor_rows = [
        e
        for e in enrollments
        if e["role"] == Enrollment.Role.MENTOR and e["status"] == Enrollment.Status.APPROVED
    ]
    approved = {e["user_id"]: e for e in mentee_rows if e["status"] == Enrollment.Status.APPROVED}
    enrolled = set(approved) | {r.mentee_id for r in rels if r.accepted_at is not None}

    first_accept: dict[int, datetime] = {}
    for rel in rels:
        if rel.accepted_at is not None and (
            rel.mentee_id not in first_accept or rel.accepted_at < first_accept[rel.mentee_id]
        ):
            first_accept[rel.mentee_id] = rel.accepted_at
    to_match = [
        d
        for mentee, accepted in first_accept.items()
        if mentee in approved
        and (d := _days(accepted, approved[mentee]["decided_at"] or approved[mentee]["created_at"]))
        is not None
    ]
    to_meet = [d for r in rels if (d := _days(r.first_meeting_at, r.accepted_at)) is not None]
    health, at_risk = _health(rels, now)
    level_table, department_table = _participation(enrollments, org, program)
    tables = [
        _funnel(enrolled, rels, now),
        _spread_table(
            "time_to_match", "Time to match", to_match, "Days from enrollment to an accepted match."
        ),
        _spread_table(
            "time_to_first_meeting",
            "Time to first meeting",
            to_meet,
            "Days from the accepted match to the first meeting held.",
        ),
        _cadence(rels, now),
        _goals(program, rels, answers, actions, k),
        _satisfaction(answers, k),
        _mentor_load(mentor_rows, rels, program),
        health,
        _waitlist(enrollments, rels, program, now),
        _capacity(enrollments, rels, program, now),
        level_table,
        department_table,
    ]
    scores = _match_scores(program)
    if scores is not None:
        tables.insert(7, scores)
    return Report(
        program=program,
        tables=tables,
        extras={"at_risk": at_risk, "min_group_size": k,
                "summary": dashboard_summary(tables, program)},
    )


# The dashboard's sections, in page order: (anchor, heading, table keys).
SECTIONS = (
    ("matching", "Getting matched", ("funnel", "time_to_match", "time_to_first_meeting",
                                     "waitlist", "capacity")),
    ("together", "Working together", ("health", "cadence", "goals", "mentor_load",
                                      "match_scores")),
    ("experience", "What people say", ("satisfaction",)),
    ("reach", "Who takes part", ("participation_level", "participation_department")),
)


def dashboard_summary(tables: list[Table], program: Program) -> list[str]:
    """The dashboard's first lines: where mentees are, how fast, what needs attention."""
    by_key = {t.key: t for t in tables}
    mentees = _plural(program.mentee_label)
    mentors = _plural(program.mentor_label)
    lines: list[str] = []
    funnel = by_key["funnel"].rows
    enrolled, matched, met = funnel[0][1], funnel[1][1], funnel[3][1]
    if enrolled:
        lines.append(
            f"{matched} of {enrolled} enrolled {mentees} are matched "
            f"({_pct(matched, enrolled):g} %); {met} have had a first meeting."
        )
    else:
        lines.append(f"No {program.mentee_label} is enrolled yet.")
    median = by_key["time_to_match"].rows[1][1]
    if median is not None:
        lines.append(f"Half of the matched {mentees} were matched within {median:g} days.")
    health = by_key["health"].rows
    active = sum(r[1] for r in health[:3])
    needs = health[1][1] + health[2][1]
    if active:
        at_risk = health[2][1]
        verb = "needs" if needs == 1 else "need"
        noun = "relationship" if active == 1 else "relationships"
        lines.append(
            f"{needs} of {active} active {noun} {verb} attention"
            + (f" ({at_risk} at risk)." if at_risk else ".")
            if needs
            else (f"All {active} active relationships are on track." if active != 1
                  else "The one active relationship is on track.")
        )
    capacity = by_key["capacity"].rows
    free, more = capacity[2][1], capacity[6][1]
    if more:
        lines.append(
            f"{more} more {mentors if more != 1 else program.mentor_label} would give everyone "
            f"waiting a place ({free} free places now)."
        )
    else:
        lines.append(f"{free} free {program.mentor_label} places; no one waits for want of one.")
    quality = by_key["satisfaction"].rows[0]
    if not isinstance(quality[3], Suppressed) and quality[3] is not None:
        lines.append(
            f"{mentees.capitalize()} rate their relationship {quality[3]:g} out of 5 "
            f"({quality[4]:g} % agree it works well)."
        )
    return lines


# --------------------------------------------------------------------------- outcomes
