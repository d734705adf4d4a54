"""Fixtures for relationship tests: Maya and Marco paired in Grow, at each stage."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from mentora.relationships.services.agreements import agreement_sign, agreement_update
from mentora.relationships.services.lifecycle import relationship_accept, relationship_request

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)  # a Monday


@pytest.fixture
def now():
    return NOW


@pytest.fixture
def requested(personas):
    return relationship_request(
        program=personas.program,
        mentee=personas.mentee,
        mentor=personas.mentor,
        by=personas.mentee,
        message="I would like to learn negotiation.",
        now=NOW,
    )


@pytest.fixture
def accepted(requested, personas):
    return relationship_accept(relationship=requested, by=personas.mentor, now=NOW)


@pytest.fixture
def active(accepted, personas):
    agreement = accepted.agreement
    agreement_update(
        agreement=agreement,
        by=personas.mentee,
        data={"goals": ["Negotiate my next salary review", "Run a campaign end to end"]},
        now=NOW,
    )
    agreement_sign(agreement=agreement, by=personas.mentee, now=NOW)
    agreement_sign(agreement=agreement, by=personas.mentor, now=NOW)
    accepted.refresh_from_db()
    assert accepted.status == "active"
    return accepted
