"""Reading a what-if preview over the API: the page /matching/<slug>/what-if/<id>/ as JSON."""

from __future__ import annotations

import json

import pytest

from mentora.matching import services
from mentora.matching.models import MatchRun
from mentora.matching.services import matchrun_execute, matchrun_start

from .helpers import grow_cohort

pytestmark = pytest.mark.django_db

BASE = "/api/v1/matching/grow"
EXPECTED = {
    "mentee": 403,
    "mentor": 403,
    "coach": 403,
    "manager": 200,
    "admin": 200,
    "unrelated": 403,
    "anonymous": 401,
}


def _preview(personas, **weights):
    matchrun_execute(run=matchrun_start(program=personas.program, by=personas.manager))
    return services.whatif_preview(
        program=personas.program, by=personas.manager, weights=weights, constraints={},
        objective="total",
    )


@pytest.mark.parametrize("persona, expected", EXPECTED.items())
def test_it_shows_a_preview_only_to_managers_and_admins(
    personas, client, api_token_for, persona, expected
):
    grow_cohort(personas, mentees=3, mentors=2)
    preview = _preview(personas, role=0)
    user = getattr(personas, persona)
    headers = api_token_for(user) if persona != "anonymous" else {}
    response = client.get(f"{BASE}/what-if/{preview.pk}", **headers)
    assert response.status_code == expected
    if expected != 200:
        assert b"score" not in response.content


def test_it_compares_a_finished_preview_with_the_draft(personas, client, api_token_for):
    grow_cohort(personas, mentees=4, mentors=2)
    preview = _preview(personas, role=0)
    body = client.get(f"{BASE}/what-if/{preview.pk}", **api_token_for(personas.manager)).json()
    assert body["preview"]["id"] == preview.pk and body["preview"]["status"] == "done"
    assert body["current"]["purpose"] == "run" and body["current"]["id"] != preview.pk
    assert body["unchanged"] + len(body["changes"]) == 4


def test_it_answers_a_queued_preview_without_a_comparison(personas, client, api_token_for):
    grow_cohort(personas, mentees=3, mentors=2)
    matchrun_execute(run=matchrun_start(program=personas.program, by=personas.manager))
    queued = MatchRun.objects.create(
        program=personas.program,
        purpose=MatchRun.Purpose.PREVIEW,
        status=MatchRun.Status.QUEUED,
        weights={"role": 0.0},
        started_by=personas.manager,
    )
    body = client.get(f"{BASE}/what-if/{queued.pk}", **api_token_for(personas.manager)).json()
    assert body["preview"]["status"] == "queued"
    assert body["changes"] is None and body["unchanged"] is None


def test_it_answers_a_run_of_another_program_with_404(personas, client, api_token_for):
    grow_cohort(personas, mentees=2, mentors=2)
    preview = _preview(personas, role=0)
    response = client.get(
        f"/api/v1/matching/lead/what-if/{preview.pk}", **api_token_for(personas.admin)
    )
    assert response.status_code == 404
    assert json.loads(response.content)["detail"] == f"No run {preview.pk} in Lead."
