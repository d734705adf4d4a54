"""GET /matching/{slug}/draft/move-options/{mentee_id}: the move page's list over JSON."""

from __future__ import annotations

import pytest

from mentora.matching.models import DraftPair
from mentora.matching.services import (
    draft_move,
    draft_publish,
    matchrun_execute,
    matchrun_start,
    move_options,
)

from .helpers import grow_cohort

pytestmark = pytest.mark.django_db

BASE = "/api/v1/matching/grow/draft/move-options"
QUERIES = 17  # token, program, draft, pairs, features (with the choice questions): none per mentor


def _draft(personas):
    return matchrun_execute(run=matchrun_start(program=personas.program, by=personas.manager))


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
def test_it_answers_only_managers_and_admins(personas, client, api_token_for, persona, status):
    _draft(personas)
    headers = {} if persona == "anonymous" else api_token_for(getattr(personas, persona))
    response = client.get(f"{BASE}/{personas.mentee.pk}", **headers)
    assert response.status_code == status, response.content
    if status != 200:
        assert b"score" not in response.content


def test_it_lists_the_same_options_as_the_move_page(personas, client, api_token_for):
    mentees, mentors = grow_cohort(personas, mentees=4, mentors=3)
    _draft(personas)
    mentee = mentees[1]
    current = DraftPair.objects.get(mentee=mentee)
    options = client.get(f"{BASE}/{mentee.pk}", **api_token_for(personas.manager)).json()
    expected = [
        (o.mentor.pk, o.score, o.room, o.current)
        for o in move_options(program=personas.program, mentee=mentee, by=personas.manager)
    ]
    assert [(o["mentor"]["id"], o["score"], o["room"], o["current"]) for o in options] == expected
    mine = next(o for o in options if o["current"])
    assert mine["mentor"]["id"] == current.mentor_id and abs(mine["delta"]) < 1e-9
    assert abs(mine["score"] - current.score) < 1e-5
    others = [o for o in options if not o["current"]]
    assert all(o["room"] > 0 for o in others)
    for o in others:
        assert abs(o["delta"] - (o["score"] - current.score)) < 1e-9
    moved = draft_move(
        program=personas.program,
        mentee=mentee,
        mentor=next(m for m in mentors if m.pk == others[0]["mentor"]["id"]),
        by=personas.manager,
    )
    assert abs(moved.new_score - others[0]["score"]) < 1e-5


def test_it_reads_in_the_same_number_of_queries_for_more_mentors(
    personas, client, api_token_for, django_assert_num_queries
):
    grow_cohort(personas, mentees=3, mentors=2)
    _draft(personas)
    headers = api_token_for(personas.manager)
    client.get(f"{BASE}/{personas.mentee.pk}", **headers)
    with django_assert_num_queries(QUERIES):
        small = client.get(f"{BASE}/{personas.mentee.pk}", **headers)
    grow_cohort(personas, mentees=1, mentors=5, start=10)
    _draft(personas)
    with django_assert_num_queries(QUERIES):
        large = client.get(f"{BASE}/{personas.mentee.pk}", **headers)
    assert len(large.json()) > len(small.json())


def test_it_explains_a_missing_or_published_draft(personas, client, api_token_for):
    headers = api_token_for(personas.manager)
    none = client.get(f"{BASE}/{personas.mentee.pk}", **headers)
    assert none.status_code == 409 and "no draft yet" in none.json()["detail"]
    _draft(personas)
    unknown = client.get(f"{BASE}/999999", **headers)
    assert unknown.status_code == 404 and "999999" in unknown.json()["detail"]
    draft_publish(program=personas.program, by=personas.manager)
    published = client.get(f"{BASE}/{personas.mentee.pk}", **headers)
    assert published.status_code == 409 and "published" in published.json()["detail"]


def test_it_refuses_someone_who_is_not_a_mentee_of_the_program(personas, client, api_token_for):
    _draft(personas)
    response = client.get(f"{BASE}/{personas.unrelated.pk}", **api_token_for(personas.manager))
    # The move page's service decides; it answers with its own message, not a traceback.
    assert response.status_code == 409, response.content
    assert response.json()["detail"] == "Grow has no mentees waiting for a match."
