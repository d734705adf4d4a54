"""Fixtures: Grow lets mentees choose; Marco, Nora and Theo mentor in it; a frozen clock."""

from __future__ import annotations

from datetime import UTC, datetime
from types import SimpleNamespace

import pytest

from mentora.programs.models import Enrollment, Program
from mentora.testing import make_user

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)  # a Monday


@pytest.fixture
def now():
    return NOW


@pytest.fixture
def grow(personas):
    """Priya's Grow program, switched to mentees choosing their mentor."""
    program = personas.program
    program.matching_mode = Program.MatchingMode.MENTEE_CHOICE
    program.save(update_fields=["matching_mode"])
    return program


def enroll(program, user, role="mentor", **extra):
    return Enrollment.objects.create(
        program=program, user=user, role=role, status=Enrollment.Status.APPROVED, **extra
    )


@pytest.fixture
def mentors(personas, grow):
    """Marco (marketing manager), Nora (sales director) and Theo (German only) in Grow."""
    nora = make_user(
        "nora.north@example.com",
        "Nora North",
        job_title="Sales Director",
        current_role="Sales Director",
        department="Sales",
        years_experience=15,
        offers_mentoring=True,
        experience_summary="Built and coached sales teams; negotiation trainer.",
        skills_offered=["Negotiation"],
        languages=["English", "French"],
        meeting_format="in_person",
    )
    theo = make_user(
        "theo.tech@example.com",
        "Theo Tech",
        job_title="Software Engineer",
        department="Engineering",
        years_experience=8,
        offers_mentoring=True,
        languages=["German"],
    )
    enroll(grow, nora)
    enroll(grow, theo)
    return SimpleNamespace(marco=personas.mentor, nora=nora, theo=theo)


@pytest.fixture
def mentee2(grow):
    """Mina, a second mentee in Grow."""
    user = make_user(
        "mina.mentee@example.com",
        "Mina Mentee",
        job_title="Sales Associate",
        department="Sales",
        years_experience=1,
        target_role="Sales Director",
    )
    enroll(grow, user, role="mentee")
    return user
