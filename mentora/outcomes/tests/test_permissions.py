"""Every persona on every outcomes page and endpoint: answers stay with their respondent,
analytics with the program's managers (a manager of one program cannot see another's)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib import admin

from mentora.outcomes.models import SurveyAnswer, SurveyInvitation
from mentora.outcomes.tests.conftest import NOW, answered

pytestmark = pytest.mark.django_db

PERSONAS = ["mentee", "mentor", "coach", "manager", "admin", "unrelated", "anonymous"]
GROW_ANALYTICS = {"manager": 200, "admin": 200}  # everyone else: 404; anonymous: sign in
LEAD_ANALYTICS = {"admin": 200}


@pytest.fixture
def survey(personas, frozen):
    return answered(personas.program, personas.mentee, "baseline", 4)


def expected_page(who, allowed):
    return 302 if who == "anonymous" else allowed.get(who, 404)


def expected_api(who, allowed):
    return 401 if who == "anonymous" else allowed.get(who, 404)


def get_as(personas, client_for, who, url):
    return client_for(None if who == "anonymous" else getattr(personas, who)).get(url)


def api_as(personas, client, api_token_for, who, method, url, **kwargs):
    headers = {} if who == "anonymous" else api_token_for(getattr(personas, who))
    return getattr(client, method)(url, content_type="application/json", **kwargs, **headers)


@pytest.mark.parametrize("who", PERSONAS)
@pytest.mark.parametrize(
    ("url", "allowed"),
    [
        ("/outcomes/", GROW_ANALYTICS),
        ("/outcomes/programs/grow/", GROW_ANALYTICS),
        ("/outcomes/programs/grow/outcomes/", GROW_ANALYTICS),
        ("/outcomes/programs/grow/surveys/", GROW_ANALYTICS),
        ("/outcomes/programs/grow/export.csv?table=funnel", GROW_ANALYTICS),
        ("/outcomes/programs/grow/export.xlsx", GROW_ANALYTICS),
        ("/outcomes/programs/lead/", LEAD_ANALYTICS),
        ("/outcomes/programs/lead/outcomes/", LEAD_ANALYTICS),
        ("/outcomes/programs/lead/export.xlsx", LEAD_ANALYTICS),
        ("/outcomes/surveys/", dict.fromkeys(PERSONAS, 200)),
        ("/outcomes/surveys/{survey}/", {"mentee": 200}),
    ],
)
def test_it_guards_every_page(personas, client_for, survey, who, url, allowed):
    response = get_as(personas, client_for, who, url.format(survey=survey.pk))
    assert response.status_code == expected_page(who, allowed)


@pytest.mark.parametrize("who", PERSONAS)
@pytest.mark.parametrize(
    ("method", "url", "allowed"),
    [
        ("get", "/api/v1/outcomes/surveys", dict.fromkeys(PERSONAS, 200)),
        ("get", "/api/v1/outcomes/answers", dict.fromkeys(PERSONAS, 200)),
        ("get", "/api/v1/outcomes/surveys/{survey}", {"mentee": 200}),
        ("delete", "/api/v1/outcomes/surveys/{survey}/answers", {"mentee": 204}),
        ("get", "/api/v1/outcomes/programs/grow/dashboard", GROW_ANALYTICS),
        ("get", "/api/v1/outcomes/programs/grow/outcomes", GROW_ANALYTICS),
        ("get", "/api/v1/outcomes/programs/grow/schedule", GROW_ANALYTICS),
        ("patch", "/api/v1/outcomes/programs/grow/schedule", GROW_ANALYTICS),
        ("get", "/api/v1/outcomes/programs/lead/dashboard", LEAD_ANALYTICS),
        ("get", "/api/v1/outcomes/programs/lead/outcomes", LEAD_ANALYTICS),
        ("patch", "/api/v1/outcomes/programs/lead/schedule", LEAD_ANALYTICS),
    ],
)
def test_it_guards_every_endpoint(
    personas, client, api_token_for, survey, who, method, url, allowed
):
    kwargs = {"data": {"end_week": 20}} if method == "patch" else {}
    response = api_as(
        personas, client, api_token_for, who, method, url.format(survey=survey.pk), **kwargs
    )
    assert response.status_code == expected_api(who, allowed)


@pytest.mark.parametrize("who", ["mentor", "manager", "admin", "unrelated"])
def test_it_never_lists_someone_elses_answers(personas, client, api_token_for, survey, who):
    headers = api_token_for(getattr(personas, who))
    assert client.get("/api/v1/outcomes/answers", **headers).json()["count"] == 0
    assert client.get("/api/v1/outcomes/surveys", **headers).json()["count"] == 0


def test_it_lists_only_my_own_answers(personas, client, api_token_for, survey):
    answered(personas.program, personas.unrelated, "baseline", 2)
    rows = client.get(
        "/api/v1/outcomes/answers?page_size=100", **api_token_for(personas.mentee)
    ).json()
    assert rows["count"] == SurveyAnswer.objects.filter(invitation=survey).count()
    assert {r["value"] for r in rows["items"]} == {4}


def test_it_opens_a_survey_link_only_for_its_respondent(personas, client, survey):
    from mentora.outcomes.planning import survey_link

    SurveyInvitation.objects.filter(pk=survey.pk).update(
        answered_at=None, closes_at=NOW + timedelta(days=3)
    )
    path = "/" + survey_link(survey).split("/", 3)[3]
    client.force_login(personas.manager)  # signed in as someone else: still the respondent's
    assert "For Maya Mentee" in client.get(path).text


def test_it_shows_answers_through_the_link_only_to_the_respondent_signed_in(
    personas, client, survey
):
    from mentora.outcomes.planning import survey_link

    path = "/" + survey_link(survey).split("/", 3)[3]
    for who in (None, personas.manager, personas.mentor):  # a forwarded link
        if who is not None:
            client.force_login(who)
        page = client.get(path).text
        assert "For Maya Mentee" in page and "sign in to see or delete them" in page
        assert "4 – Agree" not in page
        client.logout()
    client.force_login(personas.mentee)
    assert "4 – Agree" in client.get(path).text


def test_it_keeps_answers_out_of_the_django_admin():
    assert SurveyAnswer not in admin.site._registry
    shown = admin.site._registry[SurveyInvitation].list_display
    assert "answers" not in shown


def test_it_lists_survey_endpoints_in_a_fixed_number_of_queries(
    personas, client, api_token_for, frozen, django_assert_num_queries
):
    headers = api_token_for(personas.mentee)
    for kind in ("baseline", "midpoint"):
        answered(personas.program, personas.mentee, kind, 3)
    client.get("/api/v1/outcomes/surveys", **headers)
    with django_assert_num_queries(2):  # token, surveys
        client.get("/api/v1/outcomes/surveys", **headers)
    answered(personas.program, personas.mentee, "end", 3)
    with django_assert_num_queries(2):
        client.get("/api/v1/outcomes/surveys", **headers)
    with django_assert_num_queries(3):  # token, count, page
        client.get("/api/v1/outcomes/answers", **headers)
    client.force_login(personas.mentee)
    with django_assert_num_queries(4):
        client.get("/outcomes/surveys/")
