"""The JSON API under /api/v1/: session auth for the browser, personal tokens for scripts."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, ValidationError
from ninja.security import APIKeyHeader, HttpBearer, django_auth

from mentora.accounts.services import api_token_authenticate
from mentora.lib.errors import DomainError


class TokenAuth(HttpBearer):
    """`Authorization: Bearer mnt_…` with a personal API token."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = api_token_authenticate(token)
        if user is not None:
            request.user = user
        return user


class TokenHeaderAuth(APIKeyHeader):
    """`X-API-Token: mnt_…`, for clients that cannot set a bearer header."""

    param_name = "X-API-Token"

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = api_token_authenticate(key or "")
        if user is not None:
            request.user = user
        return user


api = NinjaAPI(
    title="Mentora API",
    version="1",
    description="Career coaching and mentoring. Authenticate with a personal API token "
    "(`Authorization: Bearer mnt_…`) or a browser session (with CSRF token).",
    auth=[TokenAuth(), TokenHeaderAuth(), django_auth],
    urls_namespace="api",
)


@api.exception_handler(DomainError)
def domain_error(request: HttpRequest, exc: DomainError) -> Any:
    status = 409 if exc.code == "conflict" else 422
    body: dict[str, Any] = {"detail": exc.message}
    if exc.field:
        body["field"] = exc.field
    return api.create_response(request, body, status=status)


@api.exception_handler(AuthenticationError)
def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> Any:
    return api.create_response(
        request,
        {"detail": "Sign in, or send a personal API token as 'Authorization: Bearer <token>'."},
        status=401,
    )


@api.exception_handler(ValidationError)
def invalid(request: HttpRequest, exc: ValidationError) -> Any:
    errors = []
    for error in exc.errors:
        loc = [str(part) for part in error.get("loc", ()) if part not in ("body", "payload")]
        errors.append({"field": ".".join(loc), "message": error.get("msg", "invalid")})
    summary = "; ".join(f"{e['field'] or 'request'}: {e['message']}" for e in errors)
    return api.create_response(request, {"detail": summary, "errors": errors}, status=422)


def _register_routers() -> None:
    from mentora.people.api import router as people_router
    from mentora.programs.api import router as programs_router

    api.add_router("/people", people_router)
    api.add_router("/programs", programs_router)


_register_routers()
