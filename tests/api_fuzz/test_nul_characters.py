"""PostgreSQL cannot store NUL in text: the API refuses it as bad input, naming the field."""

from __future__ import annotations

import json

import pytest

from mentora.lib.api_parser import nul_path

pytestmark = pytest.mark.django_db


def test_it_finds_the_path_of_a_nul_character():
    assert nul_path({"a": [{"b": "ok"}, {"c": "x\x00"}]}) == "a.1.c"
    assert nul_path({"a": ["fine", 3, None]}) is None
    assert nul_path("x\x00") == ""


def test_it_answers_422_naming_the_body_field(personas, client, api_token_for):
    response = client.post(
        "/api/v1/growth/situations",
        data=json.dumps({"title": "A\x00B", "situation": "x"}),
        content_type="application/json",
        **api_token_for(personas.mentee),
    )
    assert response.status_code == 422
    assert response.json()["field"] == "title"
    assert "NUL" in response.json()["detail"]


def test_it_answers_422_for_a_nul_in_the_query(personas, client, api_token_for):
    response = client.get(
        "/api/v1/people/directory",
        {"q": "a\x00"},
        **api_token_for(personas.mentee),
    )
    assert response.status_code == 422 and response.json()["field"] == "q"
