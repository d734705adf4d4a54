"""Site-wide error answers: JSON 404 for unknown API paths, 503 for a lost database."""

from __future__ import annotations

import sys

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.defaults import server_error as django_server_error

from mentora.ops.middleware import DATABASE_ERRORS, database_unavailable


def api_not_found(request: HttpRequest, path: str = "") -> JsonResponse:
    """Any path under /api/v1/ that no operation claims: a JSON 404, not the HTML page."""
    return JsonResponse(
        {
            "detail": f"No API endpoint at {request.path}. "
            "The operations are listed in /api/v1/openapi.json.",
            "code": "not_found",
        },
        status=404,
    )


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: a database error that escaped a middleware still answers 503."""
    exc = sys.exc_info()[1]
    if isinstance(exc, DATABASE_ERRORS):
        return database_unavailable(request)
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "Internal server error."}, status=500)
    return django_server_error(request)
