"""Enrollment rules: windows, eligibility, approval, waitlist, answers."""

from datetime import timedelta

import pytest
from django.utils import timezone

from mentora.lib.errors import DomainError
from mentora.people.models import Level
from mentora.programs.models import ApplicationQuestion, Enrollment, Program
from mentora.programs.services import (
    enrollment_approve,
    enrollment_create,
    enrollment_decline,
    enrollment_withdraw,
    program_create,
    program_update,
    waitlist_position,
)
from mentora.testing import make_user

pytestmark = pytest.mark.django_db


def test_it_enrolls_a_person_directly_when_no_approval_is_needed(personas):
    enrollment = enrollment_create(program=personas.program, user=personas.unrelated, role="mentee")
    assert enrollment.status == Enrollment.Status.APPROVED


def test_it_refuses_enrollment_outside_the_window(personas):
    program = personas.program
    program.enrollment_closes_at = timezone.now() - timedelta(days=1)
    program.enrollment_opens_at = timezone.now() - timedelta(days=30)
    program.save()
    with pytest.raises(DomainError, match="not open"):
        enrollment_create(program=program, user=personas.unrelated, role="mentee")
    assert not Enrollment.objects.filter(user=personas.unrelated).exists()


def test_it_refuses_a_draft_program(personas):
    personas.program.status = Program.Status.DRAFT
    personas.program.save()
    with pytest.raises(DomainError, match="not open"):
        enrollment_create(program=personas.program, user=personas.unrelated, role="mentee")


def test_it_refuses_a_second_enrollment_in_the_same_role(personas):
    with pytest.raises(DomainError, match="already in this program"):
        enrollment_create(program=personas.program, user=personas.mentee, role="mentee")


def test_it_checks_level_eligibility_for_mentees_only(personas):
    program = personas.program
    program.eligible_levels = [Level.SENIOR, Level.LEAD]
    program.save()
    with pytest.raises(DomainError, match="Senior, Lead / principal levels"):
        enrollment_create(program=program, user=personas.unrelated, role="mentee")
    mentor = enrollment_create(program=program, user=personas.unrelated, role="mentor")
    assert mentor.status == Enrollment.Status.APPROVED


def test_it_holds_enrollments_for_approval_when_the_program_asks(personas):
    personas.program.requires_approval = True
    personas.program.save()
    enrollment = enrollment_create(program=personas.program, user=personas.unrelated, role="mentee")
    assert enrollment.status == Enrollment.Status.PENDING
    enrollment_approve(enrollment=enrollment, by=personas.manager)
    enrollment.refresh_from_db()
    assert enrollment.status == Enrollment.Status.APPROVED
    assert enrollment.decided_by == personas.manager


def test_only_managers_approve_or_decline(personas):
    personas.program.requires_approval = True
    personas.program.save()
    enrollment = enrollment_create(program=personas.program, user=personas.unrelated, role="mentee")
    for outsider in (personas.mentor, personas.unrelated, personas.coach):
        with pytest.raises(DomainError, match="managers"):
            enrollment_approve(enrollment=enrollment, by=outsider)
        with pytest.raises(DomainError, match="managers"):
            enrollment_decline(enrollment=enrollment, by=outsider)
    enrollment_decline(enrollment=enrollment, by=personas.admin, note="Next cohort")
    enrollment.refresh_from_db()
    assert (enrollment.status, enrollment.decision_note) == ("declined", "Next cohort")


def test_it_waitlists_when_full_and_promotes_in_order(personas):
    program = personas.program
    program.mentee_limit = 2
    program.save()
    second = enrollment_create(program=program, user=personas.unrelated, role="mentee")
    assert second.status == Enrollment.Status.APPROVED
    late_1 = make_user("late1@example.com", "Late One")
    late_2 = make_user("late2@example.com", "Late Two")
    w1 = enrollment_create(program=program, user=late_1, role="mentee")
    w2 = enrollment_create(program=program, user=late_2, role="mentee")
    assert (w1.status, w2.status) == ("waitlisted", "waitlisted")
    assert (waitlist_position(w1), waitlist_position(w2)) == (1, 2)
    enrollment_withdraw(enrollment=second, by=personas.unrelated)
    w1.refresh_from_db()
    w2.refresh_from_db()
    assert w1.status == Enrollment.Status.APPROVED
    assert waitlist_position(w2) == 1


def test_mentors_do_not_take_mentee_places(personas):
    program = personas.program
    program.mentee_limit = 1
    program.save()
    mentor = enrollment_create(program=program, user=personas.unrelated, role="mentor", capacity=2)
    assert mentor.status == Enrollment.Status.APPROVED
    assert mentor.effective_capacity == 2


def test_it_validates_answers_to_the_programs_questions(personas):
    program = personas.program
    why = ApplicationQuestion.objects.create(program=program, text="Why now?", required=True)
    pace = ApplicationQuestion.objects.create(
        program=program, text="Pace?", choices=["Fast", "Steady"], required=False
    )
    with pytest.raises(DomainError, match="Please answer “Why now\\?”") as exc:
        enrollment_create(program=program, user=personas.unrelated, role="mentee", answers={})
    assert exc.value.field == f"answers.{why.pk}"
    with pytest.raises(DomainError, match="choose one of Fast, Steady"):
        enrollment_create(
            program=program,
            user=personas.unrelated,
            role="mentee",
            answers={str(why.pk): "Promotion", str(pace.pk): "Slow"},
        )
    assert not Enrollment.objects.filter(user=personas.unrelated).exists()
    enrollment = enrollment_create(
        program=program,
        user=personas.unrelated,
        role="mentee",
        answers={str(why.pk): " Promotion ", str(pace.pk): "Steady"},
    )
    assert enrollment.answers == {str(why.pk): "Promotion", str(pace.pk): "Steady"}


def test_a_manager_can_enroll_someone_else_but_a_peer_cannot(personas):
    with pytest.raises(DomainError, match="managers"):
        enrollment_create(
            program=personas.program, user=personas.unrelated, role="mentee", by=personas.mentee
        )
    enrollment = enrollment_create(
        program=personas.program, user=personas.unrelated, role="mentee", by=personas.manager
    )
    assert enrollment.decided_by == personas.manager


def test_a_withdrawn_person_can_enroll_again(personas):
    enrollment = Enrollment.objects.get(user=personas.mentee, program=personas.program)
    enrollment_withdraw(enrollment=enrollment, by=personas.mentee)
    with pytest.raises(DomainError, match="already ended"):
        enrollment_withdraw(enrollment=enrollment, by=personas.mentee)
    again = enrollment_create(program=personas.program, user=personas.mentee, role="mentee")
    assert again.pk == enrollment.pk and again.status == "approved"


def test_only_org_admins_create_programs_and_slugs_are_unique(personas):
    with pytest.raises(DomainError, match="organization admins"):
        program_create(by=personas.manager, data={"name": "X"})
    first = program_create(by=personas.admin, data={"name": "Women in Tech"})
    second = program_create(by=personas.admin, data={"name": "Women in Tech"})
    assert (first.slug, second.slug) == ("women-in-tech", "women-in-tech-2")
    assert list(first.managers.all()) == [personas.admin]
    with pytest.raises(DomainError, match="taken") as exc:
        program_create(by=personas.admin, data={"name": "Y", "slug": "grow"})
    assert exc.value.field == "slug"


def test_it_rejects_bad_program_settings_naming_the_field(personas):
    now = timezone.now()
    cases = [
        (
            {"enrollment_opens_at": now, "enrollment_closes_at": now - timedelta(days=1)},
            "enrollment_closes_at",
        ),
        ({"eligible_levels": ["wizard"]}, "eligible_levels"),
        ({"kind": "lecture"}, "kind"),
        ({"colour": "red"}, "colour"),
    ]
    for data, field in cases:
        with pytest.raises(DomainError) as exc:
            program_update(program=personas.program, by=personas.manager, data=data)
        assert exc.value.field == field
    personas.program.refresh_from_db()
    assert personas.program.kind == "mentoring"
