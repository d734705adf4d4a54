"""Single sign-on refusals and sign-out (issue 21, item 13).

On `main` an ID token signed by a key not in the JWKS, or with a nonce that did not match, was
reported as "expired or started in another browser window" and not logged; a wrong client
secret read "Try again later" as if the provider were down; and signing out ended only
Mentora's session (no RP-initiated logout). Each test here fails there.
"""

from __future__ import annotations

import logging
from unittest import mock
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.exceptions import SuspiciousOperation
from django.test import override_settings
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView

from .test_sso import messages_on_login, sign_in, sso_settings

pytestmark = pytest.mark.django_db

ENABLED = {"SSO_ENABLED": True, "OIDC_PROVIDER_NAME": "Test IdP"}


@pytest.mark.parametrize(
    "raised, cause, words",
    [
        ("Could not find a valid JWKS.", "signing key not in the provider's JWKS",
         "signed with a key Test IdP does not publish"),
        ("JWT Nonce verification failed.", "nonce mismatch", "its nonce did not match"),
        ("OIDC callback state not found in session `oidc_states`!", "state not found",
         "expired or was started in another browser window"),
    ],
)
def test_it_logs_each_refusal_and_names_its_cause(client, caplog, raised, cause, words):
    with (
        override_settings(**ENABLED),
        mock.patch.object(
            OIDCAuthenticationCallbackView, "get", side_effect=SuspiciousOperation(raised)
        ),
        caplog.at_level(logging.WARNING, logger="mentora.integrations.sso"),
    ):
        response = client.get("/oidc/callback/?code=x&state=y")
        assert response.status_code == 302 and response["Location"] == "/accounts/login/"
        (message,) = messages_on_login(client)
    assert words in message
    assert any(cause in r.getMessage() and raised in r.getMessage() for r in caplog.records)


@pytest.fixture(scope="module")
def provider():
    from .conftest import start_provider, stop_provider

    process, facts = start_provider("http://testserver/oidc/callback/")
    yield facts
    stop_provider(process)


def test_it_says_a_wrong_client_secret_is_a_configuration_error(client, personas, provider, caplog):
    with (
        sso_settings(provider, OIDC_RP_CLIENT_SECRET="not-the-secret"),
        caplog.at_level(logging.ERROR, logger="mentora.integrations.sso"),
    ):
        done = sign_in(client, provider, "Maya.Mentee@Example.com")
        assert done["Location"] == "/accounts/login/"
        (message,) = messages_on_login(client)
    assert "set up wrongly" in message and "tell your organization admin" in message
    assert "Try again later" not in message
    assert any("OIDC_CLIENT_SECRET" in r.getMessage() for r in caplog.records)
    assert "_auth_user_id" not in client.session


def test_it_ends_the_providers_session_on_sign_out(client, personas, provider):
    end_session = provider["base"] + "/logout/"
    with sso_settings(provider, OIDC_OP_END_SESSION_ENDPOINT=end_session, OIDC_STORE_ID_TOKEN=True):
        sign_in(client, provider, "Maya.Mentee@Example.com")
        id_token = client.session["oidc_id_token"]
        out = client.post("/accounts/logout/")
    assert out.status_code == 302
    target = urlsplit(out["Location"])
    assert f"{target.scheme}://{target.netloc}{target.path}" == end_session
    query = parse_qs(target.query)
    assert query["id_token_hint"] == [id_token]
    assert query["post_logout_redirect_uri"][0].endswith("/accounts/login/")
    assert "_auth_user_id" not in client.session


def test_it_signs_out_of_mentora_only_without_an_end_session_endpoint(client, personas, provider):
    with sso_settings(provider, OIDC_OP_END_SESSION_ENDPOINT=""):
        sign_in(client, provider, "Maya.Mentee@Example.com")
        out = client.post("/accounts/logout/")
    assert out["Location"] == "/accounts/login/"
    assert "_auth_user_id" not in client.session


def test_it_does_not_send_password_sign_ins_to_the_provider(client_for, personas):
    with override_settings(SSO_ENABLED=True, OIDC_OP_END_SESSION_ENDPOINT="https://idp.example.com/end"):
        out = client_for(personas.mentee).post("/accounts/logout/")
    assert out["Location"] == "/accounts/login/"


def _alerts():
    from mentora.notifications.models import OutboxMessage

    return list(OutboxMessage.objects.filter(kind="integrations.sso_setup").order_by("pk"))


def test_it_emails_the_organization_admins_once_a_day_about_a_wrong_client_secret(
    client, personas, provider
):
    """'Tell the admin': the person's message asks them to, and the admins get an email; a
    second refusal the same day sends nothing more."""
    with sso_settings(provider, OIDC_RP_CLIENT_SECRET="not-the-secret"):
        sign_in(client, provider, "Maya.Mentee@Example.com")
        sign_in(client, provider, "Maya.Mentee@Example.com")
    alerts = _alerts()
    admins = [u.email for u in type(personas.admin).objects.filter(
        is_active=True, is_org_admin=True).order_by("pk")]
    assert admins and [a.to_email for a in alerts] == admins
    (alert, *_) = alerts
    assert "set up wrongly" in alert.subject and "Test IdP" in alert.subject
    assert "did not accept the client ID and secret" in alert.body
    assert "at most once a day" in alert.body
    assert personas.mentee.email not in {a.to_email for a in alerts}


@pytest.mark.parametrize(
    "raised, emailed",
    [
        ("Could not find a valid JWKS.", True),  # the set-up (or a forged token)
        ("JWT Nonce verification failed.", False),  # this one sign-in
        ("OIDC callback state not found in session `oidc_states`!", False),
    ],
)
def test_it_emails_the_admins_only_about_refusals_the_set_up_causes(
    client, personas, raised, emailed
):
    with (
        override_settings(**ENABLED),
        mock.patch.object(
            OIDCAuthenticationCallbackView, "get", side_effect=SuspiciousOperation(raised)
        ),
    ):
        client.get("/oidc/callback/?code=x&state=y")
        client.get("/oidc/callback/?code=x&state=y")
    alerts = _alerts()
    assert bool(alerts) is emailed
    if emailed:
        assert len(alerts) == len({a.to_email for a in alerts})  # once per admin
        assert "a key it does not publish" in alerts[0].body


def test_it_emails_the_admins_about_a_token_from_another_issuer(client, personas):
    from mentora.integrations.sso import SSOSetupError

    refusal = SSOSetupError("The sign-in token did not come from …", cause="issuer")
    with (
        override_settings(**ENABLED),
        mock.patch.object(OIDCAuthenticationCallbackView, "get", side_effect=refusal),
    ):
        client.get("/oidc/callback/?code=x&state=y")
        (message,) = messages_on_login(client)
    assert "did not come from" in message
    assert "another issuer" in _alerts()[0].body


def test_it_emails_again_the_next_day(personas):
    from datetime import UTC, datetime

    from mentora.integrations.sso import sso_tell_admins

    first = sso_tell_admins(cause="audience", now=datetime(2027, 1, 4, 9, tzinfo=UTC))
    again = sso_tell_admins(cause="audience", now=datetime(2027, 1, 4, 17, tzinfo=UTC))
    other = sso_tell_admins(cause="issuer", now=datetime(2027, 1, 4, 17, tzinfo=UTC))
    next_day = sso_tell_admins(cause="audience", now=datetime(2027, 1, 5, 9, tzinfo=UTC))
    assert first >= 1 and again == 0 and other == first and next_day == first
