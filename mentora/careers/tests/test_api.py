"""The careers API: search and role insight, permissions, errors and query counts."""

from __future__ import annotations

import pytest

from mentora.careers.search import get_index

pytestmark = pytest.mark.django_db

API = "/api/v1/careers"
PERSONAS = ["mentee", "mentor", "coach", "manager", "admin", "unrelated", "anonymous"]
EVERYONE_SIGNED_IN = [(p, 401 if p == "anonymous" else 200) for p in PERSONAS]


@pytest.mark.parametrize("path", ["/search?q=nurse", "/occupations/11-2021.00"])
@pytest.mark.parametrize("persona, expected", EVERYONE_SIGNED_IN)
def test_it_serves_signed_in_people_only(real_data, client_for, personas, persona, expected, path):
    response = client_for(personas.all()[persona]).get(API + path)
    assert response.status_code == expected


def test_it_accepts_a_personal_api_token(real_data, client, personas, api_token_for):
    response = client.get(f"{API}/search", {"q": "nurse"}, **api_token_for(personas.coach))
    assert response.status_code == 200


def test_it_searches_by_job_title(real_data, client_for, personas):
    body = client_for(personas.mentee).get(f"{API}/search", {"q": "SWE II", "limit": 3}).json()

    assert body["query"] == "SWE II" and len(body["results"]) == 3
    best = body["results"][0]
    assert best["code"] == "15-1252.00" and best["title"] == "Software Developers"
    assert best["matched_title"] == "Software Engineer" and best["matched_kind"] == "alternate"
    assert best["url"] == "/careers/occupations/15-1252.00/" and best["job_zone"] == 4
    assert "O*NET 29.3 Database" in body["attribution"]["onet"]
    assert body["attribution"]["modification"].startswith("Mentora has modified")


def test_it_returns_the_role_insight_with_attribution(real_data, client_for, personas):
    body = client_for(personas.mentor).get(f"{API}/occupations/11-2021.00").json()

    assert body["title"] == "Marketing Managers" and body["soc_code"] == "11-2021"
    assert body["job_zone"]["zone"] == 4 and body["has_ratings"] is True
    assert body["knowledge"][0]["name"] == "Sales and Marketing"
    assert set(body["skills"][0]) == {
        "id",
        "name",
        "description",
        "importance",
        "level",
        "level_example",
    }
    assert body["technologies"] and all(t["hot"] or t["in_demand"] for t in body["technologies"])
    assert body["tasks"][0]["kind"] == "core"
    assert len(body["step_up"]) + len(body["step_across"]) == 20
    assert body["outlook"]["median_wage"] == 161_030 and body["outlook"]["exact"] is True
    assert body["onet_release"] == "O*NET 29.3 Database"
    assert body["bls_release"] == "BLS Employment Projections 2024–34"
    assert body["attribution"] == {
        "onet": "This page includes information from the O*NET 29.3 Database by the U.S. "
        "Department of Labor, Employment and Training Administration (USDOL/ETA). Used under "
        "the CC BY 4.0 license. O*NET® is a trademark of USDOL/ETA.",
        "modification": "Mentora has modified all or some of this information. USDOL/ETA has "
        "not approved, endorsed, or tested these modifications.",
        "bls": "Source: U.S. Bureau of Labor Statistics, Employment Projections program (2024–34).",
    }


def test_it_explains_an_occupation_without_ratings(real_data, client_for, personas):
    body = client_for(personas.mentor).get(f"{API}/occupations/15-1252.00").json()
    assert body["has_ratings"] is False and body["skills"] == []
    assert "has not yet rated" in body["notes"][0]
    assert body["tasks"] and body["technologies"]


def test_it_answers_404_with_a_clear_message(real_data, client_for, personas):
    response = client_for(personas.mentee).get(f"{API}/occupations/99-9999.00")
    assert response.status_code == 404
    assert response.json()["detail"].startswith("No occupation with O*NET-SOC code 99-9999.00.")


@pytest.mark.parametrize(
    "path, field",
    [
        ("/search", "q"),
        ("/search?q=", "q"),
        ("/search?q=" + "x" * 201, "q"),
        ("/search?q=nurse&limit=0", "limit"),
        ("/search?q=nurse&limit=many", "limit"),
        ("/occupations/15-1252", "code"),
    ],
)
def test_it_names_the_field_of_bad_input(real_data, client_for, personas, path, field):
    response = client_for(personas.mentee).get(API + path)
    assert response.status_code == 422
    body = response.json()
    assert body["field"] == field and body["detail"].startswith(f"{field}: ")


def test_it_rejects_a_blank_title(real_data, client_for, personas):
    response = client_for(personas.mentee).get(f"{API}/search", {"q": "   "})
    assert response.status_code == 422
    body = response.json()
    assert (body["detail"], body["field"]) == ("Type a job title to search for.", "q")


def test_it_searches_and_describes_in_fixed_queries(
    real_data, client_for, personas, django_assert_num_queries
):
    client = client_for(personas.mentee)
    get_index()
    for query in ("nurse", "software engineer"):
        with django_assert_num_queries(4):  # session, user, releases, index release
            assert client.get(f"{API}/search", {"q": query}).status_code == 200
    for code, queries in (("11-2021.00", 10), ("15-1252.00", 9)):
        with django_assert_num_queries(queries):
            assert client.get(f"{API}/occupations/{code}").status_code == 200
