"""Single sign-on end to end against a real OpenID Connect provider (django-oauth-toolkit)
started on loopback: the authorization-code flow with PKCE and nonce, email matching in any
case, just-in-time creation, and the failures — wrong issuer, expired token, unknown email,
deactivated account — each a clear message on the sign-in page, never an error page."""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from django.test import override_settings

from mentora.accounts.models import User

from .conftest import start_provider, stop_provider

pytestmark = pytest.mark.django_db
CALLBACK = "http://testserver/oidc/callback/"


def sso_settings(facts, **extra):
    values = {
        "SSO_ENABLED": True,
        "OIDC_PROVIDER_NAME": "Test IdP",
        "OIDC_RP_CLIENT_ID": facts["client_id"],
        "OIDC_RP_CLIENT_SECRET": facts["client_secret"],
        "OIDC_OP_ISSUER": facts["issuer"],
        "OIDC_OP_AUTHORIZATION_ENDPOINT": facts["authorization_endpoint"],
        "OIDC_OP_TOKEN_ENDPOINT": facts["token_endpoint"],
        "OIDC_OP_USER_ENDPOINT": facts["userinfo_endpoint"],
        "OIDC_OP_JWKS_ENDPOINT": facts["jwks_endpoint"],
    }
    return override_settings(**(values | extra))


@pytest.fixture(scope="module")
def provider():
    process, facts = start_provider(CALLBACK)
    yield facts
    stop_provider(process)


@pytest.fixture(scope="module")
def expiring_provider():
    process, facts = start_provider(CALLBACK, id_token_seconds=-600)
    yield facts
    stop_provider(process)


def sign_in(client, facts, email, password="idp-password"):
    """Click "Sign in with", sign in at the provider, follow it back; the final response."""
    start = client.get("/oidc/authenticate/?next=/people/me/edit/")
    assert start.status_code == 302
    assert start["Location"].startswith(facts["authorization_endpoint"])
    browser = requests.Session()
    answer = browser.get(start["Location"], allow_redirects=False)
    assert answer.status_code == 302 and "/login/" in answer.headers["Location"]
    login = facts["base"] + answer.headers["Location"]
    next_url = parse_qs(urlsplit(login).query)["next"][0]
    answer = browser.post(
        facts["base"] + "/login/",
        data={"username": email, "password": password, "next": next_url},
        allow_redirects=False,
    )
    answer = browser.get(facts["base"] + answer.headers["Location"], allow_redirects=False)
    back = answer.headers["Location"]
    assert back.startswith(CALLBACK), back
    return client.get(back[len("http://testserver"):])


def messages_on_login(client) -> list[str]:
    page = client.get("/accounts/login/").content.decode()

    class Messages(HTMLParser):
        found: list[str] = []
        inside = False

        def handle_starttag(self, tag, attrs):
            self.inside = tag == "p" and ("class", "message error") in attrs

        def handle_data(self, data):
            if self.inside:
                self.found.append(data.strip())
                self.inside = False

    parser = Messages()
    parser.found = []
    parser.feed(page)
    return parser.found


def test_it_shows_the_button_only_when_sso_is_set_up(client, provider):
    assert "Sign in with" not in client.get("/accounts/login/").content.decode()
    with sso_settings(provider):
        html = client.get("/accounts/login/?next=/growth/").content.decode()
    assert 'href="/oidc/authenticate/?next=/growth/">Sign in with Test IdP</a>' in html


def test_it_signs_in_the_person_with_that_email_in_any_case(client, personas, provider):
    with sso_settings(provider):
        done = sign_in(client, provider, "Maya.Mentee@Example.com")
    assert done.status_code == 302 and done["Location"] == "/people/me/edit/"
    assert int(client.session["_auth_user_id"]) == personas.mentee.pk
    assert client.session["_auth_user_backend"] == "mentora.integrations.sso.SSOBackend"
    with sso_settings(provider):
        assert client.get("/").status_code == 200


def test_it_refuses_an_unknown_email_without_just_in_time_creation(client, personas, provider):
    with sso_settings(provider, OIDC_CREATE_USER=False):
        done = sign_in(client, provider, "new.person@example.com")
        assert done.status_code == 302 and done["Location"] == "/accounts/login/"
        assert messages_on_login(client) == [
            "No one in Mentora has the email address new.person@example.com. Ask your "
            "organization admin to add you (an HR import does it)."
        ]
    assert "_auth_user_id" not in client.session
    assert not User.objects.filter(email="new.person@example.com").exists()


def test_it_creates_the_account_just_in_time_when_switched_on(client, personas, provider):
    with sso_settings(provider, OIDC_CREATE_USER=True):
        done = sign_in(client, provider, "new.person@example.com")
    assert done.status_code == 302
    user = User.objects.get(email="new.person@example.com")
    assert user.full_name == "Nina Newcomer" and user.profile is not None
    assert not user.has_usable_password()
    assert int(client.session["_auth_user_id"]) == user.pk


def test_it_refuses_a_token_from_another_issuer(client, personas, provider):
    with sso_settings(provider, OIDC_OP_ISSUER="https://login.example.com/realms/acme"):
        done = sign_in(client, provider, "Maya.Mentee@Example.com")
        assert done["Location"] == "/accounts/login/"
        (message,) = messages_on_login(client)
    assert message.startswith("The sign-in token did not come from the identity provider")
    assert "https://login.example.com/realms/acme" in message
    assert "_auth_user_id" not in client.session


def test_it_refuses_an_expired_token(client, personas, expiring_provider):
    with sso_settings(expiring_provider):
        done = sign_in(client, expiring_provider, "Maya.Mentee@Example.com")
        assert done["Location"] == "/accounts/login/"
        (message,) = messages_on_login(client)
    assert message.startswith("The sign-in token from Test IdP has expired.")
    assert "_auth_user_id" not in client.session


def test_it_keeps_a_deactivated_person_out(client, personas, provider):
    User.objects.filter(pk=personas.unrelated.pk).update(is_active=False)
    with sso_settings(provider):
        sign_in(client, provider, "uma.unrelated@example.com")
        assert messages_on_login(client) == [
            "Your Mentora account is deactivated. Ask your organization admin if this is a "
            "mistake."
        ]
    assert "_auth_user_id" not in client.session


def test_it_answers_a_replayed_or_forged_callback_with_a_message(client, personas, provider):
    with sso_settings(provider):
        client.get("/oidc/authenticate/")  # a sign-in was started in this session…
        done = client.get("/oidc/callback/?code=forged&state=not-the-one")  # …not this one
        assert done.status_code == 302 and done["Location"] == "/accounts/login/"
        assert "expired or was started in another browser window" in messages_on_login(client)[0]
        denied = client.get("/oidc/callback/?error=access_denied")
        assert denied["Location"] == "/accounts/login/"
        assert messages_on_login(client) == [
            "The sign-in with Test IdP did not complete (access_denied)."
        ]


def test_it_says_so_when_sso_is_not_set_up(client):
    done = client.get("/oidc/authenticate/")
    assert done["Location"] == "/accounts/login/"
    assert messages_on_login(client) == ["Single sign-on is not set up here."]


def test_password_sign_in_still_works_beside_sso(client, personas, provider):
    from mentora.testing import PASSWORD

    with sso_settings(provider):
        done = client.post(
            "/accounts/login/", {"username": "maya.mentee@example.com", "password": PASSWORD}
        )
    assert done.status_code == 302
    assert int(client.session["_auth_user_id"]) == personas.mentee.pk
