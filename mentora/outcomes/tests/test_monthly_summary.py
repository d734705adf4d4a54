"""The monthly summary email: once a month per program and manager, in plain sentences."""

from __future__ import annotations

from datetime import timedelta

import pytest

from mentora.jobs import WorkerState, worker_tick
from mentora.notifications.models import OutboxMessage
from mentora.outcomes.summaries import KIND, outcomes_monthly_summaries_send
from mentora.outcomes.tests.conftest import NOW, pair
from mentora.programs.models import Program

pytestmark = pytest.mark.django_db


def test_it_emails_each_manager_once_a_month(personas, frozen):
    Program.objects.filter(pk=personas.program.pk).update(status=Program.Status.OPEN)
    pair(personas.program)

    assert outcomes_monthly_summaries_send(now=NOW) >= 1
    again = outcomes_monthly_summaries_send(now=NOW + timedelta(days=3))
    assert again == 0
    mail = OutboxMessage.objects.get(kind=KIND, recipient=personas.manager,
                                     subject__startswith="Grow")
    assert mail.subject == "Grow in June 2030: your monthly summary"
    assert "1 of 2 enrolled mentees are matched (50 %)" in mail.body
    assert "/outcomes/programs/grow/" in mail.body
    assert "<li>" in mail.html_body
    assert outcomes_monthly_summaries_send(now=NOW + timedelta(days=30)) >= 1  # July


def test_it_sends_nothing_for_drafts_or_to_people_who_manage_nothing(personas, frozen):
    Program.objects.update(status=Program.Status.DRAFT)
    assert outcomes_monthly_summaries_send(now=NOW) == 0
    assert not OutboxMessage.objects.filter(kind=KIND).exists()


def test_it_runs_from_the_worker(personas, frozen):
    Program.objects.filter(pk=personas.program.pk).update(status=Program.Status.OPEN)
    worker_tick(state=WorkerState(), now=NOW)
    assert OutboxMessage.objects.filter(kind=KIND, recipient=personas.manager).exists()
    assert not OutboxMessage.objects.filter(kind=KIND, recipient=personas.mentee).exists()
