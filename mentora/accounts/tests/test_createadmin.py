"""`mentora createadmin`: an organization admin from a prompt or a script, clear errors."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from mentora.accounts.models import User

pytestmark = pytest.mark.django_db

GOOD_PASSWORD = "a-long-and-quiet-passphrase"


def _run(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("createadmin", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def _scripted(monkeypatch, email="olga@company.test", name="Olga Petrova", password=GOOD_PASSWORD):
    monkeypatch.setenv("ADMIN_PASSWORD", password)
    return _run("--no-input", "--email", email, "--name", name,
                "--password-from-env", "ADMIN_PASSWORD")


def test_it_creates_an_organization_admin_from_a_script(monkeypatch, client):
    out, _ = _scripted(monkeypatch, email="  Olga@Company.TEST ")
    assert "Created organization admin Olga Petrova <olga@company.test>" in out
    admin = User.objects.get(email="olga@company.test")
    assert admin.is_org_admin and admin.is_staff and admin.is_superuser
    assert admin.full_name == "Olga Petrova"
    assert hasattr(admin, "profile")
    assert client.login(username="olga@company.test", password=GOOD_PASSWORD)


def test_it_asks_for_what_is_missing_and_asks_again_after_a_mistake(monkeypatch):
    answers = iter(["not-an-email", "olga@company.test", "  ", "Olga Petrova"])
    passwords = iter(["short", "short", GOOD_PASSWORD, "typo", GOOD_PASSWORD, GOOD_PASSWORD])
    monkeypatch.setattr("builtins.input", lambda prompt: next(answers))
    monkeypatch.setattr("getpass.getpass", lambda prompt: next(passwords))
    out, err = _run()
    assert "“not-an-email” is not a valid email address" in err
    assert "Name: enter the admin's full name" in err
    assert "This password is too short" in err
    assert "the two passwords differ" in err
    assert User.objects.get(email="olga@company.test").is_org_admin


def test_it_refuses_an_email_already_in_use(personas, monkeypatch):
    with pytest.raises(CommandError, match="maya.mentee@example.com already exists"):
        _scripted(monkeypatch, email="Maya.Mentee@example.com")
    assert not User.objects.get(email="maya.mentee@example.com").is_org_admin


def test_it_refuses_a_bad_email(monkeypatch):
    with pytest.raises(CommandError, match="“olga at company” is not a valid email address"):
        _scripted(monkeypatch, email="olga at company")
    assert not User.objects.exists()


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("short1", "too short"),
        ("password123", "too common"),
        ("48151623424815", "entirely numeric"),
        ("olga@company.test", "too similar"),
    ],
)
def test_it_refuses_a_weak_password(monkeypatch, password, message):
    with pytest.raises(CommandError, match=f"Password: .*{message}"):
        _scripted(monkeypatch, password=password)
    assert not User.objects.exists()


def test_it_needs_every_value_without_input(monkeypatch):
    with pytest.raises(CommandError, match="--email is required with --no-input"):
        _run("--no-input", "--name", "Olga Petrova")
    with pytest.raises(CommandError, match="--password-from-env VAR is required"):
        _run("--no-input", "--email", "olga@company.test", "--name", "Olga Petrova")
    monkeypatch.delenv("NOT_SET_ANYWHERE", raising=False)
    with pytest.raises(CommandError, match="NOT_SET_ANYWHERE is not set or empty"):
        _run("--no-input", "--email", "olga@company.test", "--name", "Olga Petrova",
             "--password-from-env", "NOT_SET_ANYWHERE")
    assert not User.objects.exists()


def test_it_stops_cleanly_when_input_ends(monkeypatch):
    def no_more_input(prompt):
        raise EOFError

    monkeypatch.setattr("builtins.input", no_more_input)
    with pytest.raises(CommandError, match="Cancelled. To create an admin from a script"):
        _run()
