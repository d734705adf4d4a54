"""Single sign-on in a browser: "Sign in with Test IdP" → the loopback provider → Mentora."""

from __future__ import annotations

import pytest
from django.test import override_settings
from playwright.sync_api import expect

from mentora.integrations.tests.conftest import start_provider, stop_provider

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def provider(live_server):
    process, facts = start_provider(f"{live_server.url}/oidc/callback/")
    settings = override_settings(
        SSO_ENABLED=True,
        OIDC_PROVIDER_NAME="Test IdP",
        OIDC_RP_CLIENT_ID=facts["client_id"],
        OIDC_RP_CLIENT_SECRET=facts["client_secret"],
        OIDC_OP_ISSUER=facts["issuer"],
        OIDC_OP_AUTHORIZATION_ENDPOINT=facts["authorization_endpoint"],
        OIDC_OP_TOKEN_ENDPOINT=facts["token_endpoint"],
        OIDC_OP_USER_ENDPOINT=facts["userinfo_endpoint"],
        OIDC_OP_JWKS_ENDPOINT=facts["jwks_endpoint"],
        OIDC_CREATE_USER=False,
    )
    with settings:
        yield facts
    stop_provider(process)


def test_it_signs_in_through_the_identity_provider(page, shot, personas, provider):
    page.goto("/accounts/login/")
    shot("sign-in-page")
    page.get_by_role("link", name="Sign in with Test IdP").click()
    expect(page.get_by_role("heading", name="Test identity provider")).to_be_visible()
    page.get_by_label("Email").fill("Maya.Mentee@Example.com")
    page.get_by_label("Password").fill("idp-password")
    shot("provider")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text("Maya Mentee").first).to_be_visible()
    assert "/accounts/login/" not in page.url
    shot("signed-in")


def test_it_explains_an_unknown_email_on_the_sign_in_page(page, shot, personas, provider):
    page.goto("/accounts/login/")
    page.get_by_role("link", name="Sign in with Test IdP").click()
    page.get_by_label("Email").fill("new.person@example.com")
    page.get_by_label("Password").fill("idp-password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text("No one in Mentora has the email address new.person@example.com"))\
        .to_be_visible()
    assert page.url.endswith("/accounts/login/")
    shot("unknown-email")
