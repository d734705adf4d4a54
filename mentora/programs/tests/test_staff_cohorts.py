"""Program staff create programs from templates, start new cohorts, archive, decide in bulk."""

from __future__ import annotations

import pytest
from django.urls import reverse

from mentora.accounts.services import user_set_program_staff
from mentora.audit.models import AuditEntry
from mentora.lib.errors import DomainError
from mentora.programs.models import Enrollment, Program
from mentora.programs.selectors import program_counts_for
from mentora.programs.services import (
    enrollments_decide,
    program_archive,
    program_create_from_template,
    program_duplicate,
    program_set_questions,
)
from mentora.relationships.models import AgreementTemplate
from mentora.testing import make_user


@pytest.fixture
def staff(personas):
    """Priya, made program staff by Olga."""
    return user_set_program_staff(user=personas.manager, is_program_staff=True, by=personas.admin)


def test_it_refuses_program_creation_to_a_manager_without_the_staff_permission(
    personas, client_for
):
    response = client_for(personas.manager).get(reverse("programs:create"))
    assert response.status_code == 403
    assert "program staff" in response.content.decode()
    with pytest.raises(DomainError):
        program_create_from_template(by=personas.manager, kind="flash", data={"name": "X"})


def test_it_lets_program_staff_create_a_flash_program_from_its_template(
    staff, personas, client_for
):
    client = client_for(staff)
    choose = client.get(reverse("programs:create")).content.decode()
    assert "One-off (flash) sessions" in choose and "Start from this" in choose
    form = client.get(reverse("programs:create") + "?kind=flash").content.decode()
    assert 'value="1"' in form  # one session per pair, prefilled
    response = client.post(
        reverse("programs:create"),
        {
            "kind": "flash",
            "name": "Ask an engineer",
            "status": "draft",
            "duration_weeks": 4,
            "default_cadence": "weekly",
            "mentor_capacity": 5,
            "matching_mode": "mentee_choice",
            "sessions_per_pair": 1,
            "feedback_form": "short",
        },
    )
    program = Program.objects.get(name="Ask an engineer")
    assert response.url == reverse("programs:detail", args=[program.slug])
    assert program.kind == "flash" and program.sessions_per_pair == 1
    assert not program.uses_agreement and program.feedback_form == "short"
    assert list(program.managers.all()) == [staff]
    assert [q.text for q in program.questions.all()] == [
        "What would you like to talk about in your session?"
    ]
    page = client.get(response.url).content.decode()
    assert "One session per pair, no written agreement, a short feedback form" in page
    assert "26 weeks" not in page
    entry = AuditEntry.objects.get(action="program.create")
    assert entry.actor == staff and entry.details["program"] == "Ask an engineer"


@pytest.mark.parametrize("kind", [k.value for k in Program.Kind])
def test_it_gives_every_kind_a_template_with_sensible_defaults(personas, staff, kind):
    program = program_create_from_template(by=staff, kind=kind, data={"name": f"A {kind}"})
    assert program.kind == kind
    if kind == "flash":
        assert program.sessions_per_pair == 1 and not program.uses_agreement
    if kind == "coaching":
        assert program.sessions_per_pair == 6 and program.uses_agreement


def test_it_rejects_an_unknown_template_by_name(staff):
    with pytest.raises(DomainError) as exc:
        program_create_from_template(by=staff, kind="bootcamp", data={"name": "X"})
    assert exc.value.field == "kind"


def test_it_duplicates_a_program_as_a_new_cohort_without_people(personas, staff, client_for):
    grow = personas.program
    program_set_questions(
        program=grow, by=staff, questions=[{"text": "Why now?", "audience": "mentee"}]
    )
    AgreementTemplate.objects.create(program=grow, name="Standard", is_default=True)
    Program.objects.filter(pk=grow.pk).update(match_weights={"skills": 2.0})
    client = client_for(staff)
    page = client.get(reverse("programs:duplicate", args=["grow"])).content.decode()
    assert "1 application question" in page and "1 agreement template" in page
    response = client.post(
        reverse("programs:duplicate", args=["grow"]), {"name": "Grow 2027", "slug": ""}
    )
    cohort = Program.objects.get(name="Grow 2027")
    assert response.url == reverse("programs:edit", args=[cohort.slug])
    assert cohort.status == Program.Status.DRAFT and cohort.cohort_of == grow
    assert cohort.kind == grow.kind and cohort.mentor_capacity == grow.mentor_capacity
    assert cohort.match_weights == {"skills": 2.0}
    assert [q.text for q in cohort.questions.all()] == ["Why now?"]
    assert [t.name for t in AgreementTemplate.objects.filter(program=cohort)] == ["Standard"]
    assert not cohort.enrollments.exists()  # people are not copied
    assert grow.enrollments.exists()
    assert staff in cohort.managers.all()
    entry = AuditEntry.objects.get(action="program.duplicate")
    assert entry.details["source"] == "Grow"


def test_it_refuses_a_duplicate_to_someone_who_does_not_manage_the_program(personas):
    uma = user_set_program_staff(user=personas.unrelated, is_program_staff=True, by=personas.admin)
    with pytest.raises(DomainError):
        program_duplicate(program=personas.program, by=uma, name="Grow again")


def test_it_names_the_field_when_a_cohort_has_no_new_name(personas, staff, client_for):
    response = client_for(staff).post(
        reverse("programs:duplicate", args=["grow"]), {"name": "Grow"}
    )
    assert response.status_code == 200
    assert "a name of its own" in response.content.decode()


def test_it_archives_after_asking_and_hides_the_program_from_the_list(personas, client_for):
    client = client_for(personas.manager)
    ask = client.get(reverse("programs:archive", args=["grow"])).content.decode()
    assert "Archive Grow?" in ask
    assert Program.objects.get(pk=personas.program.pk).status == Program.Status.OPEN
    client.post(reverse("programs:archive", args=["grow"]))
    program = Program.objects.get(pk=personas.program.pk)
    assert program.is_archived and not program.enrollment_open()
    listing = client_for(personas.mentee).get(reverse("programs:list")).content.decode()
    assert ">Grow<" not in listing
    archived = client.get(reverse("programs:list") + "?show=archived").content.decode()
    assert ">Grow<" in archived
    program_archive(program=program, by=personas.manager, archived=False)
    assert Program.objects.get(pk=program.pk).status == Program.Status.CLOSED
    assert [e.action for e in AuditEntry.objects.order_by("pk")][-2:] == [
        "program.archive",
        "program.restore",
    ]


def test_it_refuses_archiving_to_someone_who_does_not_manage(personas, client_for):
    response = client_for(personas.mentor).post(reverse("programs:archive", args=["grow"]))
    assert response.status_code == 403
    assert not Program.objects.get(pk=personas.program.pk).is_archived


def _pending(program, n):
    return [
        Enrollment.objects.create(
            program=program,
            user=make_user(f"applicant{i}@example.com", f"Applicant {i}"),
            role="mentee",
            status="pending",
        )
        for i in range(n)
    ]


def test_it_approves_ticked_applications_in_bulk_after_a_confirmation(personas, client_for):
    applicants = _pending(personas.program, 3)
    client = client_for(personas.manager)
    url = reverse("programs:bulk_decide", args=["grow"])
    ids = [e.pk for e in applicants[:2]]
    ask = client.post(url, {"decision": "approve", "enrollments": ids})
    assert ask.status_code == 200
    assert "Approve 2 applications to Grow?" in ask.content.decode()
    assert Enrollment.objects.filter(status="pending").count() == 3  # nothing decided yet
    done = client.post(url, {"decision": "approve", "enrollments": ids, "confirm": "yes"})
    assert done.url == reverse("programs:roster", args=["grow"])
    chosen = Enrollment.objects.filter(pk__in=[a.pk for a in applicants])
    statuses = {e.pk: e.status for e in chosen}
    assert [statuses[a.pk] for a in applicants] == ["approved", "approved", "pending"]
    entry = AuditEntry.objects.get(action="enrollments.approve")
    assert sorted(entry.details["people"]) == sorted(a.user_id for a in applicants[:2])


def test_it_declines_in_bulk_all_or_nothing(personas):
    applicants = _pending(personas.program, 2)
    approved = Enrollment.objects.get(program=personas.program, user=personas.mentee)
    with pytest.raises(DomainError):
        enrollments_decide(
            program=personas.program,
            by=personas.manager,
            enrollment_ids=[applicants[0].pk, approved.pk],
            decision="decline",
        )
    assert Enrollment.objects.get(pk=applicants[0].pk).status == "pending"


def test_it_refuses_bulk_decisions_to_others(personas, client_for):
    applicants = _pending(personas.program, 1)
    response = client_for(personas.mentee).post(
        reverse("programs:bulk_decide", args=["grow"]),
        {"decision": "approve", "enrollments": [applicants[0].pk], "confirm": "yes"},
    )
    assert response.status_code == 403
    assert Enrollment.objects.get(pk=applicants[0].pk).status == "pending"


def test_it_counts_each_person_once_when_a_program_has_two_managers(personas, client_for):
    lead = personas.coaching
    lead.managers.add(personas.admin, personas.manager)
    counts = program_counts_for(lead)
    listing = client_for(personas.manager).get(reverse("programs:list")).content.decode()
    assert f"{counts.mentees} coachee" in listing
    assert f"{counts.mentors} coach" in listing
    assert "coachs" not in listing


def test_it_shows_the_wording_people_read(personas, client_for):
    client = client_for(personas.manager)
    form = client.get(reverse("programs:edit", args=["grow"])).content.decode()
    assert "Slug" not in form and "Web address" in form
    assert ":</label>" not in form
    Program.objects.filter(pk=personas.program.pk).update(matching_mode="both")
    page = client.get(reverse("programs:detail", args=["grow"])).content.decode()
    assert "Matching</dt><dd>Both" not in page
    assert "or a program manager matches them" in page
