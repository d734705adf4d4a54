"""The programs API: programs, application questions, enrollment, approval and the waitlist."""

import json

import pytest
from django.test import Client

from mentora.programs.models import ApplicationQuestion, Enrollment, Program
from mentora.programs.services import enrollment_create
from mentora.testing import make_user

pytestmark = pytest.mark.django_db

API = "/api/v1"
PERSONAS = ["mentee", "mentor", "coach", "manager", "admin", "unrelated", "anonymous"]
EVERYONE_SIGNED_IN = [(p, 401 if p == "anonymous" else 200) for p in PERSONAS]
GROW_MANAGERS_ONLY = {
    "mentee": 403,
    "mentor": 403,
    "coach": 403,
    "manager": 200,
    "admin": 200,
    "unrelated": 403,
    "anonymous": 401,
}


def send(client: Client, method: str, url: str, body: object = None, **extra: object):
    """Call the API with a JSON body, the way scripts do."""
    kwargs: dict = {"content_type": "application/json", **extra}
    if body is not None:
        kwargs["data"] = json.dumps(body)
    return getattr(client, method)(url, **kwargs)


def table(expected: dict[str, int]) -> list[tuple[str, int]]:
    assert set(expected) == set(PERSONAS)
    return list(expected.items())


def pending_enrollment(personas) -> Enrollment:
    """Uma applies to Grow, which now needs a manager's approval."""
    Program.objects.filter(pk=personas.program.pk).update(requires_approval=True)
    personas.program.refresh_from_db()
    return enrollment_create(program=personas.program, user=personas.unrelated, role="mentee")


def question(program: Program, text: str, **fields) -> ApplicationQuestion:
    return ApplicationQuestion.objects.create(program=program, text=text, **fields)


# --- permission tables -------------------------------------------------------------------


@pytest.mark.parametrize("persona, expected", EVERYONE_SIGNED_IN)
def test_it_lists_programs_for_signed_in_people(personas, client_for, persona, expected):
    assert client_for(personas.all()[persona]).get(f"{API}/programs").status_code == expected


@pytest.mark.parametrize("persona, expected", EVERYONE_SIGNED_IN)
def test_it_shows_an_open_program_to_signed_in_people(personas, client_for, persona, expected):
    response = client_for(personas.all()[persona]).get(f"{API}/programs/grow")
    assert response.status_code == expected


@pytest.mark.parametrize(
    "persona, expected",
    table(
        {
            "mentee": 404,
            "mentor": 404,
            "coach": 404,
            "manager": 200,
            "admin": 200,
            "unrelated": 404,
            "anonymous": 401,
        }
    ),
)
def test_it_shows_a_draft_only_to_its_managers_and_admins(personas, client_for, persona, expected):
    Program.objects.filter(slug="grow").update(status=Program.Status.DRAFT)
    response = client_for(personas.all()[persona]).get(f"{API}/programs/grow")
    assert response.status_code == expected


@pytest.mark.parametrize(
    "persona, expected",
    table(
        {
            "mentee": 403,
            "mentor": 403,
            "coach": 403,
            "manager": 403,
            "admin": 201,
            "unrelated": 403,
            "anonymous": 401,
        }
    ),
)
def test_it_lets_only_org_admins_create_programs(personas, client_for, persona, expected):
    client = client_for(personas.all()[persona])
    response = send(client, "post", f"{API}/programs", {"name": "Spark"})
    assert response.status_code == expected
    assert Program.objects.filter(name="Spark").exists() == (expected == 201)


@pytest.mark.parametrize("persona, expected", table(GROW_MANAGERS_ONLY))
def test_it_lets_only_managers_change_a_program(personas, client_for, persona, expected):
    client = client_for(personas.all()[persona])
    response = send(client, "patch", f"{API}/programs/grow", {"description": "New words."})
    assert response.status_code == expected
    personas.program.refresh_from_db()
    assert (personas.program.description == "New words.") == (expected == 200)


@pytest.mark.parametrize("persona, expected", table(GROW_MANAGERS_ONLY))
def test_it_lets_only_managers_set_questions(personas, client_for, persona, expected):
    client = client_for(personas.all()[persona])
    body = {"questions": [{"text": "Why now?"}]}
    response = send(client, "put", f"{API}/programs/grow/questions", body)
    assert response.status_code == expected


@pytest.mark.parametrize("persona, expected", table(GROW_MANAGERS_ONLY))
def test_it_shows_the_roster_only_to_managers(personas, client_for, persona, expected):
    response = client_for(personas.all()[persona]).get(f"{API}/programs/grow/enrollments")
    assert response.status_code == expected


@pytest.mark.parametrize(
    "persona, expected",
    table(
        {
            "mentee": 409,  # already a mentee in Grow
            "mentor": 201,
            "coach": 201,
            "manager": 201,
            "admin": 201,
            "unrelated": 201,
            "anonymous": 401,
        }
    ),
)
def test_it_lets_people_enroll_themselves(personas, client_for, persona, expected):
    client = client_for(personas.all()[persona])
    response = send(client, "post", f"{API}/programs/grow/enrollments", {"role": "mentee"})
    assert response.status_code == expected


@pytest.mark.parametrize(
    "persona, expected",
    table(
        {
            "mentee": 403,
            "mentor": 403,
            "coach": 403,
            "manager": 201,
            "admin": 201,
            "unrelated": 403,
            "anonymous": 401,
        }
    ),
)
def test_it_lets_only_managers_enroll_someone_else(personas, client_for, persona, expected):
    client = client_for(personas.all()[persona])
    body = {"role": "mentee", "email": "chloe.coach@example.com"}
    response = send(client, "post", f"{API}/programs/grow/enrollments", body)
    assert response.status_code == expected
    enrolled = Enrollment.objects.filter(user=personas.coach, program=personas.program).exists()
    assert enrolled == (expected == 201)


@pytest.mark.parametrize("persona, expected", EVERYONE_SIGNED_IN)
def test_it_lists_my_enrollments_for_signed_in_people(personas, client_for, persona, expected):
    response = client_for(personas.all()[persona]).get(f"{API}/enrollments/mine")
    assert response.status_code == expected


ENROLLMENT_VISIBILITY = {
    "mentee": 404,
    "mentor": 404,
    "coach": 404,
    "manager": 200,
    "admin": 200,
    "unrelated": 200,  # her own
    "anonymous": 401,
}


@pytest.mark.parametrize("persona, expected", table(ENROLLMENT_VISIBILITY))
def test_it_shows_an_enrollment_to_its_person_and_managers(personas, client_for, persona, expected):
    enrollment = pending_enrollment(personas)
    response = client_for(personas.all()[persona]).get(f"{API}/enrollments/{enrollment.pk}")
    assert response.status_code == expected


@pytest.mark.parametrize(
    "persona, expected",
    table({**ENROLLMENT_VISIBILITY, "unrelated": 403}),  # she sees it but cannot approve it
)
@pytest.mark.parametrize("decision", ["approve", "decline"])
def test_it_lets_only_managers_decide(personas, client_for, persona, expected, decision):
    enrollment = pending_enrollment(personas)
    client = client_for(personas.all()[persona])
    response = send(client, "post", f"{API}/enrollments/{enrollment.pk}/{decision}")
    assert response.status_code == expected
    enrollment.refresh_from_db()
    assert (enrollment.status != Enrollment.Status.PENDING) == (expected == 200)


@pytest.mark.parametrize("persona, expected", table(ENROLLMENT_VISIBILITY))
def test_it_lets_the_person_or_a_manager_withdraw(personas, client_for, persona, expected):
    enrollment = pending_enrollment(personas)
    client = client_for(personas.all()[persona])
    response = send(client, "post", f"{API}/enrollments/{enrollment.pk}/withdraw")
    assert response.status_code == expected
    enrollment.refresh_from_db()
    assert (enrollment.status == Enrollment.Status.WITHDRAWN) == (expected == 200)


# --- programs ------------------------------------------------------------------------------


def test_it_lists_the_programs_i_can_see(personas, client_for):
    Program.objects.create(name="Secret", slug="secret", status=Program.Status.DRAFT)
    body = client_for(personas.mentee).get(f"{API}/programs").json()
    assert body["count"] == 2
    grow = body["items"][0]
    assert grow["slug"] == "grow"
    assert grow["enrollment_open"] is True
    assert grow["managers"] == [{"id": personas.manager.pk, "full_name": "Priya Manager"}]
    assert grow["mentor_label"] == "mentor"
    assert body["items"][1]["mentee_label"] == "coachee"
    assert [
        p["slug"] for p in client_for(personas.admin).get(f"{API}/programs").json()["items"]
    ] == ["grow", "lead", "secret"]


@pytest.mark.parametrize(
    "query, expected",
    [("kind=coaching", ["lead"]), ("status=open", ["grow", "lead"]), ("status=closed", [])],
)
def test_it_filters_programs(personas, client_for, query, expected):
    body = client_for(personas.mentee).get(f"{API}/programs?{query}").json()
    assert [p["slug"] for p in body["items"]] == expected


def test_it_names_a_wrong_filter_value(personas, client_for):
    response = client_for(personas.mentee).get(f"{API}/programs?kind=yoga")
    assert response.status_code == 422
    assert response.json()["field"] == "kind"


def test_it_lists_programs_in_constant_queries(personas, client_for, django_assert_num_queries):
    client = client_for(personas.mentee)
    for total in (2, 20):
        for n in range(total - Program.objects.count()):
            program = Program.objects.create(
                name=f"Program {total}-{n}", slug=f"p-{total}-{n}", status=Program.Status.OPEN
            )
            program.managers.set([personas.manager, personas.admin])
        # session, user, count, page, managers
        with django_assert_num_queries(5):
            body = client.get(f"{API}/programs?page_size=100").json()
        assert len(body["items"]) == total


def test_it_shows_a_program_with_its_questions_in_order(personas, client_for):
    question(personas.program, "Second", position=1, audience="mentor")
    first = question(personas.program, "First", position=0, choices=["Yes", "No"])
    body = client_for(personas.mentee).get(f"{API}/programs/grow").json()
    assert [q["text"] for q in body["questions"]] == ["First", "Second"]
    assert body["questions"][0] == {
        "id": first.pk,
        "text": "First",
        "help_text": "",
        "audience": "both",
        "choices": ["Yes", "No"],
        "required": True,
        "position": 0,
    }


def test_it_answers_an_unknown_program_with_a_clear_404(personas, client_for):
    response = client_for(personas.mentee).get(f"{API}/programs/nope")
    assert response.status_code == 404
    assert response.json() == {"detail": "No program with the address “nope”."}


def test_it_creates_a_program_managed_by_its_creator(personas, client_for):
    body = {
        "name": "Women in Tech",
        "kind": "group",
        "status": "open",
        "eligible_levels": ["entry", "associate"],
        "enrollment_opens_at": "2030-01-01T09:00:00+01:00",
        "enrollment_closes_at": "2030-02-01T09:00:00+01:00",
        "mentee_limit": 12,
    }
    response = send(client_for(personas.admin), "post", f"{API}/programs", body)
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["slug"] == "women-in-tech"
    assert created["eligible_levels"] == ["entry", "associate"]
    assert created["managers"] == [{"id": personas.admin.pk, "full_name": "Olga Admin"}]
    assert created["enrollment_open"] is False
    assert created["questions"] == []


def test_it_creates_a_program_with_named_managers(personas, client_for):
    body = {"name": "Spark", "managers": ["PRIYA.manager@example.com"]}
    response = send(client_for(personas.admin), "post", f"{API}/programs", body)
    assert response.json()["managers"][0]["full_name"] == "Priya Manager"


@pytest.mark.parametrize(
    "body, status, field",
    [
        ({}, 422, "name"),
        ({"name": ""}, 422, "name"),
        ({"name": "X", "managers": ["ghost@example.com"]}, 422, "managers.0"),
        ({"name": "X", "slug": "grow"}, 409, "slug"),
        ({"name": "X", "slug": "not a slug!"}, 422, "slug"),
        ({"name": "X", "eligible_levels": ["boss"]}, 422, "eligible_levels.0"),
        ({"name": "X", "kind": "yoga"}, 422, "kind"),
        ({"name": "X", "enrollment_opens_at": "2030-01-01T09:00:00"}, 422, "enrollment_opens_at"),
        (
            {
                "name": "X",
                "enrollment_opens_at": "2030-02-01T09:00:00Z",
                "enrollment_closes_at": "2030-01-01T09:00:00Z",
            },
            422,
            "enrollment_closes_at",
        ),
        ({"name": "X", "duration_weeks": 0}, 422, "duration_weeks"),
        ({"name": "X", "colour": "red"}, 422, "colour"),
        ({"name": "X", "status": None}, 422, "status"),
    ],
)
def test_it_names_the_field_a_new_program_got_wrong(personas, client_for, body, status, field):
    response = send(client_for(personas.admin), "post", f"{API}/programs", body)
    assert response.status_code == status, response.content
    assert response.json()["field"] == field
    assert Program.objects.count() == 2


def test_it_changes_only_the_program_fields_sent(personas, client_for):
    Program.objects.filter(slug="grow").update(mentee_limit=5)
    client = client_for(personas.manager)
    response = send(
        client, "patch", f"{API}/programs/grow", {"requires_approval": True, "mentee_limit": None}
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["requires_approval"] is True
    assert body["mentee_limit"] is None  # null clears a setting that may be empty
    assert body["description"] == "Year-round 1:1 mentoring open to every level."


def test_it_moves_a_program_to_a_new_address(personas, client_for):
    client = client_for(personas.manager)
    response = send(client, "patch", f"{API}/programs/grow", {"slug": "grow-2030"})
    assert response.json()["slug"] == "grow-2030"
    assert client.get(f"{API}/programs/grow-2030").status_code == 200
    assert client.get(f"{API}/programs/grow").status_code == 404


def test_it_refuses_a_taken_address_with_409(personas, client_for):
    response = send(client_for(personas.admin), "patch", f"{API}/programs/grow", {"slug": "lead"})
    assert response.status_code == 409
    assert response.json()["field"] == "slug"


def test_it_hides_a_draft_from_people_who_try_to_change_it(personas, client_for):
    Program.objects.filter(slug="grow").update(status=Program.Status.DRAFT)
    client = client_for(personas.mentor)
    response = send(client, "patch", f"{API}/programs/grow", {"name": "Mine now"})
    assert response.status_code == 404


# --- questions -----------------------------------------------------------------------------


def test_it_replaces_the_questions(personas, client_for):
    question(personas.program, "Old question")
    body = {
        "questions": [
            {"text": "What do you want to learn?", "help_text": "A sentence is enough."},
            {"text": "Preferred format", "choices": ["Remote", "In person"], "required": False},
            {"text": "Years of leading people", "audience": "mentor"},
        ]
    }
    response = send(client_for(personas.manager), "put", f"{API}/programs/grow/questions", body)
    assert response.status_code == 200, response.content
    saved = response.json()["questions"]
    assert [(q["text"], q["position"], q["audience"]) for q in saved] == [
        ("What do you want to learn?", 0, "both"),
        ("Preferred format", 1, "both"),
        ("Years of leading people", 2, "mentor"),
    ]
    assert list(personas.program.questions.values_list("text", flat=True)) == [
        "What do you want to learn?",
        "Preferred format",
        "Years of leading people",
    ]


@pytest.mark.parametrize(
    "questions, field",
    [
        ([{"text": "Fine"}, {"text": "   "}], "questions"),
        ([{"text": "Fine", "audience": "managers"}], "questions.0.audience"),
        ([{"help_text": "no text"}], "questions.0.text"),
    ],
)
def test_it_names_the_question_that_is_wrong_and_keeps_the_old_ones(
    personas, client_for, questions, field
):
    question(personas.program, "Keep me")
    client = client_for(personas.manager)
    response = send(client, "put", f"{API}/programs/grow/questions", {"questions": questions})
    assert response.status_code == 422
    assert response.json()["field"] == field
    assert list(personas.program.questions.values_list("text", flat=True)) == ["Keep me"]


# --- enrolling -----------------------------------------------------------------------------


def test_it_enrolls_me_with_my_answers(personas, client_for):
    why = question(personas.program, "Why now?")
    fmt = question(personas.program, "Format", choices=["Remote", "In person"], required=False)
    question(personas.program, "Mentors only", audience="mentor")
    client = client_for(personas.unrelated)
    body = {"role": "mentee", "answers": {str(why.pk): "Switching careers", str(fmt.pk): "Remote"}}
    response = send(client, "post", f"{API}/programs/grow/enrollments", body)
    assert response.status_code == 201, response.content
    enrollment = response.json()
    assert enrollment["status"] == "approved"
    assert enrollment["role"] == "mentee"
    assert enrollment["program"] == {"slug": "grow", "name": "Grow", "kind": "mentoring"}
    assert enrollment["person"]["email"] == personas.unrelated.email
    assert enrollment["answers"] == {str(why.pk): "Switching careers", str(fmt.pk): "Remote"}
    assert enrollment["waitlist_position"] is None


@pytest.mark.parametrize(
    "answers, field_of",
    [
        ({}, lambda why, fmt: f"answers.{why.pk}"),
        (
            lambda why, fmt: {str(why.pk): "Because", str(fmt.pk): "Carrier pigeon"},
            lambda why, fmt: f"answers.{fmt.pk}",
        ),
        (lambda why, fmt: {str(why.pk): "Because", "999": "?"}, lambda why, fmt: "answers.999"),
        (lambda why, fmt: {str(why.pk): 42}, lambda why, fmt: f"answers.{why.pk}"),
    ],
)
def test_it_names_the_answer_that_is_wrong(personas, client_for, answers, field_of):
    why = question(personas.program, "Why now?")
    fmt = question(personas.program, "Format", choices=["Remote", "In person"], required=False)
    body = {"role": "mentee", "answers": answers(why, fmt) if callable(answers) else answers}
    client = client_for(personas.unrelated)
    response = send(client, "post", f"{API}/programs/grow/enrollments", body)
    assert response.status_code == 422
    assert response.json()["field"] == field_of(why, fmt)
    assert not Enrollment.objects.filter(user=personas.unrelated).exists()


@pytest.mark.parametrize(
    "body, field",
    [
        ({}, "role"),
        ({"role": "boss"}, "role"),
        ({"role": "mentor", "capacity": 99}, "capacity"),
        ({"role": "mentee", "capacity": 2}, "capacity"),
    ],
)
def test_it_names_what_is_wrong_with_an_enrollment(personas, client_for, body, field):
    client = client_for(personas.unrelated)
    response = send(client, "post", f"{API}/programs/grow/enrollments", body)
    assert response.status_code == 422
    assert response.json()["field"] == field


def test_it_puts_people_on_the_waitlist_when_places_are_full(personas, client_for):
    Program.objects.filter(slug="grow").update(mentee_limit=1)  # Maya holds the only place
    first = send(
        client_for(personas.unrelated),
        "post",
        f"{API}/programs/grow/enrollments",
        {"role": "mentee"},
    ).json()
    second = send(
        client_for(personas.coach),
        "post",
        f"{API}/programs/grow/enrollments",
        {"role": "mentee"},
    ).json()
    assert (first["status"], first["waitlist_position"]) == ("waitlisted", 1)
    assert (second["status"], second["waitlist_position"]) == ("waitlisted", 2)


def test_it_waits_for_approval_when_the_program_asks_for_it(personas, client_for):
    Program.objects.filter(slug="grow").update(requires_approval=True)
    client = client_for(personas.unrelated)
    response = send(client, "post", f"{API}/programs/grow/enrollments", {"role": "mentee"})
    assert response.json()["status"] == "pending"


def test_it_refuses_enrollment_in_a_closed_program_with_409(personas, client_for):
    Program.objects.filter(slug="grow").update(status=Program.Status.CLOSED)
    client = client_for(personas.unrelated)
    response = send(client, "post", f"{API}/programs/grow/enrollments", {"role": "mentee"})
    assert response.status_code == 409
    assert response.json()["detail"] == "Enrollment in this program is not open."


def test_it_explains_why_someone_is_not_eligible(personas, client_for):
    Program.objects.filter(slug="grow").update(eligible_levels=["entry"])
    client = client_for(personas.unrelated)
    response = send(client, "post", f"{API}/programs/grow/enrollments", {"role": "mentee"})
    assert response.status_code == 422
    assert response.json()["field"] == "role"
    assert "Entry level" in response.json()["detail"]


def test_it_lets_a_manager_enroll_someone_in_a_closed_program(personas, client_for):
    Program.objects.filter(slug="grow").update(status=Program.Status.CLOSED)
    body = {"role": "mentor", "email": "uma.unrelated@example.com", "capacity": 1}
    response = send(client_for(personas.manager), "post", f"{API}/programs/grow/enrollments", body)
    assert response.status_code == 201, response.content
    assert response.json()["person"]["full_name"] == "Uma Unrelated"
    assert response.json()["capacity"] == 1


def test_it_names_an_unknown_email_for_managers_only(personas, client_for):
    body = {"role": "mentee", "email": "ghost@example.com"}
    manager = send(client_for(personas.manager), "post", f"{API}/programs/grow/enrollments", body)
    assert manager.status_code == 422
    assert manager.json()["field"] == "email"
    # Others learn nothing about which emails exist.
    mentee = send(client_for(personas.mentee), "post", f"{API}/programs/grow/enrollments", body)
    assert mentee.status_code == 403


# --- roster --------------------------------------------------------------------------------


def test_it_shows_managers_the_roster_with_answers(personas, client_for):
    why = question(personas.program, "Why now?")
    enrollment_create(
        program=personas.program,
        user=personas.unrelated,
        role="mentee",
        answers={str(why.pk): "New role"},
    )
    body = client_for(personas.manager).get(f"{API}/programs/grow/enrollments").json()
    assert body["count"] == 3
    assert [(e["person"]["full_name"], e["role"]) for e in body["items"]] == [
        ("Marco Mentor", "mentor"),
        ("Maya Mentee", "mentee"),
        ("Uma Unrelated", "mentee"),
    ]
    assert body["items"][2]["answers"] == {str(why.pk): "New role"}


def test_it_filters_the_roster(personas, client_for):
    pending_enrollment(personas)
    client = client_for(personas.manager)
    pending = client.get(f"{API}/programs/grow/enrollments?status=pending").json()
    mentors = client.get(f"{API}/programs/grow/enrollments?role=mentor").json()
    assert [e["person"]["full_name"] for e in pending["items"]] == ["Uma Unrelated"]
    assert [e["person"]["full_name"] for e in mentors["items"]] == ["Marco Mentor"]


def test_it_lists_the_roster_in_constant_queries(personas, client_for, django_assert_num_queries):
    Program.objects.filter(slug="grow").update(mentee_limit=3)
    personas.program.refresh_from_db()
    client = client_for(personas.manager)
    for total in (2, 20):
        for n in range(total - personas.program.enrollments.count()):
            person = make_user(f"p{total}-{n}@example.com", f"Person {total}-{n}")
            enrollment_create(program=personas.program, user=person, role="mentee")
        # session, user, program, its managers (which answer the may-manage check), its
        # questions, count, page
        with django_assert_num_queries(7):
            body = client.get(f"{API}/programs/grow/enrollments").json()
        assert len(body["items"]) == total
        positions = [e["waitlist_position"] for e in body["items"] if e["waitlist_position"]]
        assert positions == list(range(1, len(positions) + 1))


# --- my enrollments and decisions ----------------------------------------------------------


def test_it_lists_my_enrollments_with_waitlist_places(personas, client_for):
    Program.objects.filter(slug="lead").update(mentee_limit=0)
    personas.coaching.refresh_from_db()
    enrollment_create(program=personas.coaching, user=personas.unrelated, role="mentee")
    enrollment_create(program=personas.coaching, user=personas.mentee, role="mentee")
    body = client_for(personas.mentee).get(f"{API}/enrollments/mine").json()
    assert [(e["program"]["slug"], e["status"], e["waitlist_position"]) for e in body["items"]] == [
        ("lead", "waitlisted", 2),
        ("grow", "approved", None),
    ]
    waitlisted = client_for(personas.mentee).get(f"{API}/enrollments/mine?status=waitlisted")
    assert waitlisted.json()["count"] == 1


def test_it_lists_my_enrollments_in_constant_queries(
    personas, client_for, django_assert_num_queries
):
    client = client_for(personas.unrelated)
    for total in (2, 20):
        for n in range(total - personas.unrelated.enrollments.count()):
            program = Program.objects.create(
                name=f"P{total}-{n}",
                slug=f"p{total}-{n}",
                status=Program.Status.OPEN,
                mentee_limit=0,
            )
            enrollment_create(program=program, user=personas.mentor, role="mentee")
            enrollment_create(program=program, user=personas.unrelated, role="mentee")
        # session, user, count, page
        with django_assert_num_queries(4):
            body = client.get(f"{API}/enrollments/mine").json()
        assert len(body["items"]) == total
        assert {e["waitlist_position"] for e in body["items"]} == {2}


def test_it_approves_a_pending_enrollment(personas, client_for):
    enrollment = pending_enrollment(personas)
    manager = client_for(personas.manager)
    response = send(manager, "post", f"{API}/enrollments/{enrollment.pk}/approve")
    assert response.status_code == 200
    assert response.json()["status"] == "approved"
    assert response.json()["decided_at"] is not None


def test_it_tells_people_why_they_cannot_approve_their_own_enrollment(personas, client_for):
    enrollment = pending_enrollment(personas)
    client = client_for(personas.unrelated)
    response = send(client, "post", f"{API}/enrollments/{enrollment.pk}/approve")
    assert response.status_code == 403
    assert response.json() == {"detail": "Only this program's managers can approve enrollments."}


def test_it_declines_with_a_note_for_the_person(personas, client_for):
    enrollment = pending_enrollment(personas)
    client = client_for(personas.manager)
    body = {"note": "This round is for marketing; try Lead in spring."}
    response = send(client, "post", f"{API}/enrollments/{enrollment.pk}/decline", body)
    assert response.status_code == 200
    assert response.json()["status"] == "declined"
    mine = client_for(personas.unrelated).get(f"{API}/enrollments/mine").json()["items"][0]
    assert mine["decision_note"] == body["note"]


def test_it_names_a_decline_note_that_is_too_long(personas, client_for):
    enrollment = pending_enrollment(personas)
    client = client_for(personas.manager)
    body = {"note": "x" * 301}
    response = send(client, "post", f"{API}/enrollments/{enrollment.pk}/decline", body)
    assert response.status_code == 422
    assert response.json()["field"] == "note"


def test_it_refuses_to_approve_a_withdrawn_enrollment_with_409(personas, client_for):
    enrollment = pending_enrollment(personas)
    send(client_for(personas.unrelated), "post", f"{API}/enrollments/{enrollment.pk}/withdraw")
    manager = client_for(personas.manager)
    response = send(manager, "post", f"{API}/enrollments/{enrollment.pk}/approve")
    assert response.status_code == 409


def test_it_gives_a_freed_place_to_the_first_on_the_waitlist(personas, client_for):
    Program.objects.filter(slug="grow").update(mentee_limit=1)
    personas.program.refresh_from_db()
    waiting = enrollment_create(program=personas.program, user=personas.unrelated, role="mentee")
    maya = Enrollment.objects.get(user=personas.mentee, program=personas.program)
    response = send(client_for(personas.mentee), "post", f"{API}/enrollments/{maya.pk}/withdraw")
    assert response.json()["status"] == "withdrawn"
    uma = client_for(personas.unrelated).get(f"{API}/enrollments/{waiting.pk}").json()
    assert (uma["status"], uma["waitlist_position"]) == ("approved", None)


def test_it_refuses_to_withdraw_twice_with_409(personas, client_for):
    maya = Enrollment.objects.get(user=personas.mentee, program=personas.program)
    client = client_for(personas.mentee)
    assert send(client, "post", f"{API}/enrollments/{maya.pk}/withdraw").status_code == 200
    second = send(client, "post", f"{API}/enrollments/{maya.pk}/withdraw")
    assert second.status_code == 409
    assert second.json()["detail"] == "This enrollment has already ended."


def test_it_answers_an_unknown_enrollment_with_a_clear_404(personas, client_for):
    response = send(client_for(personas.manager), "post", f"{API}/enrollments/424242/approve")
    assert response.status_code == 404
    assert response.json() == {"detail": "No enrollment with id 424242 that you can see."}


def test_it_lets_scripts_enroll_with_a_token(personas, api_token_for):
    script = Client(enforce_csrf_checks=True)
    response = send(
        script,
        "post",
        f"{API}/programs/grow/enrollments",
        {"role": "mentor"},
        **api_token_for(personas.unrelated),
    )
    assert response.status_code == 201


# --- schema --------------------------------------------------------------------------------


def test_it_lists_the_program_paths_in_the_openapi_schema(client):
    paths = client.get(f"{API}/openapi.json").json()["paths"]
    assert {"get", "post"} <= set(paths["/api/v1/programs"])
    assert {"get", "patch"} <= set(paths["/api/v1/programs/{slug}"])
    assert {"get", "post"} <= set(paths["/api/v1/programs/{slug}/enrollments"])
    assert "put" in paths["/api/v1/programs/{slug}/questions"]
    for action in ("approve", "decline", "withdraw"):
        assert "post" in paths[f"/api/v1/enrollments/{{enrollment_id}}/{action}"]
    assert "get" in paths["/api/v1/enrollments/mine"]
