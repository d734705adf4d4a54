"""Program pages: who may open what, enrolling through the form, the roster."""

import pytest
from django.urls import reverse

from mentora.programs.models import ApplicationQuestion, Enrollment, Program

pytestmark = pytest.mark.django_db

PERSONAS = ["mentee", "mentor", "coach", "manager", "admin", "unrelated", "anonymous"]


def _status(client_for, personas, persona, url, method="get", data=None):
    client = client_for(getattr(personas, persona))
    response = getattr(client, method)(url, data or {})
    return response.status_code, response


@pytest.mark.parametrize(
    "page, expected",
    [
        ("list", {"anonymous": 302}),
        ("detail", {"anonymous": 302}),
        ("create", {"anonymous": 302, "admin": 200, "*": 403}),
        ("edit", {"anonymous": 302, "admin": 200, "manager": 200, "*": 403}),
        ("roster", {"anonymous": 302, "admin": 200, "manager": 200, "*": 403}),
    ],
)
@pytest.mark.parametrize("persona", PERSONAS)
def test_program_page_permissions(client_for, personas, persona, page, expected):
    url = {
        "list": reverse("programs:list"),
        "detail": reverse("programs:detail", args=["grow"]),
        "create": reverse("programs:create"),
        "edit": reverse("programs:edit", args=["grow"]),
        "roster": reverse("programs:roster", args=["grow"]),
    }[page]
    status, response = _status(client_for, personas, persona, url)
    assert status == expected.get(persona, expected.get("*", 200))
    if status == 302:
        assert response.url.startswith(reverse("accounts:login"))


@pytest.mark.parametrize("persona", PERSONAS)
def test_a_draft_program_is_hidden_from_everyone_but_its_managers(client_for, personas, persona):
    Program.objects.filter(slug="grow").update(status=Program.Status.DRAFT)
    status, _ = _status(client_for, personas, persona, reverse("programs:detail", args=["grow"]))
    expected = {"anonymous": 302, "manager": 200, "admin": 200}.get(persona, 404)
    assert status == expected


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_managers_decide_enrollments(client_for, personas, persona):
    pending = Enrollment.objects.create(
        program=personas.program, user=personas.unrelated, role="mentee", status="pending"
    )
    status, _ = _status(
        client_for, personas, persona, reverse("programs:approve", args=[pending.pk]), "post"
    )
    pending.refresh_from_db()
    if persona in ("manager", "admin"):
        assert (status, pending.status) == (302, "approved")
    else:
        assert status in (302, 403) and pending.status == "pending"


def test_it_enrolls_through_the_form_with_answers(client_for, personas):
    question = ApplicationQuestion.objects.create(
        program=personas.coaching, text="What is your goal?"
    )
    client = client_for(personas.unrelated)
    url = reverse("programs:detail", args=["lead"])
    response = client.post(url, {"role": "mentee"})
    assert response.status_code == 200
    assert "Please answer “What is your goal?”" in response.content.decode()
    assert not Enrollment.objects.filter(user=personas.unrelated).exists()
    response = client.post(
        url, {"role": "mentee", f"q_{question.pk}": "Lead my first team"}, follow=True
    )
    assert "You are enrolled in Lead." in response.content.decode()
    enrollment = Enrollment.objects.get(user=personas.unrelated, program=personas.coaching)
    assert enrollment.answers == {str(question.pk): "Lead my first team"}


def test_a_person_cannot_withdraw_someone_elses_enrollment(client_for, personas):
    theirs = Enrollment.objects.get(user=personas.mentee, program=personas.program)
    response = client_for(personas.unrelated).post(reverse("programs:withdraw", args=[theirs.pk]))
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == "approved"
    response = client_for(personas.mentee).post(reverse("programs:withdraw", args=[theirs.pk]))
    theirs.refresh_from_db()
    assert theirs.status == "withdrawn"


def test_the_admin_creates_a_program_and_bad_input_names_the_field(client_for, personas):
    client = client_for(personas.admin)
    data = {
        "name": "Women in Leadership",
        "kind": "group",
        "status": "open",
        "duration_weeks": 0,
        "default_cadence": "monthly",
        "mentor_capacity": 5,
        "matching_mode": "both",
    }
    response = client.post(reverse("programs:create"), data)
    assert response.status_code == 200
    assert "Ensure this value is greater than or equal to 1" in response.content.decode()
    assert not Program.objects.filter(name="Women in Leadership").exists()
    response = client.post(reverse("programs:create"), data | {"duration_weeks": 12})
    program = Program.objects.get(name="Women in Leadership")
    assert response.url == reverse("programs:detail", args=[program.slug])
    assert list(program.managers.all()) == [personas.admin]


def test_program_list_runs_a_fixed_number_of_queries(
    client_for, personas, django_assert_num_queries
):
    client = client_for(personas.mentee)
    for n in range(15):
        Program.objects.create(name=f"P{n}", slug=f"p{n}", status="open")
    with django_assert_num_queries(6):  # session, user, nav, programs, counts, mine
        client.get(reverse("programs:list"))


def test_roster_runs_a_fixed_number_of_queries(client_for, personas, django_assert_num_queries):
    from mentora.testing import make_user

    for n in range(12):
        user = make_user(f"p{n}@example.com", f"Person {n}")
        Enrollment.objects.create(
            program=personas.program, user=user, role="mentee", status="pending"
        )
    client = client_for(personas.manager)
    with django_assert_num_queries(8):
        response = client.get(reverse("programs:roster", args=["grow"]))
    assert response.content.decode().count("Approve Person") == 12
