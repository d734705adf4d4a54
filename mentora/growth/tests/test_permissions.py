"""Every growth page and endpoint, for every persona: who sees Maya's growth content.

Maya is the mentee; Marco her mentor and Chloe her coach (both active); Priya manages Grow,
Olga is the organization admin (and manages Lead); Uma is unrelated except as the colleague
Marco introduces Maya to and the peer Maya asks for feedback.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from .conftest import (
    PEER_REQUEST,
    PERSONAS,
    PRIVATE_FEEDBACK,
    SECRET_SITUATION,
    SHARED_FEEDBACK,
    SHARED_SITUATION,
)

pytestmark = pytest.mark.django_db

SECRETS = [SECRET_SITUATION, PRIVATE_FEEDBACK]
OWN_PAGES = ["overview", "target", "assess", "gap", "plan", "feedback", "situations"]


def _get(client_for, personas, persona, url):
    return client_for(getattr(personas, persona)).get(url)


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("page", OWN_PAGES)
def test_it_shows_own_pages_to_everyone_signed_in_with_only_their_own_content(
    client_for, world, persona, page
):
    personas = world["personas"]
    response = _get(client_for, personas, persona, reverse(f"growth:{page}"))
    if persona == "anonymous":
        assert response.status_code == 302 and "/accounts/login" in response["Location"]
        return
    assert response.status_code == 200
    body = response.content.decode()
    if persona != "mentee":
        hidden = [s for s in SECRETS if not (persona == "mentor" and s == PRIVATE_FEEDBACK)]
        assert all(secret not in body for secret in hidden), (persona, page)  # Marco gave it
        assert SHARED_FEEDBACK not in body or persona == "mentor"  # Marco gave it
        assert "Lead the spring campaign launch" not in body


PERSON_PAGES = {
    # page: expected status per persona (anonymous: redirect to sign in)
    "person": {"mentee": 302, "mentor": 200, "coach": 200},
    "assess_person": {"mentee": 302, "mentor": 200, "coach": 200},
}


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("page", list(PERSON_PAGES))
def test_it_shows_a_persons_growth_to_their_mentor_and_coach_only(client_for, world, persona,
                                                                   page):
    personas = world["personas"]
    url = reverse(f"growth:{page}", args=[personas.mentee.pk])
    response = _get(client_for, personas, persona, url)
    expected = PERSON_PAGES[page].get(persona, 302 if persona == "anonymous" else 404)
    assert response.status_code == expected, persona
    body = response.content.decode()
    assert SECRET_SITUATION not in body
    assert (PRIVATE_FEEDBACK in body) == (persona == "mentor" and page == "person")  # his own


def test_it_shows_the_supporter_what_was_shared_with_them(client_for, world):
    personas = world["personas"]
    url = reverse("growth:person", args=[personas.mentee.pk])
    chloe = client_for(personas.coach).get(url).content.decode()
    assert SHARED_FEEDBACK in chloe and "Sales pushback" in chloe
    assert "Lead the spring campaign launch" in chloe  # the plan
    marco = client_for(personas.mentor).get(url).content.decode()
    assert SHARED_FEEDBACK in marco and "Sales pushback" not in marco
    assert "rates them higher" in marco  # Marco rated Persuasion 5, Maya 2


@pytest.mark.parametrize("persona", PERSONAS)
def test_it_shows_situations_to_their_owner_and_the_coach_shared_with(client_for, world,
                                                                      persona):
    personas = world["personas"]
    for key, readers, text in (("secret", {"mentee"}, SECRET_SITUATION),
                               ("shared_situation", {"mentee", "coach"}, SHARED_SITUATION)):
        url = reverse("growth:situation", args=[world[key].pk])
        response = _get(client_for, personas, persona, url)
        expected = 200 if persona in readers else (302 if persona == "anonymous" else 404)
        assert response.status_code == expected, (persona, key)
        assert (text in response.content.decode()) == (persona in readers)


@pytest.mark.parametrize("persona", PERSONAS)
def test_it_lets_only_the_owner_change_a_situation(client_for, world, persona):
    personas = world["personas"]
    url = reverse("growth:situation", args=[world["shared_situation"].pk])
    client = client_for(getattr(personas, persona))
    response = client.post(url, {"action": "save", "title": "Changed", "situation": "Changed"})
    expected = {"mentee": 302, "anonymous": 302}.get(persona, 404)
    assert response.status_code == expected
    world["shared_situation"].refresh_from_db()
    assert (world["shared_situation"].title == "Changed") == (persona == "mentee")


@pytest.mark.parametrize("persona", PERSONAS)
def test_it_shows_an_introduction_to_the_three_people_involved(client_for, world, persona):
    personas = world["personas"]
    url = reverse("growth:introduction", args=[world["intro"].pk])
    response = _get(client_for, personas, persona, url)
    readers = {"mentee", "mentor", "unrelated"}
    expected = 200 if persona in readers else (302 if persona == "anonymous" else 404)
    assert response.status_code == expected
    accept_offered = "Accept the introduction" in response.content.decode()
    assert accept_offered == (persona in ("mentee", "unrelated"))


@pytest.mark.parametrize("persona", PERSONAS)
def test_it_offers_the_feedback_form_to_supporters_and_the_peer_who_was_asked(
    client_for, world, persona
):
    personas = world["personas"]
    url = reverse("growth:feedback_give", args=[personas.mentee.pk])
    response = _get(client_for, personas, persona, url)
    expected = {"mentor": 200, "coach": 200, "anonymous": 302}.get(persona, 404)
    assert response.status_code == expected
    asked = _get(client_for, personas, persona, f"{url}?request={world['request'].pk}")
    expected = {"mentor": 200, "coach": 200, "unrelated": 200, "anonymous": 302}.get(persona, 404)
    assert asked.status_code == expected
    if persona == "unrelated":
        body = asked.content.decode()
        assert PEER_REQUEST in body
        assert "Lead the spring campaign launch" not in body  # a peer does not see her goals


@pytest.mark.parametrize("persona", PERSONAS)
def test_it_lets_only_the_owner_touch_plan_items(client_for, world, persona):
    personas = world["personas"]
    client = client_for(getattr(personas, persona))
    posts = [
        (reverse("growth:plan_skill", args=[world["skill"].pk]), {"current_level": "4"}),
        (reverse("growth:milestone", args=[world["milestone"].pk]), {"done": "1"}),
        (reverse("growth:contact", args=[world["contact"].pk]), {"status": "met"}),
        (reverse("growth:milestone_add", args=[world["goal"].pk]), {"milestone-text": "x"}),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code == (302 if persona in ("mentee", "anonymous")
                                                      else 404), url
    goal_page = client.get(reverse("growth:goal", args=[world["goal"].pk]))
    assert goal_page.status_code == {"mentee": 200, "anonymous": 302}.get(persona, 404)
    world["skill"].refresh_from_db()
    assert (world["skill"].current_level == 4) == (persona == "mentee")


# API -------------------------------------------------------------------------------------------


def _api(client, api_token_for, personas, persona, method, url, **kwargs):
    headers = {} if persona == "anonymous" else api_token_for(getattr(personas, persona))
    return getattr(client, method)(url, content_type="application/json", **headers, **kwargs)


@pytest.mark.parametrize("persona", PERSONAS)
def test_it_answers_the_gap_and_plan_of_a_person_to_them_and_their_supporters(
    client, api_token_for, world, persona
):
    personas = world["personas"]
    for part in ("gap", "plan"):
        url = f"/api/v1/growth/people/{personas.mentee.pk}/{part}"
        response = _api(client, api_token_for, personas, persona, "get", url)
        expected = {"mentee": 200, "mentor": 200, "coach": 200, "anonymous": 401}.get(persona,
                                                                                      404)
        assert response.status_code == expected, (persona, part)
    assessment = _api(client, api_token_for, personas, persona, "put",
                      f"/api/v1/growth/people/{personas.mentee.pk}/assessment",
                      data={"levels": {"2.A.1.a": 4}})
    assert assessment.status_code == {"mentee": 200, "mentor": 200, "coach": 200,
                                      "anonymous": 401}.get(persona, 404)


@pytest.mark.parametrize("persona", PERSONAS)
def test_it_lists_only_the_feedback_a_persona_may_read(client, api_token_for, world, persona):
    personas = world["personas"]
    response = _api(client, api_token_for, personas, persona, "get", "/api/v1/growth/feedback")
    if persona == "anonymous":
        assert response.status_code == 401
        return
    observations = {i["observation"] for f in response.json()["items"] for i in f["items"]}
    expected = {
        "mentee": {PRIVATE_FEEDBACK, SHARED_FEEDBACK},
        "mentor": {PRIVATE_FEEDBACK, SHARED_FEEDBACK},
        "coach": {SHARED_FEEDBACK},
    }.get(persona, set())
    assert observations == expected


@pytest.mark.parametrize("persona", PERSONAS)
def test_it_answers_situations_only_to_their_readers(client, api_token_for, world, persona):
    personas = world["personas"]
    listing = _api(client, api_token_for, personas, persona, "get", "/api/v1/growth/situations")
    if persona == "anonymous":
        assert listing.status_code == 401
    else:
        titles = sorted(s["title"] for s in listing.json()["items"])
        assert titles == {"mentee": ["Credit", "Sales pushback"],
                          "coach": ["Sales pushback"]}.get(persona, [])
    for key, readers in (("secret", {"mentee"}), ("shared_situation", {"mentee", "coach"})):
        url = f"/api/v1/growth/situations/{world[key].pk}"
        response = _api(client, api_token_for, personas, persona, "get", url)
        expected = 200 if persona in readers else (401 if persona == "anonymous" else 404)
        assert response.status_code == expected, (persona, key)
        changed = _api(client, api_token_for, personas, persona, "patch", url,
                       data={"reflection": "edited"})
        expected = {"mentee": 200, "coach": 403 if key == "shared_situation" else 404,
                    "anonymous": 401}.get(persona, 404)
        assert changed.status_code == expected, (persona, key)


@pytest.mark.parametrize("persona", PERSONAS)
def test_it_lets_only_the_two_people_answer_an_introduction(client, api_token_for, world,
                                                             persona):
    personas = world["personas"]
    listing = _api(client, api_token_for, personas, persona, "get",
                   "/api/v1/growth/introductions")
    if persona == "anonymous":
        assert listing.status_code == 401
    else:
        assert listing.json()["count"] == (1 if persona in ("mentee", "mentor", "unrelated")
                                           else 0)
    response = _api(client, api_token_for, personas, persona, "post",
                    f"/api/v1/growth/introductions/{world['intro'].pk}/accept")
    expected = {"mentee": 200, "unrelated": 200, "mentor": 403, "anonymous": 401}.get(persona,
                                                                                     404)
    assert response.status_code == expected


@pytest.mark.parametrize("persona", PERSONAS)
def test_it_lets_only_the_owner_change_plan_items_through_the_api(client, api_token_for, world,
                                                                  persona):
    personas = world["personas"]
    calls = [
        ("patch", f"/api/v1/growth/plan/skills/{world['skill'].pk}", {"current_level": 3}),
        ("patch", f"/api/v1/growth/plan/goals/{world['goal'].pk}", {"status": "in_progress"}),
        ("post", f"/api/v1/growth/plan/goals/{world['goal'].pk}/milestones", {"text": "Step"}),
        ("patch", f"/api/v1/growth/plan/milestones/{world['milestone'].pk}", {"done": True}),
        ("patch", f"/api/v1/growth/plan/contacts/{world['contact'].pk}", {"status": "met"}),
    ]
    for method, url, data in calls:
        response = _api(client, api_token_for, personas, persona, method, url, data=data)
        expected = {"mentee": 201 if method == "post" else 200,
                    "anonymous": 401}.get(persona, 404)
        assert response.status_code == expected, (persona, url)


@pytest.mark.parametrize("persona", PERSONAS)
def test_it_keeps_own_endpoints_to_the_caller(client, api_token_for, world, persona):
    personas = world["personas"]
    for url in ("/api/v1/growth/me/gap", "/api/v1/growth/me/plan", "/api/v1/growth/me/roles",
                "/api/v1/growth/feedback/requests"):
        response = _api(client, api_token_for, personas, persona, "get", url)
        if persona == "anonymous":
            assert response.status_code == 401
            continue
        assert response.status_code == 200
        body = response.content.decode()
        if persona not in ("mentee", "unrelated"):
            assert PEER_REQUEST not in body
        if persona != "mentee":
            assert "Lead the spring campaign launch" not in body
