"""Many simultaneous accepts never exceed a mentor's capacity (PostgreSQL row locks)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from mentora.lib.errors import DomainError
from mentora.programs.models import Enrollment
from mentora.recommendations.models import MentorChoice
from mentora.recommendations.services import mentor_request_accept, mentor_requests_add
from mentora.recommendations.tests.conftest import NOW, enroll
from mentora.relationships.models import Relationship
from mentora.testing import make_user

MENTEES = 6
CAPACITY = 2


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
def test_it_never_exceeds_capacity_under_parallel_accepts_on_postgresql(personas, grow):
    marco = personas.mentor
    Enrollment.objects.filter(program=grow, user=marco).update(capacity=CAPACITY)
    choices = []
    for k in range(MENTEES):
        mentee = make_user(f"p{k}@example.com", f"Parallel {k}", target_role="Marketing Manager")
        enroll(grow, mentee, role="mentee")
        (choice,) = mentor_requests_add(
            program=grow, mentee=mentee, by=mentee, choices=[(marco, "")], now=NOW
        )
        choices.append(choice)
    barrier = threading.Barrier(MENTEES)
    outcomes: list[str] = []
    lock = threading.Lock()

    def accept(choice):
        from django.db import connection as thread_connection

        try:
            barrier.wait()
            try:
                mentor_request_accept(choice=choice, by=marco)
                result = "accepted"
            except DomainError as exc:
                result = exc.code
            with lock:
                outcomes.append(result)
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=accept, args=(c,)) for c in choices]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert sorted(outcomes) == ["accepted"] * CAPACITY + ["conflict"] * (MENTEES - CAPACITY)
    holding = Relationship.objects.holding_place().filter(program=grow, mentor=marco).count()
    assert holding == CAPACITY
    statuses = sorted(MentorChoice.objects.values_list("status", flat=True))
    assert statuses == ["accepted"] * CAPACITY + ["released"] * (MENTEES - CAPACITY)
    assert connection.vendor == "postgresql"
