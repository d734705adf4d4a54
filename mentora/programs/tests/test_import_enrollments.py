"""Importing a program's enrollments: roles, statuses, answers and profile details."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings

from mentora.lib.errors import DomainError
from mentora.lib.tabular import ImportRejected, read_table
from mentora.people.importing import people_import
from mentora.people.models import Profile
from mentora.programs.importing import enrollments_import
from mentora.programs.models import Enrollment
from mentora.programs.services import program_set_questions

FIXTURES = Path(settings.BASE_DIR) / "tests" / "fixtures" / "import"
GOAL = "What do you want to get out of the program?"


@pytest.fixture
def grow(personas):
    """The Grow program with a question for everyone, one for mentees, one for mentors."""
    program_set_questions(
        program=personas.program,
        by=personas.manager,
        questions=[
            {"text": GOAL},
            {"text": "Meeting language", "audience": "mentee", "choices": ["English", "French"],
             "required": False},
            {"text": "Years mentoring", "audience": "mentor", "required": False},
        ],
    )
    people_import(
        table=read_table((FIXTURES / "people.csv").read_bytes(), filename="people.csv"), by=None
    )
    return personas.program


def question_id(program, text: str) -> str:
    return str(program.questions.get(text=text).pk)


def run(program, text: str, **options):
    return enrollments_import(
        program=program, table=read_table(text.encode(), filename="e.csv"), by=None, **options
    )


def snapshot(program) -> tuple:
    return (
        list(Enrollment.objects.order_by("pk").values()),
        list(Profile.objects.order_by("pk").values()),
        list(Profile.skills_wanted.through.objects.order_by("pk").values_list()),
        list(Profile.skills_offered.through.objects.order_by("pk").values_list()),
    )


def rejected(program, text: str) -> list[str]:
    before = snapshot(program)
    with pytest.raises(ImportRejected) as caught:
        run(program, text)
    assert snapshot(program) == before
    return [str(problem) for problem in caught.value.problems]


def test_it_enrolls_people_with_their_answers_and_profile_details(grow):
    report = run(grow, (FIXTURES / "enrollments.csv").read_text())

    assert (report.created, report.updated, report.unchanged) == (3, 0, 0)
    chen = Enrollment.objects.get(program=grow, user__email="chen.wei@example.com")
    assert (chen.role, chen.status) == (Enrollment.Role.MENTEE, Enrollment.Status.APPROVED)
    assert chen.answers == {question_id(grow, GOAL): "Move into engineering management"}
    assert chen.decided_at is not None
    dora = Enrollment.objects.get(program=grow, user__email="dora.kovacs@example.com")
    assert dora.status == Enrollment.Status.PENDING
    ben = Enrollment.objects.get(program=grow, user__email="ben.okafor@example.com")
    assert (ben.role, ben.capacity) == (Enrollment.Role.MENTOR, 3)
    profile = Profile.objects.get(user__email="chen.wei@example.com")
    assert profile.target_role == "Engineering Manager"
    assert sorted(profile.skills_wanted.values_list("name", flat=True)) == ["Delegation", "Hiring"]
    ben_profile = Profile.objects.get(user__email="ben.okafor@example.com")
    assert ben_profile.skills_offered.count() == 3


def test_it_changes_nothing_when_the_same_file_is_imported_again(grow):
    text = (FIXTURES / "enrollments.csv").read_text()
    run(grow, text)
    before = snapshot(grow)

    report = run(grow, text)

    assert (report.created, report.updated, report.unchanged) == (0, 0, 3)
    assert snapshot(grow) == before


def test_it_updates_status_capacity_and_answers_of_existing_enrollments(grow, personas):
    years = question_id(grow, "Years mentoring")
    text = (
        f"email,role,capacity,status,q:{years},{GOAL}\n"
        "marco.mentor@example.com,Mentor / Coach,5,withdrawn,10,Give back\n"
    )

    report = run(grow, text)

    assert report.updated == 1
    marco = Enrollment.objects.get(program=grow, user=personas.mentor)
    assert (marco.status, marco.capacity) == (Enrollment.Status.WITHDRAWN, 5)
    assert marco.answers == {question_id(grow, GOAL): "Give back", years: "10"}


def test_it_keeps_answers_and_profile_details_a_row_leaves_empty(grow, personas):
    run(grow, f"email,role,{GOAL},target_role\nmaya.mentee@example.com,mentee,Grow,\n")

    maya = Profile.objects.get(user=personas.mentee)
    assert maya.target_role == "Marketing Manager"
    report = run(grow, f"email,role,{GOAL}\nmaya.mentee@example.com,coachee,\n")
    assert report.unchanged == 1


def test_it_puts_new_mentees_on_the_waitlist_when_places_are_full(grow):
    grow.mentee_limit = 2
    grow.save()

    report = run(
        grow,
        f"email,role,{GOAL}\nchen.wei@example.com,mentee,Grow\n"
        "dora.kovacs@example.com,mentee,Grow\n",
    )

    statuses = dict(
        Enrollment.objects.filter(program=grow, role="mentee").values_list("user__email", "status")
    )
    assert statuses["chen.wei@example.com"] == Enrollment.Status.APPROVED
    assert statuses["dora.kovacs@example.com"] == Enrollment.Status.WAITLISTED
    assert [str(w) for w in report.warnings] == [
        "the program's 2 mentee places are full: 1 new mentees join the waitlist."
    ]


def test_it_reports_a_dry_run_and_writes_nothing(grow):
    before = snapshot(grow)

    report = run(grow, (FIXTURES / "enrollments.csv").read_text(), dry_run=True)

    assert report.created == 3
    assert snapshot(grow) == before


def test_it_lets_only_the_programs_managers_import(grow, personas):
    table = read_table(b"email,role\n", filename="e.csv")
    with pytest.raises(DomainError) as caught:
        enrollments_import(program=grow, table=table, by=personas.mentor)
    assert caught.value.code == "forbidden"

    assert enrollments_import(program=grow, table=table, by=personas.manager).rows == 0


def test_it_warns_about_columns_it_does_not_use(grow):
    report = run(grow, f"email,role,{GOAL},notes\nchen.wei@example.com,mentee,Grow,hello\n")

    assert [str(w) for w in report.warnings] == [
        "line 1, column notes: this column is neither a known column nor one of the program's "
        "questions, and was ignored."
    ]


def test_it_writes_in_bulk_not_row_by_row(grow, django_assert_max_num_queries):
    people_import(
        table=read_table(
            ("email,full_name\n" + "".join(f"p{i}@example.com,P {i}\n" for i in range(300)))
            .encode(),
            filename="p.csv",
        ),
        by=None,
    )
    text = f"email,role,{GOAL},skills_wanted\n" + "".join(
        f"p{i}@example.com,mentee,Goal {i},Hiring;Feedback\n" for i in range(300)
    )

    with django_assert_max_num_queries(30):
        assert run(grow, text).created == 300


# ---------------------------------------------------------------- each kind of bad input


def test_it_rejects_a_file_without_a_role_column(grow):
    assert rejected(grow, "email\nchen.wei@example.com\n") == [
        "line 1, column role: the required column “role” is missing."
    ]


def test_it_rejects_people_who_are_not_in_mentora_or_are_deactivated(grow, personas):
    personas.unrelated.is_active = False
    personas.unrelated.save()

    assert rejected(
        grow,
        f"email,role,{GOAL}\nnobody@example.com,mentee,x\numa.unrelated@example.com,mentee,x\n"
        "not an email,mentee,x\n",
    ) == [
        "line 2, column email: no one with the email “nobody@example.com” is in Mentora; "
        "import them with “mentora import people” first.",
        "line 3, column email: uma.unrelated@example.com is deactivated in Mentora.",
        "line 4, column email: “not an email” is not a valid email address.",
    ]


def test_it_rejects_bad_roles_statuses_and_capacities(grow):
    assert rejected(
        grow,
        f"email,role,capacity,status,{GOAL}\n"
        "chen.wei@example.com,boss,,,x\n"
        "dora.kovacs@example.com,mentee,2,,x\n"
        "ben.okafor@example.com,mentor,lots,maybe,x\n",
    ) == [
        "line 2, column role: “boss” is not a role; use mentee (or coachee) or mentor "
        "(or coach).",
        "line 3, column capacity: capacity is for mentors and coaches; leave it empty for "
        "mentees.",
        "line 4, column capacity: “lots” is not a whole number from 0 to 50.",
        "line 4, column status: “maybe” is not a status; use one of pending, approved, "
        "waitlisted, declined, withdrawn.",
    ]


def test_it_rejects_answers_the_program_would_refuse(grow):
    assert rejected(
        grow,
        f"email,role,{GOAL},Meeting language\n"
        "chen.wei@example.com,mentee,,English\n"
        "dora.kovacs@example.com,mentee,Grow,Klingon\n",
    ) == [
        f"line 2, column {GOAL}: Please answer “{GOAL}”.",
        "line 3, column Meeting language: “Meeting language”: choose one of English, French.",
    ]


def test_it_names_the_question_when_its_required_column_is_missing(grow):
    assert rejected(grow, "email,role\nchen.wei@example.com,mentee\n") == [
        f"line 2, column q:{question_id(grow, GOAL)}: Please answer “{GOAL}”."
    ]


def test_it_rejects_a_question_id_the_program_does_not_have(grow):
    assert rejected(grow, "email,role,q:999\nchen.wei@example.com,mentee,x\n") == [
        "line 1, column q:999: this program has no question 999."
    ]


def test_it_rejects_a_person_listed_twice_in_the_same_role(grow):
    assert rejected(
        grow,
        f"email,role,{GOAL}\nchen.wei@example.com,mentee,x\nben.okafor@example.com,mentor,x\n"
        "CHEN.WEI@example.com,Mentee,y\n",
    ) == [
        "line 4, column email: this person appears again as mentee (first on line 2); each "
        "person may appear once per role."
    ]


def test_it_lists_answer_problems_beside_the_rows_other_problems(grow):
    assert rejected(grow, f"email,role,capacity,{GOAL}\ndora.kovacs@example.com,mentee,2,\n") == [
        "line 2, column capacity: capacity is for mentors and coaches; leave it empty for "
        "mentees.",
        f"line 2, column {GOAL}: Please answer “{GOAL}”.",
    ]
