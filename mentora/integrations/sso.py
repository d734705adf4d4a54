"""Single sign-on with OpenID Connect, on top of mozilla-django-oidc (docs/sso.md).

The library runs the authorization-code flow (state, nonce, PKCE) and fetches the tokens;
Mentora adds what it leaves out or leaves loose: the ID token's issuer, audience and expiry
are checked, the identity maps to a person by email (any case), new accounts are only made
when just-in-time creation is switched on, deactivated people stay out, and every failure
becomes a message on the sign-in page instead of an error page. Every refusal is logged with
its cause; one caused by the set-up (client credentials, signing keys, issuer, audience,
algorithm) also emails the organization admins, at most once a day per cause.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any
from urllib.parse import urlencode

import jwt
import requests
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import SuspiciousOperation
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import resolve_url
from django.urls import reverse
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import (
    OIDCAuthenticationCallbackView,
    OIDCAuthenticationRequestView,
)

from mentora.accounts.models import User
from mentora.accounts.services import user_create
from mentora.audit.services import audit_record
from mentora.lib import clock
from mentora.notifications.messages import notify
from mentora.notifications.models import OutboxMessage

log = logging.getLogger(__name__)


class SSOError(Exception):
    """Sign-in through the identity provider failed; the message tells the person why."""


class SSOSetupError(SSOError):
    """A refusal caused by how single sign-on is set up (issuer, audience, algorithm), not by
    the person: nobody can sign in until an admin fixes it, so the admins are told."""

    def __init__(self, message: str, *, cause: str) -> None:
        super().__init__(message)
        self.cause = cause


# What the organization admins' email says is wrong, per cause (plain words, docs/sso.md).
SETUP_PROBLEMS = {
    "client_credentials": "it did not accept the client ID and secret Mentora signs in with",
    "signing_key": (
        "it sent a sign-in token signed with a key it does not publish: either Mentora reads "
        "the wrong key set (its JWKS address), or someone sent a forged token"
    ),
    "issuer": "its sign-in tokens name another issuer than the one Mentora trusts",
    "audience": "its sign-in tokens were issued to another application than Mentora",
    "algorithm": "it signs sign-in tokens with another algorithm than Mentora expects",
}


def sso_tell_admins(*, cause: str, now: datetime | None = None) -> int:
    """Email every active organization admin that single sign-on is set up wrongly; at most
    once a day per cause and admin (the outbox's dedupe key), however many sign-ins fail.
    Returns how many emails were queued now."""
    now = now or clock.now()
    day = now.date().isoformat()
    sent = 0
    for admin in User.objects.filter(is_active=True, is_org_admin=True).order_by("pk"):
        key = f"sso.setup:{cause}:{day}:{admin.pk}"
        if OutboxMessage.objects.filter(dedupe_key=key).exists():
            continue
        notify(
            kind="integrations.sso_setup",
            to=admin,
            dedupe_key=key,
            context={"provider": provider_name(), "problem": SETUP_PROBLEMS[cause]},
        )
        sent += 1
    return sent


def sso_enabled() -> bool:
    return bool(getattr(settings, "SSO_ENABLED", False))


def provider_name() -> str:
    return str(getattr(settings, "OIDC_PROVIDER_NAME", "") or "single sign-on")


class SSOBackend(OIDCAuthenticationBackend):
    """Signs in the person whose email the provider vouches for; never by password."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.enabled = sso_enabled()
        if self.enabled:
            super().__init__(*args, **kwargs)

    def authenticate(self, request: HttpRequest | None, **kwargs: Any) -> Any:
        if not self.enabled or "password" in kwargs:
            return None
        return super().authenticate(request, **kwargs)

    def _verify_jws(self, payload: Any, key: Any) -> dict[str, Any]:
        """Check the ID token's signature, issuer, audience and expiry (with some leeway)."""
        name = provider_name()
        try:
            algorithm = jwt.get_unverified_header(payload).get("alg")
        except jwt.PyJWTError as exc:
            raise SSOError(f"{name} sent a sign-in token Mentora cannot read.") from exc
        if algorithm != self.OIDC_RP_SIGN_ALGO:
            raise SSOSetupError(
                f"{name} signed the sign-in token with {algorithm}, but Mentora expects "
                f"{self.OIDC_RP_SIGN_ALGO} (OIDC_SIGN_ALGO).",
                cause="algorithm",
            )
        try:
            return jwt.decode(  # type: ignore[no-any-return]
                payload,
                key,
                algorithms=[algorithm],
                audience=self.OIDC_RP_CLIENT_ID,
                issuer=settings.OIDC_OP_ISSUER,
                leeway=settings.OIDC_LEEWAY_SECONDS,
                options={"require": ["exp", "iat", "iss", "aud", "sub"]},
            )
        except jwt.ExpiredSignatureError as exc:
            raise SSOError(
                f"The sign-in token from {name} has expired. Sign in again; if this keeps "
                "happening, the clocks of Mentora and the identity provider disagree."
            ) from exc
        except jwt.InvalidIssuerError as exc:
            raise SSOSetupError(
                f"The sign-in token did not come from the identity provider Mentora trusts "
                f"(expected issuer {settings.OIDC_OP_ISSUER}). Ask your administrator to "
                "check OIDC_ISSUER.",
                cause="issuer",
            ) from exc
        except jwt.InvalidAudienceError as exc:
            raise SSOSetupError(
                f"The sign-in token from {name} was issued to another application; ask "
                "your administrator to check OIDC_CLIENT_ID.",
                cause="audience",
            ) from exc
        except jwt.PyJWTError as exc:
            raise SSOError(f"The sign-in token from {name} could not be verified.") from exc

    def get_or_create_user(self, access_token: str, id_token: str, payload: Any) -> Any:
        """The person with the provider's email (any case); created only if JIT is on."""

        claims = self.get_userinfo(access_token, id_token, payload)
        email = str(claims.get("email") or "").strip().lower()
        if not email:
            raise SSOError(
                f"{provider_name()} did not share your email address, which is how Mentora "
                "recognises you. Ask your administrator to release the email claim."
            )
        if claims.get("email_verified") is False:
            raise SSOError(
                f"{provider_name()} says your email address {email} is not verified yet."
            )
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            if not settings.OIDC_CREATE_USER:
                raise SSOError(
                    f"No one in Mentora has the email address {email}. Ask your "
                    "organization admin to add you (an HR import does it)."
                )
            name = str(claims.get("name") or "").strip() or email.split("@")[0]
            created = user_create(email=email, full_name=name[:200])
            audit_record(  # h17a: accounts made by single sign-on are audited
                actor=None,
                action="sso.account_created",
                target_type="accounts.user",
                target_id=created.pk,
                details={"provider": provider_name()},
            )
            return created
        if not user.is_active:
            raise SSOError(
                "Your Mentora account is deactivated. Ask your organization admin if this "
                "is a mistake."
            )
        return user

    def get_user(self, user_id: Any) -> Any:
        """As Django's: a deactivated person's session stops working."""
        user = super().get_user(user_id) if self.enabled else None
        return user if user is not None and user.is_active else None


def _back_to_login(request: HttpRequest, message: str) -> HttpResponse:
    messages.error(request, message)
    return HttpResponseRedirect(resolve_url(settings.LOGIN_URL))


class AuthenticateView(OIDCAuthenticationRequestView):
    """Starts sign-in at the provider ("Sign in with …" on the sign-in page)."""

    def get(self, request: HttpRequest) -> HttpResponse:
        if not sso_enabled():
            return _back_to_login(request, "Single sign-on is not set up here.")
        return super().get(request)  # type: ignore[no-any-return]


def _is_token_request(exc: requests.HTTPError) -> bool:
    url = str(getattr(exc.request, "url", "") or (exc.response.url if exc.response else ""))
    token_endpoint = str(getattr(settings, "OIDC_OP_TOKEN_ENDPOINT", ""))
    return bool(token_endpoint) and url.startswith(token_endpoint)


SIGNING_KEY_CAUSE = "signing key not in the provider's JWKS"


def _suspicious(text: str, name: str) -> tuple[str, str]:
    """(cause for the log, message for the person) of a refusal mozilla-django-oidc raised."""
    lowered = text.lower()
    if "state" in lowered:
        return "state not found: expired or another window", (
            f"The sign-in with {name} expired or was started in another browser window. "
            "Please try again."
        )
    if "nonce" in lowered:
        return "nonce mismatch", (
            f"The sign-in token from {name} was not issued for this sign-in (its nonce did "
            "not match), so Mentora refused it. Please try again; if it happens again, tell "
            "your organization admin."
        )
    if "jwks" in lowered or "key" in lowered:
        return SIGNING_KEY_CAUSE, (
            f"The sign-in token was signed with a key {name} does not publish, so Mentora "
            "refused it. Please tell your organization admin (they need to check "
            "OIDC_JWKS_ENDPOINT and the provider's signing keys)."
        )
    if "signature" in lowered:
        return "bad signature", (
            f"The sign-in token from {name} failed its signature check, so Mentora refused "
            "it. Please tell your organization admin."
        )
    return "refused token", (
        f"The sign-in token from {name} could not be verified, so Mentora refused it. Please "
        "try again; if it happens again, tell your organization admin."
    )


def provider_logout_url(request: HttpRequest) -> str | None:
    """Where to send someone who signs out after signing in with SSO: the provider's
    end-session endpoint (OpenID Connect RP-initiated logout), so that on a shared computer the
    next "Sign in with …" asks for a password again. None when SSO is off, the provider
    publishes no end-session endpoint (OIDC_END_SESSION_ENDPOINT unset), or the person signed
    in with a password."""
    endpoint = str(getattr(settings, "OIDC_OP_END_SESSION_ENDPOINT", "") or "")
    id_token = request.session.get("oidc_id_token")
    if not sso_enabled() or not endpoint or not id_token:
        return None
    query = urlencode(
        {
            "id_token_hint": id_token,
            "client_id": settings.OIDC_RP_CLIENT_ID,
            "post_logout_redirect_uri": settings.SITE_URL + reverse("accounts:login"),
        }
    )
    return f"{endpoint}{'&' if '?' in endpoint else '?'}{query}"


class CallbackView(OIDCAuthenticationCallbackView):
    """Where the provider sends people back; every failure is a message, not an error page."""

    def get(self, request: HttpRequest) -> HttpResponse:
        name = provider_name()
        if not sso_enabled():
            return _back_to_login(request, "Single sign-on is not set up here.")
        try:
            return super().get(request)  # type: ignore[no-any-return]
        except SSOSetupError as exc:
            log.error("single sign-on refused (set-up: %s): %s", exc.cause, exc)
            sso_tell_admins(cause=exc.cause)
            return _back_to_login(request, str(exc))
        except SSOError as exc:
            log.warning("single sign-on refused: %s", exc)
            return _back_to_login(request, str(exc))
        except SuspiciousOperation as exc:
            cause, message = _suspicious(str(exc), name)
            log.warning("single sign-on refused (%s): %s", cause, exc)
            if cause == SIGNING_KEY_CAUSE:
                sso_tell_admins(cause="signing_key")
            return _back_to_login(request, message)
        except requests.HTTPError as exc:
            status = exc.response.status_code if exc.response is not None else None
            if status in (400, 401) and _is_token_request(exc):
                # invalid_client: the client id or secret Mentora sends is not the one the
                # provider has. Nobody can sign in until an admin fixes the settings.
                log.error(
                    "single sign-on refused by the provider's token endpoint (HTTP %s): the "
                    "client credentials are wrong; check OIDC_CLIENT_ID and OIDC_CLIENT_SECRET",
                    status,
                )
                sso_tell_admins(cause="client_credentials")
                return _back_to_login(
                    request,
                    f"Single sign-on with {name} is set up wrongly: {name} did not accept "
                    "Mentora's client credentials. Please tell your organization admin (they "
                    "need to check OIDC_CLIENT_ID and OIDC_CLIENT_SECRET); trying again will "
                    "not help until then.",
                )
            log.warning("single sign-on: the provider answered HTTP %s: %s", status, exc)
            return _back_to_login(
                request, f"Mentora could not complete the sign-in with {name}. Try again later."
            )
        except requests.RequestException as exc:
            log.warning("single sign-on: the provider could not be reached: %s", exc)
            return _back_to_login(
                request, f"Mentora could not complete the sign-in with {name}. Try again later."
            )

    def login_failure(self) -> HttpResponse:
        error = self.request.GET.get("error_description") or self.request.GET.get("error")
        detail = f" ({error})" if error else ""
        return _back_to_login(
            self.request, f"The sign-in with {provider_name()} did not complete{detail}."
        )
