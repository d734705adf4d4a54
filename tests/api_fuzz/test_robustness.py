"""Robustness of every API answer (issue 21, items 7 and 11).

On `main` `page=576460752303423488` gave HTTP 500 on every paginated endpoint (SQLite OFFSET
overflow) and a body over DATA_UPLOAD_MAX_MEMORY_SIZE got Django's HTML 400 page. These tests
fail there.
"""

from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.django_db

PAGINATED = [
    "/api/v1/accounts/tokens",
    "/api/v1/people/directory",
    "/api/v1/audit/entries",
    "/api/v1/relationships",
    "/api/v1/programs",
]


@pytest.mark.parametrize("path", PAGINATED)
def test_it_answers_an_empty_page_for_a_page_past_the_bound(personas, client, api_token_for, path):
    response = client.get(path, {"page": "576460752303423488"}, **api_token_for(personas.admin))
    assert response.status_code == 200
    assert response.json()["items"] == [] and response.json()["count"] >= 0


@pytest.mark.parametrize("path", PAGINATED)
def test_it_answers_an_empty_page_past_the_last_one(personas, client, api_token_for, path):
    response = client.get(path, {"page": "1000000"}, **api_token_for(personas.admin))
    assert response.status_code == 200
    assert response.json()["items"] == []


def test_it_answers_json_for_a_body_over_the_size_limit(personas, client, api_token_for, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = client.post(
        "/api/v1/accounts/tokens",
        data=json.dumps({"name": "x" * 5000}),
        content_type="application/json",
        **api_token_for(personas.mentee),
    )
    assert response.status_code == 413
    assert response["Content-Type"].startswith("application/json")
    assert "larger than" in response.json()["detail"]
