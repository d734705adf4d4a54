"""The career pages: who may see them, what they show, and how many queries they take."""

from __future__ import annotations

import pytest
from django.urls import reverse

from mentora.careers.models import DataRelease
from mentora.careers.search import get_index

pytestmark = pytest.mark.django_db

PERSONAS = ["mentee", "mentor", "coach", "manager", "admin", "unrelated", "anonymous"]
MARKETING = reverse("careers:occupation", args=["11-2021.00"])
ONET_NOTICE = (
    "This page includes information from the O*NET 29.3 Database by the U.S. Department of "
    "Labor, Employment and Training Administration (USDOL/ETA). Used under the CC BY 4.0 "
    "license. O*NET® is a trademark of USDOL/ETA."
)
MODIFIED_NOTICE = (
    "Mentora has modified all or some of this information. USDOL/ETA has not approved, "
    "endorsed, or tested these modifications."
)
BLS_CITATION = "Source: U.S. Bureau of Labor Statistics, Employment Projections program (2024–34)."


@pytest.mark.parametrize("url", [reverse("careers:search") + "?q=nurse", MARKETING])
@pytest.mark.parametrize("persona", PERSONAS)
def test_it_shows_career_pages_to_signed_in_people_only(
    real_data, client_for, personas, persona, url
):
    response = client_for(personas.all()[persona]).get(url)
    if persona == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login") + "?next=")
    else:
        assert response.status_code == 200


def test_it_turns_away_a_deactivated_account(real_data, client, personas):
    personas.unrelated.is_active = False
    personas.unrelated.save()
    client.force_login(personas.unrelated)
    assert client.get(MARKETING).status_code == 302


def test_it_lists_matching_occupations(real_data, client_for, personas):
    page = client_for(personas.mentee).get(reverse("careers:search"), {"q": "SWE II"})
    html = page.content.decode()

    assert "<!doctype html>" in html and 'role="search"' in html
    assert 'value="SWE II"' in html
    assert f'href="{reverse("careers:occupation", args=["15-1252.00"])}"' in html
    assert "Software Developers" in html and "Also called “Software Engineer”" in html
    assert ONET_NOTICE in html and MODIFIED_NOTICE in html


def test_it_answers_search_as_you_type_with_the_results_only(real_data, client_for, personas):
    response = client_for(personas.mentee).get(
        reverse("careers:search"), {"q": "registered nurse"}, headers={"HX-Request": "true"}
    )
    html = response.content.decode()
    assert "<html" not in html and 'role="search"' not in html
    assert "Registered Nurses" in html and ONET_NOTICE in html


def test_it_shows_an_empty_search_page_and_a_no_match_message(real_data, client_for, personas):
    client = client_for(personas.mentee)
    empty = client.get(reverse("careers:search")).content.decode()
    assert '<label for="id_q">Job title</label>' in empty and "<ol" not in empty
    none = client.get(reverse("careers:search"), {"q": "zzqxv"}).content.decode()
    assert "No occupation matches “zzqxv”" in none


def test_it_says_when_no_career_data_is_loaded(client_for, personas):
    DataRelease.objects.all().delete()  # other tests of this package may have loaded some
    html = client_for(personas.admin).get(reverse("careers:search"), {"q": "nurse"})
    body = html.content.decode()
    assert "Career data isn’t loaded yet" in body and "Ask your administrator" in body


def test_it_shows_the_role_insight(real_data, client_for, personas):
    html = client_for(personas.mentee).get(MARKETING).content.decode()

    assert "<h1>Marketing Managers</h1>" in html
    assert "Top skills" in html and "Top knowledge" in html and "Sales and Marketing" in html
    assert "Job Zone Four: Considerable Preparation Needed" in html
    assert "Salesforce software" in html and "In demand" in html
    assert "Typical tasks" in html and "A step up" in html and "A step across" in html
    assert "Market outlook (2024–2034)" in html
    assert "+6.6%" in html and "407,000 in 2024 → 433,700 in 2034" in html
    assert "34,300 on average" in html and "$161,030 a year (2024)" in html
    assert "Bachelor&#x27;s degree" in html
    assert ONET_NOTICE in html and MODIFIED_NOTICE in html and BLS_CITATION in html


def test_it_explains_missing_ratings_on_the_insight_page(real_data, client_for, personas):
    url = reverse("careers:occupation", args=["15-1252.00"])
    html = client_for(personas.mentor).get(url).content.decode()
    assert "O*NET has not yet rated the skills and knowledge of this occupation" in html
    assert "Top skills" not in html
    assert "Typical tasks" in html and "Hot and in-demand technologies" in html
    assert "$133,080 a year" in html


def test_it_names_the_broader_bls_group(real_data, client_for, personas):
    url = reverse("careers:occupation", args=["21-1014.00"])
    html = client_for(personas.mentor).get(url).content.decode()
    assert "BLS publishes these figures for the broader group “Counselors” (SOC 21-1010)" in html


def test_it_answers_404_for_an_unknown_occupation(real_data, client_for, personas):
    url = reverse("careers:occupation", args=["99-9999.00"])
    assert client_for(personas.mentee).get(url).status_code == 404
    assert client_for(personas.mentee).get("/careers/occupations/software/").status_code == 404


@pytest.mark.parametrize(
    "code, queries", [("11-2021.00", 11), ("15-1252.00", 10), ("55-1011.00", 10)]
)
def test_it_shows_the_insight_page_in_fixed_queries(
    real_data, client_for, personas, django_assert_num_queries, code, queries
):
    client = client_for(personas.mentee)
    # Session, user and the menu's roles; then occupation, ratings, level anchors (only when
    # there are ratings), technologies, tasks, related roles, releases and projections.
    with django_assert_num_queries(queries):
        assert client.get(reverse("careers:occupation", args=[code])).status_code == 200


def test_it_lists_search_results_in_fixed_queries(
    real_data, client_for, personas, django_assert_num_queries
):
    client = client_for(personas.mentee)
    get_index()
    for query in ("nurse", "software engineer"):
        # session, user and the menu's roles; the releases; which release the index is for.
        with django_assert_num_queries(5):
            assert client.get(reverse("careers:search"), {"q": query}).status_code == 200
