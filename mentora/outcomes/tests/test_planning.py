"""The periodic survey job: what is created when, emailed once, through the worker."""

from __future__ import annotations

from datetime import timedelta

import pytest

from mentora.notifications.models import OutboxMessage
from mentora.notifications.worker import WorkerState, worker_tick
from mentora.outcomes.models import SurveyInvitation, SurveySchedule
from mentora.outcomes.planning import surveys_plan, surveys_run, surveys_send
from mentora.outcomes.tests.conftest import NOW, pair
from mentora.programs.models import Enrollment
from mentora.relationships.models import Meeting, Relationship

pytestmark = pytest.mark.django_db
K = SurveyInvitation.Kind


def kinds(user):
    return sorted(SurveyInvitation.objects.filter(respondent=user).values_list("kind", flat=True))


def test_it_asks_a_newly_enrolled_mentee_for_a_baseline_once(personas):
    Enrollment.objects.filter(user=personas.mentee).update(created_at=NOW - timedelta(days=3))
    assert surveys_plan(now=NOW) == 1
    invitation = SurveyInvitation.objects.get(respondent=personas.mentee)
    assert invitation.kind == K.BASELINE and invitation.skills == ["Negotiation"]
    assert invitation.closes_at == NOW - timedelta(days=3) + timedelta(days=56)
    assert surveys_plan(now=NOW + timedelta(hours=1)) == 0
    assert kinds(personas.mentor) == []  # mentors get no pulse survey


def test_it_does_not_ask_a_baseline_once_its_window_has_passed(personas):
    Enrollment.objects.filter(user=personas.mentee).update(created_at=NOW - timedelta(days=90))
    assert surveys_plan(now=NOW) == 0


def test_it_asks_midpoint_and_end_from_the_start_of_the_relationship(personas):
    program = personas.program  # 26 weeks: midpoint week 13, end week 26
    Enrollment.objects.filter(user=personas.mentee).update(created_at=NOW - timedelta(days=300))
    rel = pair(
        program, mentee=personas.mentee, mentor=personas.mentor, started_days_ago=13 * 7, meetings=0
    )
    assert surveys_plan(now=NOW) == 1 and kinds(personas.mentee) == [K.MIDPOINT]
    assert surveys_plan(now=NOW + timedelta(weeks=13)) == 1
    assert kinds(personas.mentee) == [K.END, K.MIDPOINT]
    assert rel.pk


def test_it_asks_the_end_survey_when_the_relationship_ends_early(personas):
    rel = pair(
        personas.program, status=Relationship.Status.ENDED_EARLY, started_days_ago=40, meetings=0
    )
    surveys_plan(now=NOW)
    assert kinds(rel.mentee) == [K.END, K.EXIT]
    assert kinds(rel.mentor) == [K.EXIT]


def test_it_asks_both_about_the_relationship_after_the_agreed_number_of_meetings(personas):
    SurveySchedule.objects.create(
        program=personas.program, end_week=26, midpoint_week=None, quality_after_meetings=2
    )
    rel = pair(personas.program, started_days_ago=10, meetings=0)
    Meeting.objects.create(
        relationship=rel, organiser=rel.mentor, starts_at=NOW - timedelta(days=8)
    )
    surveys_plan(now=NOW)
    assert SurveyInvitation.objects.filter(kind=K.QUALITY).count() == 0
    Meeting.objects.create(
        relationship=rel, organiser=rel.mentor, starts_at=NOW - timedelta(days=1)
    )
    surveys_plan(now=NOW)
    quality = SurveyInvitation.objects.filter(kind=K.QUALITY, relationship=rel)
    assert sorted(quality.values_list("role", flat=True)) == ["mentee", "mentor"]


def test_it_sends_nothing_for_a_program_with_surveys_off(personas):
    SurveySchedule.objects.create(program=personas.program, enabled=False, end_week=26)
    Enrollment.objects.filter(user=personas.mentee).update(created_at=NOW - timedelta(days=1))
    assert surveys_plan(now=NOW) == 0


def test_it_emails_each_survey_once_with_a_signed_link(personas, settings):
    settings.SITE_URL = "https://mentora.test"
    Enrollment.objects.filter(user=personas.mentee).update(created_at=NOW - timedelta(days=1))
    result = surveys_run(now=NOW)
    assert (result.created, result.emailed) == (1, 1)
    message = OutboxMessage.objects.get(kind="outcomes.survey")
    assert message.recipient == personas.mentee
    assert "https://mentora.test/outcomes/s/" in message.body
    assert "never sees them" in message.body
    assert surveys_send(now=NOW + timedelta(hours=1)) == 0
    assert OutboxMessage.objects.filter(kind="outcomes.survey").count() == 1


def test_it_runs_from_the_worker(personas):
    Enrollment.objects.filter(user=personas.mentee).update(created_at=NOW - timedelta(days=1))
    worker_tick(state=WorkerState(), now=NOW)
    assert kinds(personas.mentee) == [K.BASELINE]
    assert OutboxMessage.objects.filter(kind="outcomes.survey", recipient=personas.mentee).exists()
