"""The API for program staff: templates, creating from one, new cohorts, archive, bulk decide."""

from __future__ import annotations

from mentora.accounts.services import user_set_program_staff
from mentora.programs.models import Enrollment, Program
from mentora.testing import make_user

JSON = "application/json"


def test_it_lists_the_templates_and_creates_a_flash_program_from_one(
    personas, client, api_token_for
):
    user_set_program_staff(user=personas.manager, is_program_staff=True, by=personas.admin)
    headers = api_token_for(personas.manager)
    templates = client.get("/api/v1/programs/templates", **headers).json()
    flash = next(t for t in templates if t["kind"] == "flash")
    assert flash["settings"]["sessions_per_pair"] == 1
    response = client.post(
        "/api/v1/programs",
        {"name": "Ask an engineer", "template": "flash", "mentor_capacity": 8},
        content_type=JSON,
        **headers,
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["kind"] == "flash" and body["sessions_per_pair"] == 1
    assert body["uses_agreement"] is False and body["mentor_capacity"] == 8
    assert [m["full_name"] for m in body["managers"]] == ["Priya Manager"]
    assert len(body["questions"]) == 1


def test_it_refuses_creation_to_a_manager_who_is_not_program_staff(
    personas, client, api_token_for
):
    response = client.post(
        "/api/v1/programs", {"name": "X", "template": "flash"}, content_type=JSON,
        **api_token_for(personas.manager),
    )
    assert response.status_code == 403
    assert not Program.objects.filter(name="X").exists()


def test_it_duplicates_and_archives_through_the_api(personas, client, api_token_for):
    user_set_program_staff(user=personas.manager, is_program_staff=True, by=personas.admin)
    headers = api_token_for(personas.manager)
    response = client.post(
        "/api/v1/programs/grow/duplicate", {"name": "Grow 2027"}, content_type=JSON, **headers
    )
    assert response.status_code == 201, response.content
    assert response.json()["cohort_of"] == "grow" and response.json()["status"] == "draft"
    archived = client.post("/api/v1/programs/grow/archive", **headers)
    assert archived.json()["status"] == "archived"
    restored = client.post("/api/v1/programs/grow/restore", **headers)
    assert restored.json()["status"] == "closed"
    refused = client.post("/api/v1/programs/grow/archive", **api_token_for(personas.mentee))
    assert refused.status_code == 403


def test_it_decides_applications_in_bulk_through_the_api(personas, client, api_token_for):
    pending = [
        Enrollment.objects.create(
            program=personas.program,
            user=make_user(f"a{i}@example.com", f"A {i}"),
            role="mentee",
            status="pending",
        )
        for i in range(3)
    ]
    response = client.post(
        "/api/v1/programs/grow/enrollments/decide",
        {"decision": "approve", "enrollment_ids": [e.pk for e in pending]},
        content_type=JSON,
        **api_token_for(personas.manager),
    )
    assert response.status_code == 200, response.content
    assert {e["status"] for e in response.json()} == {"approved"}
    bad = client.post(
        "/api/v1/programs/grow/enrollments/decide",
        {"decision": "approve", "enrollment_ids": [999999]},
        content_type=JSON,
        **api_token_for(personas.manager),
    )
    assert bad.status_code == 422 and "enrollments" in bad.content.decode()
