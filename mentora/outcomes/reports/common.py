"""What both report builders share: small number formatting and the few bulk loads.

Everything is loaded in a fixed number of queries (values lists and annotations; no query per
relationship or person) and aggregated in Python.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.db.models import Exists, Min, OuterRef, Subquery

from mentora.outcomes.models import SurveyAnswer
from mentora.outcomes.stats import Suppressed
from mentora.outcomes.tables import Column
from mentora.programs.models import Enrollment, Program
from mentora.relationships.health import with_health_data
from mentora.relationships.models import Meeting, Relationship, RematchRequest

DAY_BINS = (
    (0, 7, "0–7 days"),
    (8, 14, "8–14"),
    (15, 30, "15–30"),
    (31, 60, "31–60"),
    (61, None, "over 60"),
)
FUNNEL = (
    "Enrolled",
    "Matched",
    "Agreement signed",
    "First meeting",
    "Active or completed",
    "Completed",
)
AGREE = 4  # "Agree" or "Strongly agree"


def _r(value: float | None, digits: int = 2) -> float | None:
    return None if value is None else round(value, digits)


def _p(value: float | None) -> float | None:
    """A p-value to three significant digits (tiny ones stay visible, not rounded to 0)."""
    return None if value is None else float(f"{value:.3g}")


def agreed_row(label: str, answers: list[Any], k: int) -> list[Any]:
    """A row of how many agreed (4 or 5) and their share, withheld below the group size k."""
    if len(answers) < k:
        return [label, Suppressed(k), Suppressed(k)]
    agreed = sum(1 for v in answers if v >= AGREE)
    return [label, agreed, _pct(agreed, len(answers))]


def _pct(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def _days(later: datetime | None, earlier: datetime | None) -> float | None:
    if later is None or earlier is None:
        return None
    return max((later - earlier).total_seconds() / 86400, 0.0)


def _plural(label: str) -> str:
    return f"{label}es" if label.endswith(("ch", "s")) else f"{label}s"


def _count(n: int, label: str) -> str:
    """ "1 mentor", "3 mentors", "0 coachees": a count with its role word in the right form."""
    return f"{n} {label if n == 1 else _plural(label)}"


def _cols(*pairs: tuple[str, str]) -> list[Column]:
    return [Column(k, label) for k, label in pairs]


# --------------------------------------------------------------------------- loading

# What the tables and relationships/health.py read: loading only these (not notes, messages
# or the agreement's texts) halves the time to build thousands of relationships.
RELATIONSHIP_FIELDS = (
    "program_id",
    "mentee_id",
    "mentor_id",
    "status",
    "requested_at",
    "accepted_at",
    "started_at",
    "ended_at",
    "last_activity_at",
    "agreement__relationship_id",
    "agreement__cadence",
    "agreement__goals",
    "agreement__mentee_signed_at",
    "agreement__mentor_signed_at",
)


def _relationships(program: Program, now: datetime) -> list[Any]:
    first = (
        Meeting.objects.held(now)
        .filter(relationship=OuterRef("pk"))
        .order_by()
        .values("relationship")
        .annotate(m=Min("starts_at"))
        .values("m")
    )
    rels = list(
        with_health_data(
            Relationship.objects.filter(program=program)
            .select_related("agreement")
            .only(*RELATIONSHIP_FIELDS),
            now=now,
        ).annotate(
            first_meeting_at=Subquery(first),
            # The mentee asked to be matched anew: they wait again even after completing.
            asks_again=Exists(
                RematchRequest.objects.filter(
                    program=program, mentee=OuterRef("mentee"), resolved_at__isnull=True
                )
            ),
        )
    )
    for rel in rels:
        rel.program = program  # one instance for all, instead of a joined copy per row
    return rels


def _enrollments(program: Program) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = list(
        Enrollment.objects.filter(program=program).values(
            "user_id",
            "role",
            "status",
            "created_at",
            "decided_at",
            "capacity",
            "user__profile__level",
            "user__profile__department",
        )  # type: ignore[arg-type]
    )
    return rows


def _answers(program: Program, kinds: Iterable[str]) -> list[tuple[int, int, str, str, str, int]]:
    """(invitation, respondent, kind, role, item, value) of answered surveys — for aggregation."""
    return list(
        SurveyAnswer.objects.filter(
            invitation__program=program,
            invitation__kind__in=list(kinds),
            invitation__answered_at__isnull=False,
        ).values_list(
            "invitation_id",
            "invitation__respondent_id",
            "invitation__kind",
            "invitation__role",
            "item",
            "value",
        )
    )


# --------------------------------------------------------------------------- dashboard
