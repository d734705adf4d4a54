"""Under concurrency (PostgreSQL, real parallel transactions): one run at a time, one publish,
capacity and one live match per mentee per program never exceeded."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from mentora.lib.errors import DomainError
from mentora.matching.models import MatchRun
from mentora.matching.services import draft_publish, matchrun_execute, matchrun_start
from mentora.programs.models import Enrollment, Program
from mentora.relationships.models import Relationship
from mentora.relationships.services.lifecycle import relationship_accept, relationship_request
from mentora.testing import make_user

from .helpers import enroll, grow_cohort

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL"),
]


def _parallel(*targets):
    barrier = threading.Barrier(len(targets))
    results: list[object] = [None] * len(targets)

    def wrap(k, fn):
        from django.db import connection as thread_connection

        try:
            barrier.wait()
            results[k] = fn()
        except DomainError as exc:
            results[k] = exc
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=wrap, args=(k, fn)) for k, fn in enumerate(targets)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return results


def test_it_starts_one_run_when_many_managers_press_run_together(personas):
    results = _parallel(
        *[lambda: matchrun_start(program=personas.program, by=personas.manager)] * 6
    )
    started = [r for r in results if isinstance(r, MatchRun)]
    refused = [r for r in results if isinstance(r, DomainError)]
    assert len(started) == 1 and len(refused) == 5
    assert all(r.code == "conflict" for r in refused)
    assert MatchRun.objects.count() == 1


def test_it_publishes_a_draft_once_when_published_twice_at_once(personas):
    grow_cohort(personas, mentees=4, mentors=2)
    matchrun_execute(run=matchrun_start(program=personas.program, by=personas.manager))
    results = _parallel(
        lambda: draft_publish(program=personas.program, by=personas.manager),
        lambda: draft_publish(program=personas.program, by=personas.admin),
    )
    assert sum(isinstance(r, DomainError) for r in results) == 1
    assert Relationship.objects.filter(program=personas.program).count() == 4


def test_capacity_holds_between_an_active_publish_and_parallel_accepts(personas):
    Program.objects.filter(pk=personas.program.pk).update(publish_mode="active")
    Enrollment.objects.filter(user=personas.mentor).update(capacity=3)
    # Three requests to Marco made outside the draft, answered while the draft publishes.
    waiting = []
    for k in range(3):
        user = make_user(f"req{k}@example.com", f"Requester {k}")
        enroll(personas.program, user, Enrollment.Role.MENTEE)
        waiting.append(user)
    matchrun_execute(run=matchrun_start(program=personas.program, by=personas.manager))
    requests = [
        relationship_request(program=personas.program, mentee=u, mentor=personas.mentor, by=u)
        for u in waiting
    ]
    program = Program.objects.get(pk=personas.program.pk)
    results = _parallel(
        lambda: draft_publish(program=program, by=personas.manager),
        *[
            (lambda rel=rel: relationship_accept(relationship=rel, by=personas.mentor))
            for rel in requests
        ],
    )
    holding = Relationship.objects.holding_place().filter(mentor=personas.mentor).count()
    assert holding <= 3
    assert any(isinstance(r, DomainError) for r in results), results  # someone refused
    live = Relationship.objects.live().filter(program=personas.program)
    assert live.values("mentee").distinct().count() == live.count()  # one live per mentee


def test_one_live_match_per_mentee_when_publish_races_a_request(personas):
    matchrun_execute(run=matchrun_start(program=personas.program, by=personas.manager))
    results = _parallel(
        lambda: draft_publish(program=personas.program, by=personas.manager),
        lambda: relationship_request(
            program=personas.program,
            mentee=personas.mentee,
            mentor=personas.mentor,
            by=personas.mentee,
        ),
    )
    assert sum(isinstance(r, DomainError) for r in results) == 1
    assert Relationship.objects.live().filter(mentee=personas.mentee).count() == 1
