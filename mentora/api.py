"""The JSON API under /api/v1/: session auth for the browser, personal tokens for scripts."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest
from ninja import Field, NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.security import APIKeyHeader, HttpBearer, django_auth

from mentora.accounts.api import router as accounts_router
from mentora.accounts.services import api_token_authenticate
from mentora.audit.api import router as audit_router
from mentora.calendars.api import router as calendars_router
from mentora.careers.api import router as careers_router
from mentora.conversations.api import router as conversations_router
from mentora.growth.api import router as growth_router
from mentora.integrations.api import router as integrations_router
from mentora.lib.api_parser import StrictParser
from mentora.lib.errors import DomainError
from mentora.matching.api import relationships_router as why_matched_router
from mentora.matching.api import router as matching_router
from mentora.notifications.api import router as notifications_router
from mentora.outcomes.api import router as outcomes_router
from mentora.people.api import router as people_router
from mentora.programs.api import enrollments_router
from mentora.programs.api import router as programs_router
from mentora.recommendations.api import router as recommendations_router
from mentora.relationships.api import router as relationships_router
from mentora.relationships.api_find_time import router as find_time_router

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def _writes(request: HttpRequest) -> bool:
    """Whether the request may change data: a read-only token is refused (403) for these."""
    return request.method not in SAFE_METHODS


class TokenAuth(HttpBearer):
    """`Authorization: Bearer mnt_…` with a personal API token."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = api_token_authenticate(token, write=_writes(request))
        if user is not None:
            request.user = user
        return user


class TokenHeaderAuth(APIKeyHeader):
    """`X-API-Token: mnt_…`, for clients that cannot set a bearer header."""

    param_name = "X-API-Token"

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = api_token_authenticate(key or "", write=_writes(request))
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
    parser=StrictParser(),
)


# DomainError.code → HTTP status; anything else a service raises is bad input (422).
DOMAIN_ERROR_STATUS = {"conflict": 409, "forbidden": 403, "not_found": 404}

# Where ninja says a bad value came from; the person only needs the field's own name.
PARAM_SOURCES = {"body", "query", "path", "header", "cookie", "form", "file"}
BODY_PARAM = "payload"  # every operation names its JSON body parameter `payload`


@api.exception_handler(DomainError)
def domain_error(request: HttpRequest, exc: DomainError) -> Any:
    status = DOMAIN_ERROR_STATUS.get(exc.code, 422)
    body: dict[str, Any] = {"detail": exc.message}
    if exc.field:
        body["field"] = exc.field
    if status == 422:  # same shape as a validation error, so clients read one format
        body["errors"] = [{"field": exc.field or "", "message": exc.message}]
    return api.create_response(request, body, status=status)


@api.exception_handler(RequestDataTooBig)
def too_big(request: HttpRequest, exc: RequestDataTooBig) -> Any:
    """A body over DATA_UPLOAD_MAX_MEMORY_SIZE: JSON like every /api/ answer, not Django's page."""
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE or 0
    return api.create_response(
        request,
        {"detail": f"The request body is larger than {limit / 1_000_000:.1f} MB, the most the "
         "API takes (DATA_UPLOAD_MAX_MEMORY_SIZE); send fewer rows at a time."},
        status=413,
    )


@api.exception_handler(AuthenticationError)
def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> Any:
    return api.create_response(
        request,
        {"detail": "Sign in, or send a personal API token as 'Authorization: Bearer <token>'."},
        status=401,
    )


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, exc: HttpError) -> Any:
    if isinstance(exc.__cause__, DomainError):  # StrictParser, inside ninja's body parsing
        return domain_error(request, exc.__cause__)
    if exc.status_code == 403 and exc.message.startswith("CSRF check"):
        # ninja checks CSRF before it knows whether a session exists: a caller with
        # neither session nor valid token is unauthenticated, not forbidden.
        if not getattr(request, "user", None) or not request.user.is_authenticated:
            return unauthenticated(request, AuthenticationError())
        return api.create_response(
            request,
            {
                "detail": "CSRF check failed: with a browser session, send the csrftoken "
                "cookie's value in an X-CSRFToken header, or use a personal API token."
            },
            status=403,
        )
    if exc.status_code == 400 and exc.message.startswith("Cannot parse request body"):
        return api.create_response(
            request, {"detail": "The request body is not valid JSON."}, status=400
        )
    return api.create_response(request, {"detail": exc.message}, status=exc.status_code)


@api.exception_handler(ValidationError)
def invalid(request: HttpRequest, exc: ValidationError) -> Any:
    errors = []
    for error in exc.errors:
        loc = [str(part) for part in error.get("loc", ())]
        if loc and loc[0] in PARAM_SOURCES:
            loc = loc[1:]
        if loc and loc[0] == BODY_PARAM:
            loc = loc[1:]
        errors.append({"field": ".".join(loc), "message": error.get("msg", "invalid")})
    summary = "; ".join(f"{e['field'] or 'request'}: {e['message']}" for e in errors)
    body: dict[str, Any] = {"detail": summary}
    if errors and errors[0]["field"]:
        body["field"] = errors[0]["field"]
    body["errors"] = errors
    return api.create_response(request, body, status=422)


def _register_routers() -> None:
    api.add_router("/accounts", accounts_router)
    api.add_router("/careers", careers_router)
    api.add_router("/people", people_router)
    api.add_router("/relationships", relationships_router)
    api.add_router("/relationships", why_matched_router)
    api.add_router("/relationships", find_time_router)
    api.add_router("/notifications", notifications_router)
    api.add_router("/calendars", calendars_router)
    api.add_router("/programs", programs_router)
    api.add_router("/enrollments", enrollments_router)
    api.add_router("/matching", matching_router)
    api.add_router("/recommendations", recommendations_router)
    api.add_router("/growth", growth_router)
    api.add_router("/outcomes", outcomes_router)
    api.add_router("/audit", audit_router)
    api.add_router("/integrations", integrations_router)
    api.add_router("/conversations", conversations_router)


_register_routers()


class FirstStepOut(Schema):
    key: str = Field(description="profile, career, join, choose, wait; or, for someone who "
                     "mentors or coaches: seen, capacity, availability, style")
    done: bool
    text: str = Field(description="The step in the home page's words, for the reader")
    url: str = Field(description="The page where it is done (a path); empty when none")


class FirstStepsOut(Schema):
    complete: bool = Field(description="Every step is done: the home page shows no checklist")
    kind: str = Field(description="receiving (looking for a mentor or coach) or giving; empty "
                      "for program staff with no checklist")
    done: int
    steps: list[FirstStepOut]


@api.get("/me/first-steps", response=FirstStepsOut,
         summary="The first steps the home page suggests to me")
def first_steps(request: HttpRequest) -> dict[str, Any]:
    from mentora.views import first_steps_for

    found = first_steps_for(request.user)  # type: ignore[arg-type]
    if found is None:
        return {"complete": True, "kind": "", "done": 0, "steps": []}
    return {"complete": False, **found}
