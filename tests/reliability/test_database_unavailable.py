"""Database unavailable: pages answer 503 with a plain message, the API 503 JSON, the CLI one
clear line with exit code 1 — on whichever database the suite runs, and on a real unreachable
PostgreSQL server and a real unreadable SQLite file in child processes."""

from __future__ import annotations

import json
from contextlib import contextmanager
from unittest import mock

import pytest
from django.contrib.sessions.middleware import SessionMiddleware
from django.db import InterfaceError, OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import Client, RequestFactory

from mentora.ops.views import server_error
from tests.reliability.conftest import free_port, gunicorn, http, mentora_env, run_mentora


@contextmanager
def database_down(error: type[Exception] = OperationalError):
    """Every query from here on fails the way a lost database does."""

    def refuse(self, *args, **kwargs):
        raise error("connection to server at 127.0.0.1 failed: Connection refused")

    with mock.patch.object(BaseDatabaseWrapper, "ensure_connection", refuse):
        yield


@pytest.mark.parametrize("persona", ["mentee", "mentor", "coach", "manager", "admin", "unrelated"])
def test_it_answers_pages_with_a_plain_503(personas, client_for, persona):
    client = client_for(getattr(personas, persona))
    with database_down():
        response = client.get("/")
    _assert_plain_503(response)


def test_it_answers_503_to_an_anonymous_visitor_signing_in(personas):
    client = Client()
    assert client.get("/accounts/login/").status_code == 200  # needs no database
    with database_down():
        response = client.post(
            "/accounts/login/", {"username": personas.mentee.email, "password": "whatever"}
        )
    _assert_plain_503(response)


def _assert_plain_503(response):
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    html = response.content.decode()
    assert "<h1>Temporarily unavailable</h1>" in html
    assert "cannot reach its database" in html
    assert "Traceback" not in html and "OperationalError" not in html


def test_it_answers_the_api_with_503_json(personas, client_for, api_token_for):
    headers = api_token_for(personas.mentee)
    client = Client()
    with database_down():
        response = client.get("/api/v1/people/me/profile", **headers)
    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    assert response.json()["code"] == "database_unavailable"


def test_it_answers_503_for_a_connection_closed_under_it(personas, client_for):
    client = client_for(personas.mentor)
    with database_down(InterfaceError):
        response = client.get("/programs/")
    assert response.status_code == 503


def test_it_answers_503_when_the_error_escapes_a_middleware(personas):
    client = Client(raise_request_exception=False)

    def broken(self, request):
        raise OperationalError("server closed the connection unexpectedly")

    with mock.patch.object(SessionMiddleware, "process_request", broken):
        response = client.get("/accounts/login/")
    assert response.status_code == 503
    assert "Temporarily unavailable" in response.content.decode()


def test_it_keeps_other_server_errors_as_500(rf: RequestFactory):
    try:
        raise ValueError("a bug")
    except ValueError:
        page = server_error(rf.get("/programs/"))
        api = server_error(rf.get("/api/v1/programs"))
    assert page.status_code == 500
    assert api.status_code == 500 and json.loads(api.content) == {
        "detail": "Internal server error."
    }


def test_it_serves_the_health_check_without_the_database(client):
    with database_down():
        assert client.get("/healthz").status_code == 200


def _unreachable_databases(tmp_path):
    closed = free_port()  # nothing listens there
    folder = tmp_path / "db-is-a-folder.sqlite3"
    folder.mkdir()  # SQLite cannot open a folder: "unable to open database file"
    return {
        "postgresql": f"postgres://postgres@127.0.0.1:{closed}/mentora",
        "sqlite": f"sqlite:///{folder}",
    }


@pytest.mark.parametrize("engine", ["postgresql", "sqlite"])
def test_it_exits_the_cli_with_one_clear_line(tmp_path, engine):
    url = _unreachable_databases(tmp_path)[engine]
    done = run_mentora("showmigrations", env=mentora_env(url, tmp_path))
    assert done.returncode == 1
    assert done.stderr.startswith("mentora: the database is unavailable (")
    assert "Check DATABASE_URL" in done.stderr
    assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("engine", ["postgresql", "sqlite"])
def test_it_answers_503_from_gunicorn_on_a_real_unreachable_database(tmp_path, engine):
    url = _unreachable_databases(tmp_path)[engine]
    with gunicorn(mentora_env(url, tmp_path), workers=1) as base:
        proxied = {"X-Forwarded-Proto": "https"}  # as nginx sends it
        # A signed-in person's session and a script's token both need the database.
        page = http(f"{base}/", headers={**proxied, "Cookie": "sessionid=" + "a1" * 16})
        api = http(f"{base}/api/v1/programs", headers={**proxied, "Authorization": "Bearer mnt_x"})
        health = http(f"{base}/healthz", headers=proxied)
    assert health[0] == 200
    for status, _, body in (page, api):
        assert status == 503, body[:500]
        assert b"Traceback" not in body
    assert b"Temporarily unavailable" in page[2]
    assert json.loads(api[2])["code"] == "database_unavailable"
