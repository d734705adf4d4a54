"""Finding every page route and every API operation, and calling them as a persona.

Used by tests/access/test_access_matrix.py; kept apart so the walking can be tested and
read on its own.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import connection
from django.shortcuts import resolve_url
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.access.matrix import (
    BAD_REQUEST,
    CONFLICT,
    FORBIDDEN,
    INVALID,
    LOGIN,
    NOT_ALLOWED,
    NOT_FOUND,
    OK,
    REDIRECT,
    UNAUTHORIZED,
)

API_PREFIX = "/api/v1"


@dataclass(frozen=True)
class PageRoute:
    """A URL pattern outside the API's operations: its key in the table and how to build it."""

    key: str  # "namespace:name", or the pattern itself when unnamed
    name: str | None
    pattern: str
    arguments: tuple[str, ...]


@dataclass(frozen=True)
class Operation:
    """One django-ninja operation: METHOD and path template as documented."""

    key: str  # "GET /accounts/me"
    method: str
    path: str  # "/accounts/tokens/{token_id}" (relative to /api/v1)
    arguments: tuple[str, ...]


def page_routes() -> list[PageRoute]:
    """Every URL pattern, except the API operations (walked separately by operations())."""
    found: list[PageRoute] = []

    def walk(patterns: list[Any], prefix: str, namespace: str | None) -> None:
        for p in patterns:
            if isinstance(p, URLResolver):
                ns = namespace
                if p.namespace:
                    ns = f"{namespace}:{p.namespace}" if namespace else p.namespace
                walk(p.url_patterns, prefix + str(p.pattern), ns)
                continue
            assert isinstance(p, URLPattern)
            if getattr(p.callback, "__module__", "") == "ninja.operation":
                continue  # an API operation: covered per method by operations()
            name = f"{namespace}:{p.name}" if namespace and p.name else p.name
            pattern = prefix + str(p.pattern)
            arguments = tuple(_arguments(p))
            found.append(PageRoute(name or pattern, name, pattern, arguments))

    walk(get_resolver().url_patterns, "", None)
    return found


def _arguments(p: URLPattern) -> list[str]:
    converters = getattr(p.pattern, "converters", None)
    if converters:
        return list(converters)
    regex = getattr(p.pattern, "regex", None)
    return list(regex.groupindex) if regex is not None else []


def operations() -> list[Operation]:
    """Every operation of every router mounted on mentora.api.api."""
    from mentora.api import api

    found = []
    for prefix, router in api._routers:
        for path, path_view in router.path_operations.items():
            full = _join(prefix, path)
            for op in path_view.operations:
                for method in op.methods:
                    arguments = tuple(m.group(2) for m in re.finditer(r"{(?:(\w+):)?(\w+)}", full))
                    found.append(Operation(f"{method} {full}", method, full, arguments))
    return found


def _join(prefix: str, path: str) -> str:
    full = "/" + "/".join(part.strip("/") for part in (prefix, path) if part.strip("/"))
    return full if full != "/" else "/"


def page_url(route: PageRoute, kwargs: dict[str, Any]) -> str:
    """The URL of a route with its arguments filled in (unnamed: from its pattern)."""
    if route.name is not None:
        return reverse(route.name, kwargs=kwargs)
    if route.pattern.startswith("^"):
        raise LookupError("a regular-expression route: give its url= in the entry")
    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(kwargs[m.group(1)]), route.pattern)


def operation_url(op: Operation, kwargs: dict[str, Any]) -> str:
    def fill(match: re.Match[str]) -> str:
        return str(kwargs[match.group(2)])

    return API_PREFIX + re.sub(r"{(?:(\w+):)?(\w+)}", fill, op.path)


def login_paths() -> tuple[str, ...]:
    return (resolve_url(settings.LOGIN_URL), reverse("admin:login"))


def outcome_of(response: Any) -> str:
    """A response as one of the table's outcomes."""
    code = response.status_code
    if 200 <= code < 300:
        return OK
    if code in (301, 302, 303, 307, 308):
        location = response["Location"]
        return LOGIN if location.startswith(login_paths()) else REDIRECT
    known = {
        400: BAD_REQUEST,
        401: UNAUTHORIZED,
        403: FORBIDDEN,
        404: NOT_FOUND,
        405: NOT_ALLOWED,
        409: CONFLICT,
        422: INVALID,
    }
    return known.get(code, str(code))


# Tables a refused request may still touch: the session (Django saves it when it rotates)
# and django-axes' sign-in attempts.
IGNORED_WRITE_TABLES = ("django_session", "axes_")
WRITE = re.compile(r"^\s*(INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+\"?(\w+)", re.IGNORECASE)


@contextmanager
def recording_writes() -> Iterator[list[str]]:
    """Collect the tables written to by the SQL run inside the block."""
    writes: list[str] = []

    def wrapper(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        match = WRITE.match(sql)
        if match and not match.group(2).startswith(IGNORED_WRITE_TABLES):
            writes.append(match.group(2))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(wrapper):
        yield writes


def send(client: Any, method: str, url: str, body: Any = None, *, api: bool) -> Any:
    """Make the request; API bodies are JSON, page bodies are form posts."""
    call = getattr(client, method.lower())
    if api:
        if method == "GET":
            return call(url)
        return call(url, data=json.dumps(body or {}), content_type="application/json")
    if method == "GET":
        return call(url)
    return call(url, data=body or {})
