"""The relationship state machine: valid transitions, refused ones, the event log, capacity."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction

from mentora.lib.errors import DomainError
from mentora.programs.models import Enrollment
from mentora.relationships.models import Relationship
from mentora.relationships.services.lifecycle import (
    relationship_accept,
    relationship_complete,
    relationship_decline,
    relationship_end_early,
    relationship_expire,
    relationship_pause,
    relationship_request,
    relationship_resume,
    relationship_withdraw,
)
from mentora.testing import make_user

from .conftest import NOW

pytestmark = pytest.mark.django_db


def test_it_requests_a_mentoring_relationship_with_an_event(requested, personas):
    assert requested.status == "requested"
    assert requested.kind == "mentoring"
    event = requested.events.get()
    assert (event.action, event.to_status, event.by, event.at) == (
        "request",
        "requested",
        personas.mentee,
        NOW,
    )
    assert event.reason == "I would like to learn negotiation."


def test_it_walks_the_happy_path_and_logs_every_step(active, personas):
    relationship_pause(relationship=active, by=personas.mentee, reason="Holiday", now=NOW)
    assert active.status == "paused"
    relationship_resume(relationship=active, by=personas.mentor, now=NOW)
    relationship_complete(relationship=active, by=personas.manager, now=NOW)
    active.refresh_from_db()
    assert active.status == "completed" and active.ended_at == NOW
    transitions = [
        (e.action, e.from_status, e.to_status)
        for e in active.events.exclude(from_status="", to_status="requested")
        if e.from_status != e.to_status
    ]
    assert transitions == [
        ("accept", "requested", "accepted"),
        ("start", "accepted", "active"),
        ("pause", "active", "paused"),
        ("resume", "paused", "active"),
        ("complete", "active", "completed"),
    ]
    pause = active.events.get(action="pause")
    assert (pause.by, pause.reason) == (personas.mentee, "Holiday")


@pytest.mark.parametrize(
    "service, kwargs",
    [
        (relationship_pause, {}),
        (relationship_resume, {}),
        (relationship_complete, {}),
    ],
)
def test_it_refuses_transitions_a_request_does_not_allow(requested, personas, service, kwargs):
    with pytest.raises(DomainError) as exc:
        service(relationship=requested, by=personas.mentor, now=NOW, **kwargs)
    assert exc.value.code == "conflict"
    assert "requested relationship cannot" in exc.value.message
    assert "accept, decline, expire" in exc.value.message
    requested.refresh_from_db()
    assert requested.status == "requested"


def test_it_refuses_anything_after_the_end(active, personas):
    relationship_end_early(relationship=active, by=personas.mentee, reason="Changed teams", now=NOW)
    for service in (relationship_pause, relationship_resume, relationship_complete):
        with pytest.raises(DomainError, match="it can: nothing"):
            service(relationship=active, by=personas.mentee, now=NOW)
    with pytest.raises(DomainError):
        relationship_accept(relationship=active, by=personas.mentor, now=NOW)
    assert active.end_reason == "Changed teams"


def test_it_requires_a_reason_to_end_early(active, personas):
    with pytest.raises(DomainError) as exc:
        relationship_end_early(relationship=active, by=personas.mentee, reason="  ", now=NOW)
    assert exc.value.field == "reason"


def test_it_lets_only_the_mentor_or_a_manager_answer(requested, personas):
    for person in (personas.mentee, personas.unrelated, personas.coach):
        with pytest.raises(DomainError) as exc:
            relationship_accept(relationship=requested, by=person, now=NOW)
        assert exc.value.code == "forbidden"
    relationship_decline(relationship=requested, by=personas.manager, reason="Busy", now=NOW)
    assert requested.status == "declined"


def test_it_lets_outsiders_steer_nothing(active, personas):
    with pytest.raises(DomainError) as exc:
        relationship_pause(relationship=active, by=personas.unrelated, now=NOW)
    assert exc.value.code == "forbidden"


def test_it_expires_an_unanswered_request(requested):
    relationship_expire(relationship=requested, now=NOW)
    assert requested.status == "expired"
    assert requested.events.last().by is None


def test_it_allows_one_live_relationship_per_mentee_and_program(requested, personas):
    with pytest.raises(DomainError) as exc:
        relationship_request(
            program=personas.program,
            mentee=personas.mentee,
            mentor=personas.mentor,
            by=personas.manager,
            now=NOW,
        )
    assert exc.value.field == "mentee"


def test_it_enforces_one_live_relationship_in_the_database(requested, personas):
    with pytest.raises(IntegrityError), transaction.atomic():
        Relationship.objects.create(
            program=personas.program, mentee=personas.mentee, mentor=personas.mentor
        )


def test_it_allows_a_new_request_after_a_decline(requested, personas):
    relationship_decline(relationship=requested, by=personas.mentor, now=NOW)
    again = relationship_request(
        program=personas.program,
        mentee=personas.mentee,
        mentor=personas.mentor,
        by=personas.mentee,
        now=NOW,
    )
    assert again.status == "requested"


def test_it_refuses_to_accept_beyond_the_mentor_capacity(personas):
    enrollment = Enrollment.objects.get(program=personas.program, user=personas.mentor)
    enrollment.capacity = 1
    enrollment.save()
    other = make_user("omar@example.com", "Omar Other")
    Enrollment.objects.create(
        program=personas.program, user=other, role="mentee", status="approved"
    )
    first = relationship_request(
        program=personas.program,
        mentee=personas.mentee,
        mentor=personas.mentor,
        by=personas.mentee,
        now=NOW,
    )
    second = relationship_request(
        program=personas.program, mentee=other, mentor=personas.mentor, by=other, now=NOW
    )
    relationship_accept(relationship=first, by=personas.mentor, now=NOW)
    with pytest.raises(DomainError) as exc:
        relationship_accept(relationship=second, by=personas.mentor, now=NOW)
    assert exc.value.field == "capacity"
    assert "1 of 1 taken" in exc.value.message
    second.refresh_from_db()
    assert second.status == "requested"


def test_it_needs_both_people_enrolled(personas):
    with pytest.raises(DomainError) as exc:
        relationship_request(
            program=personas.program,
            mentee=personas.unrelated,
            mentor=personas.mentor,
            by=personas.unrelated,
            now=NOW,
        )
    assert exc.value.field == "mentee"
    with pytest.raises(DomainError) as exc:
        relationship_request(
            program=personas.program,
            mentee=personas.mentee,
            mentor=personas.coach,
            by=personas.mentee,
            now=NOW,
        )
    assert exc.value.field == "mentor"


def test_it_makes_coaching_engagements_with_sessions(personas):
    Enrollment.objects.create(
        program=personas.coaching, user=personas.mentee, role="mentee", status="approved"
    )
    engagement = relationship_request(
        program=personas.coaching,
        mentee=personas.mentee,
        mentor=personas.coach,
        by=personas.admin,
        sessions_planned=6,
        now=NOW,
    )
    assert (engagement.kind, engagement.sessions_planned) == ("coaching", 6)
    with pytest.raises(DomainError) as exc:
        relationship_request(
            program=personas.program,
            mentee=personas.mentee,
            mentor=personas.mentor,
            by=personas.mentee,
            sessions_planned=3,
            now=NOW,
        )
    assert exc.value.field == "sessions"


def test_it_refuses_a_stranger_pairing_other_people(personas):
    with pytest.raises(DomainError) as exc:
        relationship_request(
            program=personas.program,
            mentee=personas.mentee,
            mentor=personas.mentor,
            by=personas.unrelated,
            now=NOW,
        )
    assert exc.value.code == "forbidden"


def test_it_lets_the_mentee_withdraw_a_request_with_an_event(requested, personas):
    relationship_withdraw(relationship=requested, by=personas.mentee, now=NOW)
    requested.refresh_from_db()
    assert (requested.status, requested.ended_at) == ("expired", NOW)
    assert requested.end_reason == f"Withdrawn by {personas.mentee}."
    event = requested.events.last()
    assert (event.action, event.from_status, event.to_status, event.by, event.at) == (
        "withdraw", "requested", "expired", personas.mentee, NOW,
    )
    # The mentee may ask again once the request is closed.
    again = relationship_request(
        program=personas.program, mentee=personas.mentee, mentor=personas.mentor,
        by=personas.mentee, now=NOW,
    )
    assert again.status == "requested"


def test_it_lets_a_manager_or_the_system_withdraw_a_request(personas):
    def request():
        return relationship_request(
            program=personas.program, mentee=personas.mentee, mentor=personas.mentor,
            by=personas.manager, now=NOW,
        )

    released = relationship_withdraw(
        relationship=request(), by=None, reason="Marco has no place left.", now=NOW
    )
    assert (released.status, released.end_reason) == ("expired", "Marco has no place left.")
    assert released.events.last().by is None
    by_manager = relationship_withdraw(relationship=request(), by=personas.manager, now=NOW)
    assert by_manager.status == "expired"
    assert by_manager.events.last().by == personas.manager


@pytest.mark.parametrize("who", ["mentor", "coach", "unrelated"])
def test_it_refuses_a_withdrawal_by_anyone_else(requested, personas, who):
    with pytest.raises(DomainError) as exc:
        relationship_withdraw(relationship=requested, by=getattr(personas, who), now=NOW)
    assert exc.value.code == "forbidden"
    requested.refresh_from_db()
    assert requested.status == "requested" and requested.events.count() == 1


def test_it_withdraws_only_requests_not_yet_answered(accepted, personas):
    with pytest.raises(DomainError) as exc:
        relationship_withdraw(relationship=accepted, by=personas.mentee, now=NOW)
    assert (exc.value.code, exc.value.field) == ("conflict", "status")
    assert "still waiting for an answer" in exc.value.message
    accepted.refresh_from_db()
    assert accepted.status == "accepted"


def test_it_refuses_a_withdrawal_when_the_request_was_answered_meanwhile(requested, personas):
    stale = Relationship.objects.get(pk=requested.pk)
    relationship_decline(relationship=requested, by=personas.mentor, now=NOW)
    with pytest.raises(DomainError) as exc:
        relationship_withdraw(relationship=stale, by=personas.mentee, now=NOW)
    assert exc.value.code == "conflict"
    requested.refresh_from_db()
    assert requested.status == "declined"
