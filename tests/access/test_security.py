"""Security settings: lockout, cookies, headers and CSP, check --deploy, token scopes, links."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.core import signing
from django.test import Client
from django.urls import reverse

from mentora.accounts.services import api_token_create
from mentora.lib.signing import MAX_AGE_SECONDS, BadLink, link_token, read_link_token
from mentora.testing import PASSWORD

ROOT = Path(__file__).resolve().parents[2]


def _sign_in(client: Client, email: str, password: str, ip: str = "10.0.0.1"):
    return client.post(
        reverse("accounts:login"), {"username": email, "password": password}, REMOTE_ADDR=ip
    )


@pytest.mark.django_db
def test_it_locks_an_email_out_after_repeated_wrong_passwords_from_one_address(personas):
    client = Client()
    email = personas.mentee.email
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _sign_in(client, email, "wrong").status_code == 200
    locked = _sign_in(client, email.upper(), "wrong")  # the case of the email does not matter
    assert locked.status_code == 429
    assert "paused for 15 minutes" in locked.content.decode()
    # Even the right password is refused while locked out...
    assert _sign_in(client, email, PASSWORD).status_code == 429
    # ...but only for that address: Maya elsewhere, and other people here, still sign in.
    assert _sign_in(Client(), email, PASSWORD, ip="10.0.0.2").status_code == 302
    assert _sign_in(Client(), personas.mentor.email, PASSWORD).status_code == 302


@pytest.mark.django_db
def test_it_lets_a_locked_out_person_in_again_after_the_cool_off(personas):
    from axes.models import AccessAttempt

    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _sign_in(client, personas.mentee.email, "wrong")
    assert _sign_in(client, personas.mentee.email, PASSWORD).status_code == 429
    AccessAttempt.objects.update(
        attempt_time=AccessAttempt.objects.get().attempt_time
        - settings.AXES_COOLOFF_TIME
        - timedelta(seconds=1)
    )
    assert _sign_in(client, personas.mentee.email, PASSWORD).status_code == 302


@pytest.mark.django_db
def test_it_forgets_failures_after_a_successful_sign_in(personas):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _sign_in(client, personas.mentee.email, "wrong")
    assert _sign_in(client, personas.mentee.email, PASSWORD).status_code == 302
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _sign_in(client, personas.mentee.email, "wrong").status_code == 200


def test_it_reads_the_client_address_from_trusted_proxies_only(rf, settings):
    from mentora.accounts.security import client_ip

    request = rf.get("/", REMOTE_ADDR="10.9.9.9", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7")
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(request) == "10.9.9.9"  # a forged header is ignored without proxies
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(request) == "203.0.113.7"  # what our one proxy saw, not what was sent


@pytest.mark.django_db
def test_it_sends_security_headers_and_a_strict_script_policy(personas, client_for):
    response = client_for(personas.mentee).get(reverse("home"))
    csp = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in csp.split(";") if part.strip())
    assert directives["script-src"] == "'self'"  # no inline script, no eval
    assert directives["object-src"] == "'none'" and directives["frame-ancestors"] == "'none'"
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


@pytest.mark.django_db
def test_it_keeps_the_api_explorer_working_under_the_policy(client):
    response = client.get("/api/v1/docs")
    html = response.content.decode()
    assert "Content-Security-Policy" in response.headers
    # Every executable script is a file from our own origin (the JSON settings block is data).
    for attrs, _body in re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S):
        assert "src=" in attrs or 'type="application/json"' in attrs, attrs


INLINE = [
    (re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", re.I), "inline <script>"),
    (re.compile(r"\son[a-z]+\s*=", re.I), "an on…= event handler attribute"),
    (re.compile(r"\shx-on[:-]", re.I), "an hx-on attribute (htmx runs it with eval)"),
    (re.compile(r"javascript:", re.I), "a javascript: URL"),
]


def test_it_has_no_inline_script_in_any_template():
    """The CSP forbids inline script and eval: put behaviour in mentora/static/mentora/*.js."""
    problems = []
    for path in sorted((ROOT / "mentora").rglob("templates/**/*.html")):
        text = path.read_text(encoding="utf-8")
        for pattern, what in INLINE:
            for match in pattern.finditer(text):
                line = text.count("\n", 0, match.start()) + 1
                problems.append(f"{path.relative_to(ROOT)}:{line}: {what}")
    assert not problems, "CSP forbids these; move them to a static .js file:\n" + "\n".join(
        problems
    )


def _deploy_check(extra: dict[str, str]) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "DJANGO"))}
    env.pop("MENTORA_TESTING", None)
    env.pop("DEBUG", None)
    env.pop("MENTORA_DEMO", None)
    env.update(
        SECRET_KEY="x" * 20 + "production-secret-key-with-enough-entropy-1234567890",
        ALLOWED_HOSTS="mentora.example.com",
        DATABASE_URL="sqlite:///" + str(ROOT / "var" / "deploy-check.sqlite3"),
        **extra,
    )
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_it_passes_check_deploy_with_production_settings():
    result = _deploy_check({})
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_it_fails_check_deploy_when_https_is_turned_off():
    result = _deploy_check({"SECURE_COOKIES": "0"})
    assert result.returncode != 0
    assert "SESSION_COOKIE_SECURE" in result.stdout + result.stderr


@pytest.mark.django_db
def test_it_lets_a_read_only_token_read_but_not_write(personas, client):
    _, key = api_token_create(user=personas.mentee, name="report", scope="read")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    assert client.get("/api/v1/accounts/me", **auth).status_code == 200
    response = client.post(
        "/api/v1/accounts/tokens", {"name": "sneaky"}, content_type="application/json", **auth
    )
    assert response.status_code == 403
    assert "read-only" in response.json()["detail"]
    assert personas.mentee.api_tokens.count() == 1
    header = {"HTTP_X_API_TOKEN": key}
    assert (
        client.patch(
            "/api/v1/people/me/profile",
            {"job_title": "x"},
            content_type="application/json",
            **header,
        ).status_code
        == 403
    )


@pytest.mark.django_db
def test_it_lets_a_read_write_token_write_and_shows_the_scope(personas, client):
    _, key = api_token_create(user=personas.mentee, name="sync", scope="read_write")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    created = client.post(
        "/api/v1/accounts/tokens",
        {"name": "reports", "scope": "read"},
        content_type="application/json",
        **auth,
    )
    assert created.status_code == 201 and created.json()["scope"] == "read"
    listed = client.get("/api/v1/accounts/tokens", **auth).json()["items"]
    assert {t["scope"] for t in listed} == {"read", "read_write"}


@pytest.mark.django_db
def test_it_names_a_bad_scope(personas, client_for):
    response = client_for(personas.mentee).post(
        "/api/v1/accounts/tokens", {"name": "x", "scope": "admin"}, content_type="application/json"
    )
    assert response.status_code == 422 and response.json()["field"] == "scope"


@pytest.mark.django_db
def test_it_stores_only_the_hash_of_a_token(personas):
    token, key = api_token_create(user=personas.mentee, name="x")
    assert key not in (token.key_hash, token.key_prefix) and len(token.key_hash) == 64


def test_it_accepts_a_one_click_link_until_it_expires(monkeypatch):
    token = link_token(action="confirm_meeting", object_id=7, user_id=3)
    assert read_link_token(token).object_id == 7
    real_time = signing.time.time
    monkeypatch.setattr(signing.time, "time", lambda: real_time() + MAX_AGE_SECONDS - 60)
    assert read_link_token(token).user_id == 3
    monkeypatch.setattr(signing.time, "time", lambda: real_time() + MAX_AGE_SECONDS + 60)
    with pytest.raises(BadLink, match="expired"):
        read_link_token(token)


def test_it_refuses_an_altered_or_foreign_link():
    token = link_token(action="confirm_meeting", object_id=7, user_id=3)
    with pytest.raises(BadLink, match="not valid"):
        read_link_token(token[:-2] + ("AA" if not token.endswith("AA") else "BB"))
    other = signing.dumps({"a": "x", "o": 1, "u": 1}, salt="another.purpose")
    with pytest.raises(BadLink, match="not valid"):
        read_link_token(other)
