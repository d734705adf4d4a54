"""Issue 21, item 12: bearer tokens out of access logs, a readiness endpoint, and a sign-in
limit per address across accounts. On `main` the gunicorn config logged full request lines,
`/readyz` did not exist (404), and an address could try 4 wrong passwords on each of any
number of emails without being stopped (the lockout was per email and address only).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from unittest import mock

import pytest
from django.conf import settings
from django.db import OperationalError
from django.test import Client
from django.urls import reverse

from mentora.testing import PASSWORD

ROOT = Path(__file__).resolve().parents[2]


def _gunicorn_conf():
    spec = importlib.util.spec_from_file_location("gunicorn_conf", ROOT / "deploy/gunicorn.conf.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    "line",
    [
        "GET /notifications/calendar/Zx9_secretfeedtoken123.ics HTTP/1.1",
        "GET /notifications/do/eyJhIjoiY29uZmlybSJ9:1tXyz:abcdef/ HTTP/1.1",
        "GET /accounts/my-data/link/eyJhIjoiZ2RwciJ9:1tXyz:abcdef/ HTTP/1.1",
        "GET /accounts/reset/MQ/cbx9-0123456789abcdef/ HTTP/1.1",
        "GET /outcomes/s/eyJzIjo0fQ:1tXyz:abc/ HTTP/1.1",
        "GET /oidc/callback/?code=SplxlOBeZQQYbYS6WxSbIA&state=af0ifjsldkj HTTP/1.1",
    ],
)
def test_it_redacts_bearer_tokens_in_the_access_log(line):
    conf = _gunicorn_conf()
    redacted = conf.redact(line)
    assert "[redacted]" in redacted
    for secret in ("Zx9_secret", "eyJ", "cbx9", "SplxlOB", "af0ifj"):
        assert secret not in redacted
    assert redacted.endswith("HTTP/1.1")


def test_it_keeps_ordinary_urls_readable_in_the_access_log():
    conf = _gunicorn_conf()
    line = "GET /relationships/12/?tab=meetings HTTP/1.1"
    assert conf.redact(line) == line
    assert conf.logger_class is conf.RedactingLogger


def test_it_uses_the_redacting_logger_for_every_access_log_atom():
    from gunicorn.config import Config

    conf = _gunicorn_conf()
    logger = conf.RedactingLogger(Config())
    environ = {
        "REQUEST_METHOD": "GET", "RAW_URI": "/notifications/calendar/abcSECRET.ics",
        "SERVER_PROTOCOL": "HTTP/1.1", "PATH_INFO": "/notifications/calendar/abcSECRET.ics",
        "QUERY_STRING": "", "HTTP_REFERER": "https://x/oidc/callback/?code=SECRETCODE",
        "REMOTE_ADDR": "10.0.0.1",
    }
    response = mock.Mock(status="200 OK", sent=10, headers=[], response_length=10)
    request = mock.Mock(headers=[])
    from datetime import timedelta

    atoms = logger.atoms(response, request, environ, timedelta(seconds=0.01))
    assert "SECRET" not in atoms["r"] and "SECRET" not in atoms["U"]
    assert "SECRET" not in atoms["f"]


@pytest.mark.django_db
def test_it_answers_ready_when_the_database_answers(client):
    response = client.get(reverse("readyz"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


@pytest.mark.django_db
def test_it_answers_not_ready_when_the_database_does_not(client):
    with mock.patch("django.db.backends.base.base.BaseDatabaseWrapper.cursor",
                    side_effect=OperationalError("connection refused")):
        response = client.get(reverse("readyz"))
    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"
    assert response["Retry-After"] == "30"
    assert client.get(reverse("healthz")).status_code == 200  # liveness stays up


def _sign_in(client: Client, email: str, password: str, ip: str = "10.0.0.1"):
    return client.post(
        reverse("accounts:login"), {"username": email, "password": password}, REMOTE_ADDR=ip
    )


@pytest.mark.django_db
def test_it_stops_one_address_spraying_passwords_across_accounts(personas, settings):
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 6
    client = Client()
    emails = [f"someone{n}@example.com" for n in range(3)]
    for email in emails:  # two failures each: never the per-email limit
        for _ in range(2):
            assert _sign_in(client, email, "wrong").status_code == 200
    # The address has used its 6 failures: even a right password is refused from it...
    assert _sign_in(client, personas.mentee.email, PASSWORD).status_code == 429
    # ...while the same person from another address signs in.
    assert _sign_in(Client(), personas.mentee.email, PASSWORD, ip="10.0.0.2").status_code == 302


@pytest.mark.django_db
def test_it_counts_only_failures_inside_the_lockout_period(personas, settings):
    from axes.models import AccessAttempt

    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 3
    client = Client()
    for n in range(3):
        _sign_in(client, f"p{n}@example.com", "wrong")
    AccessAttempt.objects.update(
        attempt_time=AccessAttempt.objects.first().attempt_time - settings.AXES_COOLOFF_TIME
        - __import__("datetime").timedelta(seconds=1)
    )
    assert _sign_in(client, personas.mentee.email, PASSWORD).status_code == 302


def test_it_defaults_to_a_limit_an_office_behind_one_address_can_live_with():
    assert settings.LOGIN_ADDRESS_FAILURE_LIMIT >= settings.AXES_FAILURE_LIMIT * 5
