"""Unknown paths under /api/v1/ answer a JSON 404 for everyone, never the HTML page."""

from __future__ import annotations

import pytest

PERSONAS = ["mentee", "mentor", "coach", "manager", "admin", "unrelated", "anonymous"]


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/api/v1/no-such-thing"),
        ("get", "/api/v1/people/me/profile/extra/"),
        ("post", "/api/v1/nothing/here"),
        ("delete", "/api/v1/programs/grow/no-such-part"),
    ],
)
def test_it_answers_unknown_api_paths_with_json_404(personas, client_for, persona, method, path):
    client = client_for(getattr(personas, persona))
    response = getattr(client, method)(path)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["code"] == "not_found"
    assert path in body["detail"] and "/api/v1/openapi.json" in body["detail"]


def test_it_still_serves_known_operations_and_the_schema(personas, client_for, api_token_for):
    client = client_for(None)
    assert client.get("/api/v1/openapi.json").status_code == 200
    assert (
        client.get("/api/v1/people/me/profile", **api_token_for(personas.mentee)).status_code == 200
    )


def test_it_leaves_html_404s_outside_the_api(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert not response["Content-Type"].startswith("application/json")
