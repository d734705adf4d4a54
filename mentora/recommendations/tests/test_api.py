"""JSON API: every persona on every endpoint; a mentee only ever gets their own scores."""

from __future__ import annotations

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from mentora.recommendations.models import DoNotPair, MentorChoice
from mentora.recommendations.services import mentor_requests_add
from mentora.recommendations.tests.conftest import NOW
from mentora.relationships.models import Relationship
from mentora.relationships.services.lifecycle import relationship_end_early

pytestmark = pytest.mark.django_db
BASE = "/api/v1/recommendations"
WHO = ["mentee", "mentor", "coach", "manager", "admin", "unrelated"]


@pytest.fixture
def asked(personas, grow, mentors):
    return mentor_requests_add(
        program=grow,
        mentee=personas.mentee,
        by=personas.mentee,
        choices=[(mentors.marco, "Marketing, please."), (mentors.nora, "")],
        now=NOW,
    )


def call(client, method, url, headers, body=None):
    kwargs = {"content_type": "application/json", **headers}
    if body is not None:
        kwargs["data"] = json.dumps(body)
    return getattr(client, method)(url, **kwargs)


def test_it_requires_authentication_everywhere(client, asked):
    for method, url in (
        ("get", f"{BASE}/programs/grow"),
        ("get", f"{BASE}/requests"),
        ("post", f"{BASE}/requests"),
        ("get", f"{BASE}/requests/{asked[0].pk}"),
        ("post", f"{BASE}/requests/{asked[0].pk}/accept"),
        ("get", f"{BASE}/inbox"),
        ("get", f"{BASE}/do-not-pair"),
    ):
        assert call(client, method, url, {}).status_code == 401, url


@pytest.mark.parametrize("who", WHO)
def test_it_gives_recommendations_only_to_enrolled_mentees(
    who, personas, client, api_token_for, grow, mentors
):
    response = call(client, "get", f"{BASE}/programs/grow", api_token_for(getattr(personas, who)))
    if who != "mentee":
        assert response.status_code == 403
        return
    data = response.json()
    assert [i["mentor"]["full_name"] for i in data["items"]] == ["Marco Mentor", "Nora North"]
    top = data["items"][0]
    assert abs(sum(r["points"] for r in top["reasons"]) - 100 * top["score"]) < 1e-6
    assert top["held_target_role"] is True
    assert top["mentor"]["profile_url"] == f"/people/{mentors.marco.pk}/"
    held = call(
        client,
        "get",
        f"{BASE}/programs/grow?held_target_role=true",
        api_token_for(personas.mentee),
    ).json()
    assert [i["mentor"]["full_name"] for i in held["items"]] == ["Marco Mentor"]
    bad = call(
        client,
        "get",
        f"{BASE}/programs/grow?meeting_format=carrier-pigeon",
        api_token_for(personas.mentee),
    )
    assert bad.status_code == 422 and bad.json()["field"] == "meeting_format"


def test_it_answers_404_for_a_program_one_cannot_see(personas, client, api_token_for, grow):
    grow.status = "draft"
    grow.save()
    response = call(client, "get", f"{BASE}/programs/grow", api_token_for(personas.mentee))
    assert response.status_code == 404


def test_it_takes_requests_in_order_and_names_bad_fields(
    personas, client, api_token_for, grow, mentors
):
    headers = api_token_for(personas.mentee)
    bad = call(
        client,
        "post",
        f"{BASE}/requests",
        headers,
        {"program": "grow", "mentors": [{"id": 999999}]},
    )
    assert bad.status_code == 422 and bad.json()["field"] == "mentors.0.id"
    huge = call(
        client, "post", f"{BASE}/requests", headers, {"program": "grow", "mentors": [{"id": 2**70}]}
    )
    assert huge.status_code == 422  # found by schemathesis: was a 500 on SQLite
    theo = call(
        client,
        "post",
        f"{BASE}/requests",
        headers,
        {"program": "grow", "mentors": [{"id": mentors.theo.pk}]},
    )
    assert theo.status_code == 422 and "no shared language" in theo.json()["detail"]
    response = call(
        client,
        "post",
        f"{BASE}/requests",
        headers,
        {
            "program": "grow",
            "mentors": [{"id": mentors.nora.pk, "note": "Hi"}, {"id": mentors.marco.pk}],
        },
    )
    assert response.status_code == 201
    assert [(c["mentor"]["id"], c["status"], c["position"]) for c in response.json()] == [
        (mentors.nora.pk, "asked", 1),
        (mentors.marco.pk, "waiting", 2),
    ]
    listed = call(client, "get", f"{BASE}/requests", headers).json()
    assert listed["count"] == 2


@pytest.mark.parametrize("who", WHO)
def test_it_shows_a_request_only_to_its_two_people(who, personas, client, api_token_for, asked):
    headers = api_token_for(getattr(personas, who))
    first = call(client, "get", f"{BASE}/requests/{asked[0].pk}", headers)
    second = call(client, "get", f"{BASE}/requests/{asked[1].pk}", headers)
    assert first.status_code == (200 if who in ("mentee", "mentor") else 404)
    assert second.status_code == (200 if who == "mentee" else 404)  # Nora is not asked yet
    mine = call(client, "get", f"{BASE}/requests", headers).json()
    assert mine["count"] == (2 if who == "mentee" else 0)
    inbox = call(client, "get", f"{BASE}/inbox", headers).json()
    assert inbox["count"] == (1 if who == "mentor" else 0)


@pytest.mark.parametrize("who", ["mentee", "coach", "manager", "admin", "unrelated"])
def test_it_lets_only_the_mentor_accept_decline_or_ask(who, personas, client, api_token_for, asked):
    headers = api_token_for(getattr(personas, who))
    pk = asked[0].pk
    expected = 403 if who == "mentee" else 404
    assert call(client, "post", f"{BASE}/requests/{pk}/accept", headers).status_code == expected
    assert (
        call(client, "post", f"{BASE}/requests/{pk}/decline", headers, {"reason": "No"}).status_code
        == expected
    )
    if who != "mentee":
        assert (
            call(
                client, "post", f"{BASE}/requests/{pk}/messages", headers, {"body": "?"}
            ).status_code
            == 404
        )
    asked[0].refresh_from_db()
    assert asked[0].status == "asked"


def test_it_runs_question_decline_and_accept_over_the_api(
    personas, client, api_token_for, asked, mentors
):
    marco, maya = api_token_for(mentors.marco), api_token_for(personas.mentee)
    first, second = asked
    asked_q = call(
        client, "post", f"{BASE}/requests/{first.pk}/messages", marco, {"body": "Why me?"}
    )
    assert asked_q.status_code == 201
    answer = call(
        client, "post", f"{BASE}/requests/{first.pk}/messages", maya, {"body": "Your path."}
    )
    assert answer.status_code == 201
    detail = call(client, "get", f"{BASE}/requests/{first.pk}", marco).json()
    assert [m["body"] for m in detail["messages"]] == ["Why me?", "Your path."]
    empty = call(client, "post", f"{BASE}/requests/{first.pk}/decline", marco, {"reason": " "})
    assert empty.status_code == 422 and empty.json()["field"] == "reason"
    declined = call(
        client, "post", f"{BASE}/requests/{first.pk}/decline", marco, {"reason": "Full"}
    )
    assert declined.json()["status"] == "declined"
    again = call(client, "post", f"{BASE}/requests/{first.pk}/accept", marco)
    assert again.status_code == 409
    nora = api_token_for(mentors.nora)
    accepted = call(client, "post", f"{BASE}/requests/{second.pk}/accept", nora)
    assert accepted.status_code == 200 and accepted.json()["status"] == "accepted"
    assert Relationship.objects.get(pk=accepted.json()["relationship"]).status == "accepted"


def test_it_reorders_and_withdraws_over_the_api(personas, client, api_token_for, asked, mentors):
    maya = api_token_for(personas.mentee)
    bad = call(client, "post", f"{BASE}/requests/reorder", maya, {"program": "grow", "order": []})
    assert bad.status_code == 422 and bad.json()["field"] == "order"
    ok = call(
        client,
        "post",
        f"{BASE}/requests/reorder",
        maya,
        {"program": "grow", "order": [asked[1].pk]},
    )
    assert ok.status_code == 200
    assert (
        call(
            client, "post", f"{BASE}/requests/{asked[0].pk}/withdraw", api_token_for(mentors.marco)
        ).status_code
        == 403
    )
    gone = call(client, "post", f"{BASE}/requests/{asked[0].pk}/withdraw", maya)
    assert gone.json()["status"] == "withdrawn"
    assert MentorChoice.objects.get(pk=asked[1].pk).status == "asked"


@pytest.mark.parametrize("who", [w for w in WHO if w != "mentee"])
def test_it_refuses_reordering_to_people_who_cannot_choose(
    who, personas, client, api_token_for, grow, mentors
):
    from mentora.notifications.models import OutboxMessage

    headers = api_token_for(getattr(personas, who))
    response = call(
        client, "post", f"{BASE}/requests/reorder", headers, {"program": "grow", "order": []}
    )
    assert response.status_code == 403 and response.json()["field"] == "program"
    assert not OutboxMessage.objects.exists()  # it used to email them "none left"


def test_it_keeps_do_not_pair_wishes_over_the_api(personas, client, api_token_for, asked, mentors):
    from mentora.recommendations.services import mentor_request_accept

    mentor_request_accept(choice=asked[0], by=mentors.marco, now=NOW)
    rel = Relationship.objects.get(pk=asked[0].relationship_id)
    maya = api_token_for(personas.mentee)
    early = call(client, "post", f"{BASE}/do-not-pair", maya, {"relationship": rel.pk})
    assert early.status_code == 409
    stranger = call(
        client,
        "post",
        f"{BASE}/do-not-pair",
        api_token_for(personas.unrelated),
        {"relationship": rel.pk},
    )
    assert stranger.status_code == 404
    relationship_end_early(relationship=rel, by=mentors.marco, reason="Moving teams.")
    made = call(client, "post", f"{BASE}/do-not-pair", maya, {"relationship": rel.pk})
    assert made.status_code == 201 and made.json()["other"]["id"] == mentors.marco.pk
    assert call(client, "get", f"{BASE}/do-not-pair", maya).json()[0]["id"] == made.json()["id"]
    assert call(client, "get", f"{BASE}/do-not-pair", api_token_for(mentors.marco)).json() == []
    pk = made.json()["id"]
    assert (
        call(client, "delete", f"{BASE}/do-not-pair/{pk}", api_token_for(mentors.marco)).status_code
        == 404
    )
    assert call(client, "delete", f"{BASE}/do-not-pair/{pk}", maya).status_code == 204
    assert not DoNotPair.objects.exists()


def test_it_lists_requests_in_constant_queries(
    personas, client, api_token_for, asked, grow, mentors, django_assert_num_queries
):
    from mentora.recommendations.tests.test_views import _more_choices

    marco, maya = api_token_for(mentors.marco), api_token_for(personas.mentee)
    counts: dict[str, int] = {}
    for name, headers in (("inbox", marco), ("requests", maya)):
        call(client, "get", f"{BASE}/{name}", headers)  # the token's first use is recorded once
        with CaptureQueriesContext(connection) as ctx:
            call(client, "get", f"{BASE}/{name}", headers)
        counts[name] = len(ctx.captured_queries)
    assert counts == {"inbox": 4, "requests": 4}
    _more_choices(grow, 4)
    with django_assert_num_queries(counts["inbox"]):
        response = call(client, "get", f"{BASE}/inbox", marco)
    assert response.json()["count"] == 5
    with django_assert_num_queries(counts["requests"]):
        call(client, "get", f"{BASE}/requests", maya)
