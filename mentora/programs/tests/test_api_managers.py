"""Changing who manages a program over the API (PATCH /programs/{slug} with `managers`)."""

from __future__ import annotations

import json

import pytest

from mentora.audit.models import AuditEntry
from mentora.programs.models import Program

pytestmark = pytest.mark.django_db

URL = "/api/v1/programs/grow"
EXPECTED = {
    "mentee": 403,
    "mentor": 403,
    "coach": 403,
    "manager": 200,
    "admin": 200,
    "unrelated": 403,
    "anonymous": 401,
}


def patch(client, body, headers):
    return client.patch(URL, data=json.dumps(body), content_type="application/json", **headers)


def managers(program: Program) -> list[str]:
    return sorted(program.managers.values_list("email", flat=True))


@pytest.mark.parametrize("persona, expected", EXPECTED.items())
def test_it_lets_only_managers_and_admins_change_the_managers(
    personas, client, api_token_for, persona, expected
):
    headers = api_token_for(getattr(personas, persona)) if persona != "anonymous" else {}
    response = patch(client, {"managers": [personas.coach.email]}, headers)
    assert response.status_code == expected
    wanted = [personas.coach.email] if expected == 200 else [personas.manager.email]
    assert managers(personas.program) == wanted


def test_it_replaces_the_managers_and_records_it(personas, client, api_token_for):
    body = {"managers": [personas.manager.email, personas.coach.email.upper()]}
    response = patch(client, body, api_token_for(personas.manager))
    assert response.status_code == 200
    names = sorted(m["full_name"] for m in response.json()["managers"])
    assert names == ["Chloe Coach", "Priya Manager"]
    assert managers(personas.program) == sorted([personas.manager.email, personas.coach.email])
    entry = AuditEntry.objects.get(action="program.managers_set", target_id=personas.program.pk)
    assert entry.details["added"] == [personas.coach.pk]


def test_it_answers_a_manager_who_hands_over_a_draft(personas, client, api_token_for):
    Program.objects.filter(pk=personas.program.pk).update(status=Program.Status.DRAFT)
    response = patch(client, {"managers": [personas.coach.email]}, api_token_for(personas.manager))
    assert response.status_code == 200
    assert [m["full_name"] for m in response.json()["managers"]] == ["Chloe Coach"]


@pytest.mark.parametrize(
    "value, message",
    [
        (["nobody@example.com"], "No active person has the email nobody@example.com."),
        ([], "A program needs at least one manager."),
    ],
)
def test_it_names_bad_managers_and_changes_nothing(
    personas, client, api_token_for, value, message
):
    body = {"description": "Changed", "managers": value}
    response = patch(client, body, api_token_for(personas.admin))
    assert response.status_code == 422
    assert response.json()["field"] == "managers"
    assert response.json()["detail"] == message
    personas.program.refresh_from_db()
    assert personas.program.description != "Changed"  # the settings rolled back too
    assert managers(personas.program) == [personas.manager.email]


def test_it_refuses_null_managers(personas, client, api_token_for):
    response = patch(client, {"managers": None}, api_token_for(personas.admin))
    assert response.status_code == 422 and response.json()["field"] == "managers"
