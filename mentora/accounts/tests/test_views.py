"""Signing in, password reset by email, the home page, and API token pages."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from mentora.accounts.models import ApiToken
from mentora.testing import PASSWORD

pytestmark = pytest.mark.django_db

PERSONAS = ["mentee", "mentor", "coach", "manager", "admin", "unrelated", "anonymous"]


def test_it_signs_in_with_email_case_insensitively(client, personas):
    response = client.post(
        reverse("accounts:login"), {"username": "Maya.Mentee@Example.com", "password": PASSWORD}
    )
    assert response.status_code == 302 and response.url == reverse("home")


def test_a_wrong_password_gets_a_clear_message(client, personas):
    response = client.post(
        reverse("accounts:login"), {"username": "maya.mentee@example.com", "password": "nope"}
    )
    assert "That email and password do not match an account" in response.content.decode()


def test_password_reset_sends_a_working_link(client, personas):
    client.post(reverse("accounts:password_reset"), {"email": "maya.mentee@example.com"})
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/]+(/accounts/reset/\S+)", mail.outbox[0].body).group(1)
    response = client.get(link, follow=True)
    form_url = response.redirect_chain[-1][0]
    new = "a-brand-new-long-password"
    client.post(form_url, {"new_password1": new, "new_password2": new})
    personas.mentee.refresh_from_db()
    assert personas.mentee.check_password(new)
    response = client.get(link, follow=True)
    assert "invalid or has expired" in response.content.decode()


def test_password_reset_does_not_reveal_unknown_emails(client, personas):
    response = client.post(reverse("accounts:password_reset"), {"email": "nobody@example.com"})
    assert response.status_code == 302 and len(mail.outbox) == 0


@pytest.mark.parametrize("persona", PERSONAS)
def test_home_and_token_pages_need_sign_in(client_for, personas, persona):
    client = client_for(getattr(personas, persona))
    for name in ("home", "accounts:tokens"):
        response = client.get(reverse(name))
        assert response.status_code == (302 if persona == "anonymous" else 200)


def test_home_shows_each_role_what_it_needs(client_for, personas):
    assert "Grow</a> — you are a mentee" in client_for(personas.mentee).get("/").content.decode()
    manager_home = client_for(personas.manager).get("/").content.decode()
    assert "Programs I manage" in manager_home and "Organization" not in manager_home
    admin_home = client_for(personas.admin).get("/").content.decode()
    assert "active people" in admin_home
    assert "Programs I manage" not in client_for(personas.unrelated).get("/").content.decode()


def test_a_token_is_shown_once_and_only_its_owner_revokes_it(client_for, personas):
    client = client_for(personas.mentee)
    response = client.post(reverse("accounts:tokens"), {"name": "sync", "scope": "read"})
    key = re.search(r'value="(mnt_[^"]+)"', response.content.decode()).group(1)
    token = ApiToken.objects.get(user=personas.mentee)
    assert token.key_hash == ApiToken.hash_key(key) and key not in token.key_hash
    assert key not in client.get(reverse("accounts:tokens")).content.decode()
    other = client_for(personas.unrelated).post(reverse("accounts:token_revoke", args=[token.pk]))
    assert other.status_code == 404
    client_for(personas.mentee).post(reverse("accounts:token_revoke", args=[token.pk]))
    token.refresh_from_db()
    assert token.revoked_at is not None
