"""GET /relationships/{pk}/why-matched: the page's "why we matched you" over JSON."""

from __future__ import annotations

import pytest

from mentora.matching.services import draft_publish, matchrun_execute, matchrun_start
from mentora.relationships.models import Relationship

pytestmark = pytest.mark.django_db


def _published(personas):
    matchrun_execute(run=matchrun_start(program=personas.program, by=personas.manager))
    draft_publish(program=personas.program, by=personas.manager)
    return Relationship.objects.get()


def _get(client, headers, pk):
    return client.get(f"/api/v1/relationships/{pk}/why-matched", **headers)


@pytest.mark.parametrize(
    ("persona", "status", "heading"),
    [
        ("mentee", 200, "Why we matched you"),
        ("mentor", 200, "Why we matched you"),
        ("manager", 200, "Why they were matched"),
        ("admin", 200, "Why they were matched"),
        ("coach", 404, None),
        ("unrelated", 404, None),
        ("anonymous", 401, None),
    ],
)
def test_it_shows_why_to_the_pair_and_its_managers_only(
    personas, client, api_token_for, persona, status, heading
):
    rel = _published(personas)
    headers = {} if persona == "anonymous" else api_token_for(getattr(personas, persona))
    response = _get(client, headers, rel.pk)
    assert response.status_code == status, response.content
    if status == 200:
        body = response.json()
        assert body["heading"] == heading
        assert body["source"] == "matching" and body["relationship_id"] == rel.pk
        assert body["score_out_of_100"] == round(body["score"] * 100)
        assert body["factors"] and all(f["contribution"] > 0 for f in body["factors"])
    else:
        assert b"score" not in response.content and b"reason" not in response.content


def test_it_words_the_reasons_for_each_reader_like_the_page(personas, client, api_token_for):
    rel = _published(personas)

    def reasons(persona):
        body = _get(client, api_token_for(getattr(personas, persona)), rel.pk).json()
        return " | ".join(f["reason"] for f in body["factors"])

    mentee, mentor, manager = reasons("mentee"), reasons("mentor"), reasons("manager")
    assert "Marco Mentor has worked as Marketing Manager, your target role" in mentee
    assert "You have worked as Marketing Manager" in mentor and "Maya" in mentor
    assert "your target role" not in mentor and "than you" not in mentor
    assert "your" not in manager and "Maya" in manager


def test_it_answers_404_for_a_relationship_not_made_by_matching(
    personas, client, api_token_for, requested
):
    response = _get(client, api_token_for(personas.mentee), requested.pk)
    assert response.status_code == 404
    assert "no match explanation" in response.json()["detail"]


def test_it_answers_404_for_a_relationship_that_does_not_exist(personas, client, api_token_for):
    response = _get(client, api_token_for(personas.admin), 999999)
    assert response.status_code == 404
    assert "No relationship with id 999999" in response.json()["detail"]
