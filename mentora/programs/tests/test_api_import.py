"""POST /programs/{slug}/enrollments/import: `mentora import enrollments` over JSON rows."""

from __future__ import annotations

import json

import pytest

from mentora.programs.models import Enrollment
from mentora.programs.services import program_set_questions
from mentora.testing import make_user

pytestmark = pytest.mark.django_db

URL = "/api/v1/programs/grow/enrollments/import"
GOAL = "What do you want to get out of the program?"


def _post(client, headers, body, url=URL):
    return client.post(url, data=json.dumps(body), content_type="application/json", **headers)


@pytest.fixture
def grow(personas):
    program_set_questions(
        program=personas.program,
        by=personas.manager,
        questions=[
            {"text": GOAL},
            {
                "text": "Meeting language",
                "audience": "mentee",
                "choices": ["English", "French"],
                "required": False,
            },
        ],
    )
    return personas.program


def _questions(program):
    by_text = {q.text: q.pk for q in program.questions.all()}
    return by_text[GOAL], by_text["Meeting language"]


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("mentee", 403),
        ("mentor", 403),
        ("coach", 403),
        ("manager", 200),
        ("admin", 200),
        ("unrelated", 403),
        ("anonymous", 401),
    ],
)
def test_it_lets_only_the_program_managers_import(personas, client, api_token_for, persona, status):
    new = make_user("nina.new@example.com", "Nina New")
    headers = {} if persona == "anonymous" else api_token_for(getattr(personas, persona))
    response = _post(client, headers, {"rows": [{"email": new.email, "role": "mentee"}]})
    assert response.status_code == status, response.content
    enrolled = Enrollment.objects.filter(program=personas.program, user=new).exists()
    assert enrolled == (status == 200)


def test_it_enrolls_with_answers_capacity_and_profile(personas, client, api_token_for, grow):
    goal, language = _questions(grow)
    new = make_user("nina.new@example.com", "Nina New")
    coach = make_user("carl.coach@example.com", "Carl Coach")
    response = _post(
        client,
        api_token_for(personas.manager),
        {
            "rows": [
                {
                    "email": "Nina.New@example.com",
                    "role": "coachee",
                    "answers": {str(goal): "Lead a team", "Meeting language": "French"},
                    "target_role": "Engineering Manager",
                    "skills_wanted": ["Leadership", "Negotiation"],
                },
                {
                    "email": coach.email,
                    "role": "coach",
                    "capacity": 3,
                    "answers": {str(goal): "Give back"},
                },
            ]
        },
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["created"], body["updated"], body["unchanged"]) == (2, 0, 0)
    assert body["summary"] == "2 rows: 2 were created, 0 were updated, 0 unchanged."
    nina = Enrollment.objects.get(program=grow, user=new)
    assert nina.role == "mentee" and nina.status == "approved"
    assert nina.answers == {str(goal): "Lead a team", str(language): "French"}
    new.profile.refresh_from_db()
    assert new.profile.target_role == "Engineering Manager"
    assert sorted(s.name for s in new.profile.skills_wanted.all()) == ["Leadership", "Negotiation"]
    assert Enrollment.objects.get(program=grow, user=coach).capacity == 3


def test_it_checks_only_on_a_dry_run(personas, client, api_token_for, grow):
    goal, _ = _questions(grow)
    new = make_user("nina.new@example.com", "Nina New")
    rows = [{"email": new.email, "role": "mentee", "answers": {str(goal): "Grow"}}]
    response = _post(client, api_token_for(personas.manager), {"rows": rows, "dry_run": True})
    assert response.status_code == 200, response.content
    assert response.json()["dry_run"] is True and response.json()["created"] == 1
    assert "would be created" in response.json()["summary"]
    assert not Enrollment.objects.filter(user=new).exists()


def test_it_lists_every_problem_by_row_and_field_and_writes_nothing(
    personas, client, api_token_for, grow
):
    goal, language = _questions(grow)
    new = make_user("nina.new@example.com", "Nina New")
    response = _post(
        client,
        api_token_for(personas.manager),
        {
            "rows": [
                {"email": new.email, "role": "mentee", "answers": {str(goal): "Grow"}},
                {"email": "ghost@example.com", "role": "mentee"},
                {"email": new.email, "role": "pilot", "answers": {str(goal): "x"}},
                {
                    "email": new.email,
                    "role": "mentee",
                    "capacity": 2,
                    "answers": {str(goal): "Grow", str(language): "German"},
                },
                {"email": new.email, "role": "mentee", "answers": {str(goal): "Again"}},
            ]
        },
    )
    assert response.status_code == 422, response.content
    body = response.json()
    fields = [e["field"] for e in body["errors"]]
    assert "rows.1.email" in fields
    assert "rows.2.role" in fields
    assert "rows.3.capacity" in fields
    assert f"rows.3.answers.{language}" in fields
    again = next(e for e in body["errors"] if e["field"] == "rows.4.email")
    assert "first on rows.0" in again["message"]
    assert body["field"] == body["errors"][0]["field"]
    assert body["detail"].startswith(f"{len(fields)} problems; nothing was imported: ")
    assert not Enrollment.objects.filter(user=new).exists()


def test_it_names_bad_json_values_by_row_and_field(personas, client, api_token_for):
    response = _post(
        client,
        api_token_for(personas.manager),
        {"rows": [{"email": "a@example.com", "role": "mentee", "capacity": "many", "x": 1}]},
    )
    assert response.status_code == 422
    fields = {e["field"] for e in response.json()["errors"]}
    assert {"rows.0.capacity", "rows.0.x"} <= fields
    empty = _post(client, api_token_for(personas.manager), {"rows": []})
    assert empty.status_code == 422 and empty.json()["field"] == "rows"


def test_it_answers_404_for_an_unknown_program(personas, client, api_token_for):
    response = _post(
        client,
        api_token_for(personas.admin),
        {"rows": [{"email": personas.mentee.email, "role": "mentee"}]},
        url="/api/v1/programs/nope/enrollments/import",
    )
    assert response.status_code == 404 and "nope" in response.json()["detail"]
