"""A program's outcome report: paired pre/post change per measure, response rates, advancement."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from typing import Any

from django.db.models import Count, Q

from mentora.outcomes import charts
from mentora.outcomes.models import SurveyInvitation
from mentora.outcomes.reports.career import career_movement
from mentora.outcomes.reports.common import (
    _answers,
    _cols,
    _p,
    _pct,
    _plural,
    _r,
    agreed_row,
)
from mentora.outcomes.sources import goal_counts, role_changes
from mentora.outcomes.stats import PairedStats, Suppressed, min_group_size, paired_stats
from mentora.outcomes.surveys import MEASURES, PULSE_MEASURES, SKILLS_MEASURE, measure_scores
from mentora.outcomes.tables import Report, Table
from mentora.programs.models import Program

COMPARISONS = (("end", "Baseline → end of program"), ("midpoint", "Baseline → midpoint"))


def _scores_by_person(
    answers: list[tuple[int, int, str, str, str, int]],
) -> dict[str, dict[int, dict[str, float]]]:
    """kind → respondent → measure → score."""
    raw: dict[tuple[str, int], dict[str, int]] = defaultdict(dict)
    for _inv, respondent, kind, _role, item, value in answers:
        raw[(kind, respondent)][item] = value
    out: dict[str, dict[int, dict[str, float]]] = defaultdict(dict)
    for (kind, respondent), items in raw.items():
        out[kind][respondent] = measure_scores(items)
    return out


def strength(s: PairedStats) -> str:
    """How a change reads to someone who does not read statistics."""
    if s.ci_low <= 0 <= s.ci_high:
        return "too small to be sure it is more than chance"
    size = abs(s.cohen_dz) if s.cohen_dz is not None else 0.0
    word = "rise" if s.mean_change > 0 else "drop"
    if size < 0.2:
        return f"a very small {word}"
    if size < 0.5:
        return f"a small {word}"
    if size < 0.8:
        return f"a clear {word}"
    return f"a large {word}"


def headline(label: str, s: PairedStats, up: int, down: int, people: str) -> str:
    """A measure in one sentence: "Self-confidence rose for 7 of 10 mentees: +0.6 on…"."""
    change = f"{s.mean_change:+.1f}".replace("-", "−")
    if round(s.mean_change, 1) == 0:
        return f"{label} stayed about the same for {s.n} {people}."
    verb, count = ("rose", up) if s.mean_change > 0 else ("fell", down)
    return (
        f"{label} {verb} for {count} of {s.n} {people}: {change} on a 5-point scale, "
        f"{strength(s)}."
    )


def _outcome_table(
    key: str,
    title: str,
    before: dict[int, dict[str, float]],
    after: dict[int, dict[str, float]],
    k: int,
    people_word: str = "mentees",
) -> Table:
    rows: list[list[Any]] = []
    points: list[charts.Interval] = []
    headlines: list[str] = []
    withheld: list[str] = []
    for measure in (*PULSE_MEASURES, SKILLS_MEASURE):
        people = sorted(
            p for p in before if p in after and measure.key in before[p] and measure.key in after[p]
        )
        if len(people) < k:
            rows.append([measure.label] + [Suppressed(k)] * 9)
            points.append(charts.Interval(measure.label, None, None, None, f"fewer than {k} pairs"))
            withheld.append(measure.label.lower())
            continue
        pairs = [(before[p][measure.key], after[p][measure.key]) for p in people]
        s = paired_stats([b for b, _ in pairs], [a for _, a in pairs])
        headlines.append(
            headline(measure.label, s, sum(a > b for b, a in pairs), sum(a < b for b, a in pairs),
                     people_word)
        )
        rows.append(
            [
                measure.label,
                s.n,
                _r(s.mean_before),
                _r(s.mean_after),
                _r(s.mean_change),
                _r(s.ci_low),
                _r(s.ci_high),
                _r(s.cohen_dz),
                _p(s.t_p_value),
                _p(s.wilcoxon_p_value),
            ]
        )
        points.append(
            charts.Interval(
                measure.label, s.mean_change, s.ci_low, s.ci_high, f"{s.mean_change:+.2f} (n={s.n})"
            )
        )
    shown = [p for p in points if p.mean is not None]
    chart = ""
    if shown:
        chart = charts.intervals(
            key,
            title=f"{title}: mean change per measure with 95 % confidence interval",
            desc="; ".join(
                f"{p.label}: {p.mean:+.2f} ({p.low:+.2f} to {p.high:+.2f})"
                if p.mean is not None
                else f"{p.label}: withheld, {p.text}"
                for p in points
            )
            + ". Scores run from 1 to 5; a positive change is an improvement.",
            items=points,
        )
    if headlines and withheld:
        headlines.append(
            f"Not shown yet: {', '.join(withheld)} (fewer than {k} {people_word} answered both "
            "surveys)."
        )
    return Table(
        key,
        title,
        _cols(
            ("measure", "Measure"),
            ("n", "People (pairs)"),
            ("before", "Baseline mean"),
            ("after", "Follow-up mean"),
            ("change", "Mean change"),
            ("ci_low", "95 % CI low"),
            ("ci_high", "95 % CI high"),
            ("dz", "Effect size (Cohen's d)"),
            ("t_p", "Paired t-test p"),
            ("wilcoxon_p", "Wilcoxon signed-rank p"),
        ),
        rows,
        "Only people who answered both surveys count (paired). Scores run from 1 to 5.",
        note=f"Figures for fewer than {k} people are withheld.",
        chart=chart,
        headlines=headlines,
        statistics_folded=True,
    )


def _response_rates(program: Program, now: datetime, k: int) -> Table:
    counts = (
        SurveyInvitation.objects.filter(program=program, opens_at__lte=now)
        .values_list("kind")
        .annotate(invited=Count("pk"), answered=Count("pk", filter=Q(answered_at__isnull=False)))
        .order_by()
    )
    by_kind = {kind: (invited, answered) for kind, invited, answered in counts}
    rows: list[list[Any]] = []
    for kind, label in SurveyInvitation.Kind.choices:
        invited, answered = by_kind.get(kind, (0, 0))
        if invited == 0:
            rows.append([label, 0, 0, None])
        elif invited < k:
            rows.append([label, Suppressed(k), Suppressed(k), Suppressed(k)])
        else:
            rows.append([label, invited, answered, _pct(answered, invited)])
    return Table(
        "response_rates",
        "Response rates",
        _cols(
            ("survey", "Survey"),
            ("invited", "Invited"),
            ("answered", "Answered"),
            ("rate", "Response rate %"),
        ),
        rows,
        "Surveys sent so far and how many were answered.",
    )


def _advancement(
    program: Program, answers: list[tuple[int, int, str, str, str, int]], k: int
) -> Table:
    said = [
        v
        for _, _, kind, role, item, v in answers
        if kind == "exit" and role == "mentee" and item == "exit_goals"
    ]
    rows: list[list[Any]] = []
    label = "Say they achieved the goals they agreed (exit survey; % of those who answered)"
    rows.append(agreed_row(label, said, k))
    plan = goal_counts(program)
    if plan is not None:
        total = sum(plan.values())
        rows.append(
            [
                "Development-plan goals achieved",
                plan.get("achieved", 0),
                _pct(plan.get("achieved", 0), total),
            ]
        )
    changes = role_changes(program)
    notes = []
    if changes is None:
        notes.append(
            "Promotions, internal moves and leavers are under Career movement, compared with "
            "eligible colleagues who did not take part."
        )
    else:
        people = changes.get("people", 0)
        for key, label in (
            ("promotions", "Promoted since joining"),
            ("moves", "Moved to another role or department since joining"),
        ):
            n = changes.get(key, 0)
            if people < k:
                rows.append([label, Suppressed(k), Suppressed(k)])
            else:
                rows.append([label, n, _pct(n, people)])
    if plan is None:
        notes.append(
            "Development-plan goals are not counted: the growth app exposes no goal status yet."
        )
    return Table(
        "advancement",
        "Advancement",
        _cols(("figure", "Figure"), ("count", "People"), ("share", "%")),
        rows,
        "Goals achieved and career moves of the program's mentees.",
        note=" ".join(notes),
    )


def outcomes_report(program: Program, *, now: datetime) -> Report:
    """Pre/post change per measure (paired), response rates and advancement."""
    k = min_group_size()
    kinds = [
        SurveyInvitation.Kind.BASELINE,
        SurveyInvitation.Kind.MIDPOINT,
        SurveyInvitation.Kind.END,
        SurveyInvitation.Kind.EXIT,
    ]
    answers = _answers(program, kinds)
    scores = _scores_by_person([a for a in answers if a[2] != "exit"])
    baseline = scores.get("baseline", {})
    people_word = _plural(program.mentee_label)
    tables = [
        _outcome_table(f"outcomes_{kind}", title, baseline, scores.get(kind, {}), k, people_word)
        for kind, title in COMPARISONS
    ]
    movement = career_movement(program, now=now, k=k)
    tables += [movement, _response_rates(program, now, k), _advancement(program, answers, k)]
    return Report(
        program=program,
        tables=tables,
        extras={"min_group_size": k, "measures": MEASURES,
                "summary": outcomes_summary(tables, k=k, people_word=people_word)},
    )


def outcomes_summary(tables: list[Table], *, k: int, people_word: str) -> list[str]:
    """The page's first lines: the latest comparison's sentences and career movement."""
    lines: list[str] = []
    by_key = {t.key: t for t in tables}
    for key in ("outcomes_end", "outcomes_midpoint"):
        table = by_key.get(key)
        if table is not None and table.headlines:
            when = "by the end of the program" if key == "outcomes_end" else "by the midpoint"
            lines.append(f"Compared with when they joined, {when}:")
            lines += table.headlines[:3]
            break
    else:
        lines.append(
            f"No change is shown yet: fewer than {k} {people_word} have answered both the "
            "first survey and a later one."
        )
    movement = by_key.get("career_movement")
    if movement is not None and movement.headlines:
        lines.append(movement.headlines[0])
    return lines
