"""Requests in order of preference: the cascade, deadlines, capacity release, do not pair."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from mentora.jobs import reminders_run
from mentora.lib import clock
from mentora.lib.errors import DomainError
from mentora.notifications.models import OutboxMessage
from mentora.programs.models import Enrollment
from mentora.recommendations.models import MentorChoice
from mentora.recommendations.ranking import recommendations_for
from mentora.recommendations.selectors import do_not_pair_user_pairs
from mentora.recommendations.services import (
    do_not_pair_create,
    do_not_pair_delete,
    mentor_request_accept,
    mentor_request_decline,
    mentor_request_withdraw,
    mentor_requests_add,
    mentor_requests_expire,
    mentor_requests_reorder,
    request_question_answer,
    request_question_ask,
)
from mentora.recommendations.tests.conftest import NOW
from mentora.relationships.models import Relationship, RematchRequest
from mentora.relationships.services.ending import rematch_request_create
from mentora.relationships.services.lifecycle import (
    relationship_decline,
    relationship_end_early,
)

pytestmark = pytest.mark.django_db
S = MentorChoice.Status


def ask(program, mentee, *people, now=NOW):
    return mentor_requests_add(
        program=program,
        mentee=mentee,
        by=mentee,
        choices=[(p, f"Note to {p.full_name}") for p in people],
        now=now,
    )


def mails(kind, to):
    return OutboxMessage.objects.filter(kind=f"recommendations.{kind}", recipient=to)


def test_it_asks_only_the_first_choice_and_tells_them(personas, grow, mentors):
    first, second = ask(grow, personas.mentee, mentors.marco, mentors.nora)
    assert (first.status, first.position, second.status, second.position) == (
        S.ASKED,
        1,
        S.WAITING,
        2,
    )
    assert first.relationship.status == Relationship.Status.REQUESTED
    assert first.relationship.message == "Note to Marco Mentor"
    assert first.deadline_at == NOW + timedelta(days=grow.request_deadline_days)
    assert mails("mentor_request", mentors.marco).count() == 1
    assert not mails("mentor_request", mentors.nora).exists()  # not asked yet


def test_it_asks_the_next_choice_when_the_first_declines(personas, grow, mentors):
    first, second = ask(grow, personas.mentee, mentors.marco, mentors.nora)
    with pytest.raises(DomainError, match="why you decline") as err:
        mentor_request_decline(choice=first, by=mentors.marco, reason=" ", now=NOW)
    assert err.value.field == "reason"
    later = NOW + timedelta(hours=5)
    mentor_request_decline(choice=first, by=mentors.marco, reason="Full this quarter.", now=later)
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == S.DECLINED and first.outcome_reason == "Full this quarter."
    assert first.relationship.status == Relationship.Status.DECLINED
    assert second.status == S.ASKED and second.position == 1
    assert second.deadline_at == later + timedelta(days=3)
    assert "Full this quarter." in mails("mentor_request_declined", personas.mentee).get().body
    assert mails("mentor_request_next", personas.mentee).exists()
    assert mails("mentor_request", mentors.nora).exists()


def test_it_expires_at_the_deadline_and_asks_the_next_choice(personas, grow, mentors):
    first, second = ask(grow, personas.mentee, mentors.marco, mentors.nora)
    deadline = first.deadline_at
    with clock.frozen_at(deadline - timedelta(minutes=1)):
        assert mentor_requests_expire().expired == 0
    first.refresh_from_db()
    assert first.status == S.ASKED
    with clock.frozen_at(deadline + timedelta(minutes=1)):
        result = mentor_requests_expire()
        again = mentor_requests_expire()
    assert result.expired == 1 and again.expired == 0  # running twice does nothing twice
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == S.EXPIRED
    assert first.relationship.status == Relationship.Status.EXPIRED
    assert second.status == S.ASKED
    assert mails("mentor_request_expired", mentors.marco).count() == 1
    assert mails("mentor_request_unanswered", personas.mentee).count() == 1
    # The last choice expiring leaves the mentee with nobody: they are told to choose again.
    with clock.frozen_at(second.deadline_at + timedelta(minutes=1)):
        mentor_requests_expire()
    assert mails("mentor_request_none_left", personas.mentee).count() == 1


def test_it_runs_the_expiry_from_the_worker_reminders_and_the_command(personas, grow, mentors):
    first, second = ask(grow, personas.mentee, mentors.marco, mentors.nora)
    reminders_run(now=first.deadline_at + timedelta(hours=1))
    second.refresh_from_db()
    assert second.status == S.ASKED
    call_command("requests_expire", "--at", (second.deadline_at + timedelta(hours=1)).isoformat())
    second.refresh_from_db()
    assert second.status == S.EXPIRED
    with pytest.raises(CommandError, match="--at"):
        call_command("requests_expire", "--at", "next tuesday")


def test_it_keeps_the_program_deadline_longer_than_the_generic_request_expiry(
    personas, grow, mentors
):
    grow.request_deadline_days = 30
    grow.save()
    (first,) = ask(grow, personas.mentee, mentors.marco)
    reminders_run(now=NOW + timedelta(days=20))  # past the 14-day generic expiry
    first.refresh_from_db()
    assert first.status == S.ASKED
    assert first.relationship.status == Relationship.Status.REQUESTED


def test_it_releases_pending_requests_when_a_mentor_fills_up(personas, grow, mentors, mentee2):
    Enrollment.objects.filter(program=grow, user=mentors.marco).update(capacity=1)
    (maya_first,) = ask(grow, personas.mentee, mentors.marco)
    mina_first, mina_second = ask(grow, mentee2, mentors.marco, mentors.nora)
    assert mina_first.status == S.ASKED
    mentor_request_accept(choice=maya_first, by=mentors.marco, now=NOW)
    maya_first.refresh_from_db()
    mina_first.refresh_from_db()
    mina_second.refresh_from_db()
    assert maya_first.status == S.ACCEPTED
    assert maya_first.relationship.status == Relationship.Status.ACCEPTED
    assert mina_first.status == S.RELEASED
    assert mina_first.relationship.status == Relationship.Status.EXPIRED  # not the mentor's no
    assert "no place left" in mina_first.relationship.end_reason
    assert mina_second.status == S.ASKED
    assert mails("mentor_request_released", mentee2).count() == 1
    assert mails("mentor_request_accepted", personas.mentee).count() == 1
    # A full mentor is no longer recommended, nor can be asked.
    names = [r.mentor.full_name for r in recommendations_for(program=grow, mentee=mentee2).items]
    assert "Marco Mentor" not in names
    with pytest.raises(DomainError, match="no place left"):
        mentor_request_withdraw(choice=mina_second, by=mentee2, now=NOW)
        ask(grow, mentee2, mentors.marco)


def test_it_refuses_more_requests_than_the_program_allows(personas, grow, mentors):
    grow.max_mentor_requests = 1
    grow.save()
    with pytest.raises(DomainError, match="up to 1 mentor") as err:
        ask(grow, personas.mentee, mentors.marco, mentors.nora)
    assert err.value.field == "mentors"
    assert not MentorChoice.objects.exists()  # nothing half-written


def test_it_refuses_a_mentor_who_breaks_a_hard_constraint(personas, grow, mentors):
    with pytest.raises(DomainError, match="no shared language") as err:
        ask(grow, personas.mentee, mentors.marco, mentors.theo)
    assert err.value.field == "mentors.1"
    assert not MentorChoice.objects.exists()


def test_it_lets_only_enrolled_mentees_of_choosing_programs_ask(personas, grow, mentors):
    with pytest.raises(DomainError) as err:
        ask(grow, personas.unrelated, mentors.marco)
    assert err.value.code == "forbidden"
    with pytest.raises(DomainError) as err:
        mentor_requests_add(
            program=grow,
            mentee=personas.mentee,
            by=personas.manager,
            choices=[(mentors.marco, "")],
        )
    assert err.value.code == "forbidden"
    grow.matching_mode = "manager"
    grow.save()
    with pytest.raises(DomainError, match="program managers match"):
        ask(grow, personas.mentee, mentors.marco)


def test_it_lets_the_mentor_ask_a_question_and_the_mentee_answer(personas, grow, mentors):
    first, _ = ask(grow, personas.mentee, mentors.marco, mentors.nora)
    with pytest.raises(DomainError, match="not asked you anything"):
        request_question_answer(choice=first, by=personas.mentee, body="Hello", now=NOW)
    with pytest.raises(DomainError) as err:
        request_question_ask(choice=first, by=personas.mentee, body="Me?", now=NOW)
    assert err.value.code == "forbidden"
    late = first.deadline_at - timedelta(hours=2)
    request_question_ask(choice=first, by=mentors.marco, body="Which market?", now=late)
    assert "Which market?" in mails("mentor_request_question", personas.mentee).get().body
    request_question_answer(choice=first, by=personas.mentee, body="Retail in France.", now=late)
    first.refresh_from_db()
    assert first.deadline_at == late + timedelta(days=1)  # a day to read the answer
    assert [m.body for m in first.messages.all()] == ["Which market?", "Retail in France."]
    assert mails("mentor_request_answer", mentors.marco).count() == 1


def test_it_withdraws_and_reorders_in_the_mentees_hands(personas, grow, mentors):
    carla = mentors.nora
    first, second = ask(grow, personas.mentee, mentors.marco, carla)
    with pytest.raises(DomainError) as err:
        mentor_request_withdraw(choice=first, by=mentors.marco, now=NOW)
    assert err.value.code == "forbidden"
    mentor_request_withdraw(choice=first, by=personas.mentee, now=NOW)
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == S.WITHDRAWN
    assert first.relationship.status == Relationship.Status.EXPIRED
    assert "Withdrawn" in first.relationship.end_reason
    assert second.status == S.ASKED
    assert mails("mentor_request_withdrawn", mentors.marco).count() == 1
    with pytest.raises(DomainError, match="already closed"):
        mentor_request_withdraw(choice=first, by=personas.mentee, now=NOW)


def test_it_tells_nobody_anything_when_nothing_waits_to_be_reordered(personas, grow, mentors):
    (only,) = ask(grow, personas.mentee, mentors.marco)
    mentor_request_withdraw(choice=only, by=personas.mentee, now=NOW)
    before = OutboxMessage.objects.count()
    reordered = mentor_requests_reorder(
        program=grow, mentee=personas.mentee, by=personas.mentee, order=[]
    )
    assert reordered == []
    assert OutboxMessage.objects.count() == before  # no second "choose again" email


def test_it_reorders_the_requests_still_waiting(personas, grow, mentors, mentee2):
    third = mentee2  # any approved mentor works: enroll Mina as a mentor too
    Enrollment.objects.create(program=grow, user=third, role="mentor", status="approved")
    first, second, last = ask(grow, personas.mentee, mentors.marco, mentors.nora, third)
    mentor_requests_reorder(
        program=grow, mentee=personas.mentee, by=personas.mentee, order=[last.pk, second.pk]
    )
    last.refresh_from_db()
    second.refresh_from_db()
    assert (last.position, second.position) == (2, 3)
    with pytest.raises(DomainError, match="exactly once") as err:
        mentor_requests_reorder(
            program=grow, mentee=personas.mentee, by=personas.mentee, order=[last.pk]
        )
    assert err.value.field == "order"
    mentor_request_decline(choice=first, by=mentors.marco, reason="No time.", now=NOW)
    last.refresh_from_db()
    assert last.status == S.ASKED


def test_it_follows_an_answer_given_on_the_relationship_page(personas, grow, mentors):
    first, second = ask(grow, personas.mentee, mentors.marco, mentors.nora)
    relationship_decline(relationship=first.relationship, by=personas.manager, reason="Busy.")
    result = mentor_requests_expire(now=NOW + timedelta(minutes=5))
    assert result.caught_up == 1
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, first.outcome_reason, second.status) == (S.DECLINED, "Busy.", S.ASKED)


def test_it_honours_do_not_pair_and_frees_an_ended_early_mentee(personas, grow, mentors):
    first, second = ask(grow, personas.mentee, mentors.marco, mentors.nora)
    mentor_request_accept(choice=first, by=mentors.marco, now=NOW)
    second.refresh_from_db()
    assert second.status == S.CLOSED  # accepted by the first: the rest is not needed
    with pytest.raises(DomainError, match="already have"):
        ask(grow, personas.mentee, mentors.nora)
    relationship = first.relationship
    with pytest.raises(DomainError, match="once the relationship has ended"):
        do_not_pair_create(relationship=relationship, by=personas.mentee)
    relationship_end_early(relationship=relationship, by=personas.mentee, reason="Not a fit.")
    rematch_request_create(relationship=relationship, by=personas.mentee)
    with pytest.raises(DomainError) as err:
        do_not_pair_create(relationship=relationship, by=personas.unrelated)
    assert err.value.code == "forbidden"
    entry = do_not_pair_create(relationship=relationship, by=mentors.marco)  # either side
    assert do_not_pair_user_pairs([personas.mentee.pk, mentors.marco.pk, mentors.nora.pk]) == {
        (mentors.marco.pk, personas.mentee.pk),
        (personas.mentee.pk, mentors.marco.pk),
    }
    # Back in the pool: recommended again, without Marco; the history stays.
    names = [
        r.mentor.full_name for r in recommendations_for(program=grow, mentee=personas.mentee).items
    ]
    assert names == ["Nora North"]
    with pytest.raises(DomainError, match="not a mentor you can ask"):
        ask(grow, personas.mentee, mentors.marco)
    (again,) = ask(grow, personas.mentee, mentors.nora, now=NOW + timedelta(days=1))
    assert again.status == S.ASKED
    mentor_request_accept(choice=again, by=mentors.nora, now=NOW + timedelta(days=1))
    assert RematchRequest.objects.get(relationship=relationship).resolved_at is not None
    assert Relationship.objects.filter(mentee=personas.mentee).count() == 2
    assert MentorChoice.objects.filter(mentee=personas.mentee).count() == 3
    do_not_pair_delete(entry=entry, by=mentors.marco)
    assert do_not_pair_user_pairs([personas.mentee.pk, mentors.marco.pk]) == set()


def test_it_gives_the_mentor_the_deadline_in_their_own_time_zone(personas, grow, mentors):
    profile = mentors.marco.profile
    profile.timezone = "Europe/Berlin"
    profile.save(update_fields=["timezone"])
    first, _ = ask(grow, personas.mentee, mentors.marco, mentors.nora)
    body = mails("mentor_request", mentors.marco).get().body
    local = first.deadline_at.astimezone(ZoneInfo("Europe/Berlin"))
    assert f"{local:%H:%M} (Europe/Berlin)" in body  # 10:00 in Berlin, not 09:00 UTC
    assert "UTC" not in body
