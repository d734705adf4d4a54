"""Answer 503 with a plain message when the database is unreachable, never a traceback.

A lost database surfaces as `OperationalError` (cannot connect, connection dropped, SQLite
file unreadable) or `InterfaceError` (a connection already closed under us). Views raise it;
this middleware turns it into a 503 — a small HTML page, or a JSON body under /api/ — with a
`Retry-After`, so proxies, load balancers and scripts know to try again. The same answer is
given by `server_error` (handler500) when the error escapes from another middleware, such as
the session being saved after the view ran.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.template import loader

log = logging.getLogger("mentora.ops")

DATABASE_ERRORS = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30
API_PREFIX = "/api/"
MESSAGE = (
    "Mentora cannot reach its database right now. Nothing you saved before is lost; "
    "please try again in a minute."
)


def database_unavailable(request: HttpRequest) -> HttpResponse:
    """The 503 answer: JSON under /api/, otherwise a page that needs no database to render."""
    if request.path.startswith(API_PREFIX):
        response: HttpResponse = JsonResponse(
            {"detail": MESSAGE, "code": "database_unavailable"}, status=503
        )
    else:
        # Rendered without a request context: context processors would query the database.
        html = loader.render_to_string("ops/database_unavailable.html", {"message": MESSAGE})
        response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseUnavailableMiddleware:
    """Turn a database connection error raised by a view into a 503."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, DATABASE_ERRORS):
            return None
        log.error("database unavailable while serving %s: %s", request.path, exception)
        return database_unavailable(request)
