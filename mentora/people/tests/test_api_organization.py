"""The organization over the API: everyone (org admins) and the HRIS import as JSON."""

from __future__ import annotations

import json

import pytest

from mentora.accounts.models import User
from mentora.people.models import Profile, RoleChange

pytestmark = pytest.mark.django_db

API = "/api/v1/people"
ADMIN_ONLY = {
    "mentee": 403,
    "mentor": 403,
    "coach": 403,
    "manager": 403,
    "admin": 200,
    "unrelated": 403,
    "anonymous": 401,
}


def post(client, url, body, headers):
    return client.post(url, data=json.dumps(body), content_type="application/json", **headers)


def headers_for(personas, api_token_for, persona):
    return api_token_for(getattr(personas, persona)) if persona != "anonymous" else {}


# --- GET /people/organization -----------------------------------------------------------


@pytest.mark.parametrize("persona, expected", ADMIN_ONLY.items())
def test_it_lists_everyone_only_for_org_admins(personas, client, api_token_for, persona, expected):
    response = client.get(f"{API}/organization", **headers_for(personas, api_token_for, persona))
    assert response.status_code == expected
    if expected != 200:
        assert b"@example.com" not in response.content


def test_it_lists_everyone_with_manager_and_enrollments(personas, client, api_token_for):
    Profile.objects.filter(user=personas.mentee).update(manager=personas.manager)
    body = client.get(f"{API}/organization", **api_token_for(personas.admin)).json()
    assert body["count"] == 6
    maya = next(p for p in body["items"] if p["email"] == personas.mentee.email)
    assert maya["manager_email"] == personas.manager.email
    assert maya["enrollment_count"] == 1 and maya["is_active"] is True
    assert [p["full_name"] for p in body["items"]] == sorted(p["full_name"] for p in body["items"])


def test_it_filters_everyone_by_name_email_and_activity(personas, client, api_token_for):
    User.objects.filter(pk=personas.unrelated.pk).update(is_active=False)
    headers = api_token_for(personas.admin)
    found = client.get(f"{API}/organization?q=MAYA", **headers).json()
    assert [p["email"] for p in found["items"]] == [personas.mentee.email]
    gone = client.get(f"{API}/organization?active=false", **headers).json()
    assert [p["email"] for p in gone["items"]] == [personas.unrelated.email]
    bad = client.get(f"{API}/organization?active=maybe", **headers)
    assert bad.status_code == 422 and bad.json()["field"] == "active"


def test_it_lists_everyone_in_constant_queries(
    personas, client, api_token_for, django_assert_num_queries
):
    headers = api_token_for(personas.admin)
    client.get(f"{API}/organization", **headers)
    with django_assert_num_queries(3) as small:
        client.get(f"{API}/organization", **headers)
    for k in range(15):
        User.objects.create_user(email=f"p{k}@example.com", password="x", full_name=f"P {k}")
    with django_assert_num_queries(len(small.captured_queries)):
        body = client.get(f"{API}/organization", **headers).json()
    assert body["count"] == 21


# --- POST /people/import ----------------------------------------------------------------

ANA = {"email": "ana.ruiz@example.com", "full_name": "Ana Ruiz", "department": "Sales"}


@pytest.mark.parametrize("persona, expected", ADMIN_ONLY.items())
def test_it_lets_only_org_admins_import_people(personas, client, api_token_for, persona, expected):
    headers = headers_for(personas, api_token_for, persona)
    response = post(client, f"{API}/import", {"people": [ANA]}, headers)
    assert response.status_code == expected
    assert User.objects.filter(email=ANA["email"]).exists() == (expected == 200)


def test_it_adds_updates_and_reports_people(personas, client, api_token_for):
    headers = api_token_for(personas.admin)
    body = {
        "people": [
            {**ANA, "languages": ["English", "spanish"], "years_experience": 4,
             "level": "Associate", "manager_email": personas.manager.email,
             "timezone": "Europe/Madrid"},
            {"email": personas.mentee.email, "full_name": "Maya Mentee", "department": "Data"},
        ]
    }
    response = post(client, f"{API}/import", body, headers)
    assert response.status_code == 200, response.content
    report = response.json()
    assert (report["created"], report["updated"], report["dry_run"]) == (1, 1, False)
    assert report["joiners"] == [{"index": 0, "email": ANA["email"], "full_name": "Ana Ruiz"}]
    assert report["movers"][0]["index"] == 1
    assert report["movers"][0]["changes"][0]["field"] == "department"
    ana = Profile.objects.select_related("manager").get(user__email=ANA["email"])
    assert (ana.department, ana.years_experience, ana.level) == ("Sales", 4, "associate")
    assert ana.manager == personas.manager and ana.timezone == "Europe/Madrid"
    assert sorted(ana.languages.values_list("name", flat=True)) == ["English", "Spanish"]
    assert RoleChange.objects.filter(person=personas.mentee, field="department").exists()
    again = post(client, f"{API}/import", body, headers).json()
    assert (again["created"], again["updated"], again["unchanged"]) == (0, 0, 2)


def test_it_checks_without_writing_on_a_dry_run(personas, client, api_token_for):
    body = {"people": [ANA], "dry_run": True}
    report = post(client, f"{API}/import", body, api_token_for(personas.admin)).json()
    assert report["dry_run"] is True and report["created"] == 1
    assert "would be created" in report["summary"]
    assert not User.objects.filter(email=ANA["email"]).exists()


def test_it_names_every_bad_person_and_writes_nothing(personas, client, api_token_for):
    body = {
        "people": [
            ANA,
            {"email": "ben@example.com", "full_name": "Ben", "timezone": "Mars/Olympus"},
            {"email": "ana.ruiz@example.com", "full_name": "Ana Again"},
        ]
    }
    response = post(client, f"{API}/import", body, api_token_for(personas.admin))
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert [e["field"] for e in errors] == ["people.1.timezone", "people.2.email"]
    assert "Mars/Olympus" in errors[0]["message"]
    assert "first on people.0" in errors[1]["message"]
    assert response.json()["detail"].startswith("2 problems; nothing was imported")
    assert not User.objects.filter(email__in=["ana.ruiz@example.com", "ben@example.com"]).exists()


@pytest.mark.parametrize(
    "person, field",
    [
        ({"email": "x@example.com"}, "people.0.full_name"),
        ({**ANA, "timezon": "UTC"}, "people.0.timezon"),
        ({**ANA, "years_experience": "many"}, "people.0.years_experience"),
        ({**ANA, "end_date": "31/03/2026"}, "people.0.end_date"),
    ],
)
def test_it_names_a_malformed_person(personas, client, api_token_for, person, field):
    response = post(client, f"{API}/import", {"people": [person]}, api_token_for(personas.admin))
    assert response.status_code == 422
    assert response.json()["field"] == field


def test_it_refuses_an_empty_import(personas, client, api_token_for):
    response = post(client, f"{API}/import", {"people": []}, api_token_for(personas.admin))
    assert response.status_code == 422 and response.json()["field"] == "people"


def test_it_deactivates_a_leaver(personas, client, api_token_for):
    body = {"people": [{"email": personas.unrelated.email, "full_name": "Uma Unrelated",
                        "status": "left"}]}
    report = post(client, f"{API}/import", body, api_token_for(personas.admin)).json()
    assert report["leavers"][0]["email"] == personas.unrelated.email
    assert report["leavers"][0]["index"] == 0
    personas.unrelated.refresh_from_db()
    assert personas.unrelated.is_active is False
