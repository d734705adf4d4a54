"""schemathesis against /api/v1/openapi.json: no generated input makes any operation answer 5xx.

Every operation is called with inputs generated from the schema (valid and invalid), signed in
with a personal API token as Olga (organization admin, who reaches the most code) and as Maya
(a mentee, whose requests take the permission-denied paths). Examples per operation are
limited so the whole module runs in a few minutes on the shared CI machine.
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

EXAMPLES_PER_OPERATION = 15


@pytest.fixture
def api_schema(db):
    """The schema, called in-process through WSGI.

    A raw WSGI call fires request_started/finished, whose close_old_connections would close
    the test's transaction-wrapped connection (on PostgreSQL); Django's own test client
    disconnects it the same way."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    from mentora.wsgi import application

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


schema = schemathesis.pytest.from_fixture("api_schema")


@pytest.fixture
def fuzz_headers(personas):
    """Bearer tokens for the two personas, created once per operation under test."""
    from mentora.accounts.services import api_token_create

    return {
        name: {"Authorization": f"Bearer {api_token_create(user=user, name='fuzz')[1]}"}
        for name, user in (("admin", personas.admin), ("mentee", personas.mentee))
    }


@schema.parametrize()
@settings(
    max_examples=EXAMPLES_PER_OPERATION,
    deadline=None,
    derandomize=True,  # the same inputs on every run: a failure in CI reproduces locally
    suppress_health_check=list(HealthCheck),
)
def test_it_answers_every_generated_request_without_a_server_error(case, fuzz_headers):
    for headers in fuzz_headers.values():
        case.call_and_validate(headers=headers, checks=[not_a_server_error])


def test_it_refuses_availability_times_with_a_zone(personas, client_for, api_token_for):
    """Found by the run above: "08:58:32Z" used to reach the database and answer 500."""
    body = {"windows": [{"weekday": 6, "starts_at": "08:58:32Z", "ends_at": "16:17:18Z"}]}
    response = client_for(None).put(
        "/api/v1/people/me/availability",
        body,
        content_type="application/json",
        **api_token_for(personas.mentee),
    )
    assert response.status_code == 422
    assert response.json()["field"] == "windows.0.starts_at"
    assert "without a zone" in response.json()["detail"]
