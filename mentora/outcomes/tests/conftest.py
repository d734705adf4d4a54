"""Helpers for outcomes tests: pairs in a program, surveys answered with chosen values."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from itertools import count
from typing import Any

import pytest

from mentora.outcomes.models import SurveyAnswer, SurveyInvitation
from mentora.outcomes.surveys import EXIT_ITEMS, PULSE_ITEMS, QUALITY_ITEMS
from mentora.programs.models import Enrollment, Program
from mentora.relationships.models import Agreement, Meeting, Relationship
from mentora.testing import make_user

NOW = datetime(2030, 6, 3, 9, 0, tzinfo=UTC)
_ids = count(1)


def person(program: Program, role: str = "mentee", **profile: Any) -> Any:
    n = next(_ids)
    user = make_user(f"p{n}@example.com", f"Person {n}", **profile)
    Enrollment.objects.create(
        program=program,
        user=user,
        role=role,
        status=Enrollment.Status.APPROVED,
        created_at=NOW - timedelta(days=200),
        decided_at=NOW - timedelta(days=200),
    )
    return user


def pair(
    program: Program,
    *,
    mentee: Any = None,
    mentor: Any = None,
    status: str = Relationship.Status.ACTIVE,
    started_days_ago: int = 100,
    meetings: int = 3,
) -> Relationship:
    """A relationship in any status, with a signed agreement and held meetings when started."""
    mentee = mentee or person(program)
    mentor = mentor or person(program, "mentor")
    started = NOW - timedelta(days=started_days_ago)
    rel = Relationship.objects.create(
        program=program,
        mentee=mentee,
        mentor=mentor,
        status=status,
        requested_at=started - timedelta(days=3),
        accepted_at=None
        if status == Relationship.Status.REQUESTED
        else started - timedelta(days=2),
        started_at=started if status not in ("requested", "accepted") else None,
        ended_at=NOW - timedelta(days=5) if status in ("completed", "ended_early") else None,
        last_activity_at=NOW - timedelta(days=2),
    )
    if rel.accepted_at:
        Agreement.objects.create(
            relationship=rel,
            goals=["Lead a project", "Negotiate"],
            mentee_signed_at=rel.started_at,
            mentor_signed_at=rel.started_at,
        )
    if rel.started_at:
        for i in range(meetings):
            Meeting.objects.create(
                relationship=rel, organiser=mentor, starts_at=started + timedelta(days=5 + 14 * i)
            )
    return rel


def answered(
    program: Program,
    respondent: Any,
    kind: str,
    values: dict[str, int] | int,
    *,
    relationship: Relationship | None = None,
    role: str = "mentee",
) -> SurveyInvitation:
    """An answered survey: `values` per item key, or one value for every item."""
    items = {"quality": QUALITY_ITEMS, "exit": EXIT_ITEMS}.get(kind, PULSE_ITEMS)
    if isinstance(values, int):
        values = {item.key: values for item in items}
    invitation = SurveyInvitation.objects.create(
        program=program,
        respondent=respondent,
        kind=kind,
        relationship=relationship,
        role=role,
        opens_at=NOW - timedelta(days=10),
        closes_at=NOW + timedelta(days=10),
        answered_at=NOW - timedelta(days=9),
    )
    SurveyAnswer.objects.bulk_create(
        SurveyAnswer(invitation=invitation, item=k, value=v) for k, v in values.items()
    )
    return invitation


@pytest.fixture
def frozen():
    from mentora.lib import clock

    with clock.frozen_at(NOW):
        yield NOW
