"""A real OpenID Connect provider for the tests, built with django-oauth-toolkit.

Run as its own process (its own Django settings and SQLite file) on a loopback port:

    python -m mentora.integrations.tests.oidc_provider --redirect-uri URI --user EMAIL:PASSWORD

It prints one JSON line when it serves — {"issuer", "client_id", "client_secret", endpoints…} —
then serves until killed. `--id-token-seconds -600` makes it issue ID tokens that have
already expired. People sign in at /login/ with their email and password.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path
from socketserver import ThreadingMixIn
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

CLIENT_ID = "mentora-tests"
CLIENT_SECRET = "mentora-tests-secret-0123456789"


def _configure(args: argparse.Namespace, database: Path) -> None:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from django.conf import settings

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    settings.configure(
        DEBUG=False,
        SECRET_KEY="oidc-test-provider",
        ALLOWED_HOSTS=["127.0.0.1", "localhost"],
        ROOT_URLCONF=__name__,
        INSTALLED_APPS=[
            "django.contrib.auth",
            "django.contrib.contenttypes",
            "django.contrib.sessions",
            "oauth2_provider",
        ],
        MIDDLEWARE=[
            "django.contrib.sessions.middleware.SessionMiddleware",
            "django.contrib.auth.middleware.AuthenticationMiddleware",
        ],
        DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": str(database)}},
        DEFAULT_AUTO_FIELD="django.db.models.BigAutoField",
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        LOGIN_URL="/login/",
        USE_TZ=True,
        OAUTH2_PROVIDER={
            "OIDC_ENABLED": True,
            "OIDC_RSA_PRIVATE_KEY": pem,
            "PKCE_REQUIRED": True,
            "SCOPES": {"openid": "OpenID", "email": "Email", "profile": "Profile"},
            "ID_TOKEN_EXPIRE_SECONDS": args.id_token_seconds,
            "OAUTH2_VALIDATOR_CLASS": f"{__name__}.Validator",
        },
    )


def _login(request: Any) -> Any:
    """A bare sign-in form: email and password."""
    from django.contrib.auth import authenticate, login
    from django.http import HttpResponse, HttpResponseRedirect
    from django.utils.html import escape

    next_url = request.POST.get("next") or request.GET.get("next") or "/"
    error = ""
    if request.method == "POST":
        user = authenticate(
            request, username=request.POST.get("username", ""),
            password=request.POST.get("password", ""),
        )
        if user is not None:
            login(request, user)
            return HttpResponseRedirect(next_url)
        error = "<p role='alert'>Wrong email or password.</p>"
    return HttpResponse(
        "<!doctype html><html lang='en'><head><title>Test identity provider</title></head>"
        "<body><main><h1>Test identity provider</h1>" + error +
        "<form method='post'><input type='hidden' name='next' value='" + escape(next_url) + "'>"
        "<label for='u'>Email</label> <input id='u' name='username'>"
        "<label for='p'>Password</label> <input id='p' name='password' type='password'>"
        "<button type='submit'>Sign in</button></form></main></body></html>"
    )


def _urls() -> list[Any]:
    from django.urls import include, path
    from django.views.decorators.csrf import csrf_exempt

    return [
        path("login/", csrf_exempt(_login)),
        path("o/", include("oauth2_provider.urls", namespace="oauth2_provider")),
    ]


def __getattr__(name: str) -> Any:
    if name == "urlpatterns":  # read by Django once settings point ROOT_URLCONF here
        return _urls()
    if name == "Validator":
        from oauth2_provider.oauth2_validators import OAuth2Validator

        class Validator(OAuth2Validator):  # type: ignore[misc]
            """Puts the person's email and name in the ID token and userinfo."""

            def get_additional_claims(self, request: Any) -> dict[str, Any]:
                user = request.user
                return {
                    "email": user.email,
                    "email_verified": True,
                    "name": user.get_full_name() or user.username,
                }

        globals()["Validator"] = Validator
        return Validator
    raise AttributeError(name)


class _Server(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _Quiet(WSGIRequestHandler):
    def log_message(self, *args: Any) -> None:
        pass


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--redirect-uri", action="append", default=[])
    parser.add_argument("--user", action="append", default=[], help="EMAIL:PASSWORD[:Full Name]")
    parser.add_argument("--id-token-seconds", type=int, default=300)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="oidc-provider-"))
    _configure(args, folder / "provider.sqlite3")

    import django

    django.setup()
    from django.contrib.auth.models import User
    from django.core.handlers.wsgi import WSGIHandler
    from django.core.management import call_command
    from oauth2_provider.models import Application

    call_command("migrate", verbosity=0, interactive=False)
    for spec in args.user:
        email, password, *name = spec.split(":")
        first, _, last = (name[0] if name else "").partition(" ")
        User.objects.create_user(
            username=email, email=email, password=password, first_name=first, last_name=last
        )
    Application.objects.create(
        name="Mentora",
        client_id=CLIENT_ID,
        client_secret=CLIENT_SECRET,
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        redirect_uris=" ".join(args.redirect_uri),
        algorithm=Application.RS256_ALGORITHM,
        skip_authorization=True,
    )
    server = make_server("127.0.0.1", 0, WSGIHandler(), server_class=_Server, handler_class=_Quiet)
    base = f"http://127.0.0.1:{server.server_port}"
    print(
        json.dumps(
            {
                "base": base,
                "issuer": f"{base}/o",
                "client_id": CLIENT_ID,
                "client_secret": CLIENT_SECRET,
                "authorization_endpoint": f"{base}/o/authorize/",
                "token_endpoint": f"{base}/o/token/",
                "userinfo_endpoint": f"{base}/o/userinfo/",
                "jwks_endpoint": f"{base}/o/.well-known/jwks.json",
            }
        ),
        flush=True,
    )
    sys.stdout.close()
    server.serve_forever()


if __name__ == "__main__":
    main()
