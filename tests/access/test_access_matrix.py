"""The generated access test: every route and API operation, as every persona, against ONE table.

tests/access/matrix.py is the table (see docs/privacy.md, "How the access test works"). A
route or operation without an entry fails here with the outcomes observed, ready to be
checked against docs/privacy.md and pasted into the table.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.urls import NoReverseMatch

from tests.access import matrix
from tests.access.matrix import ALLOWED, PERSONAS, Op, Page
from tests.access.routes import (
    Operation,
    PageRoute,
    operation_url,
    operations,
    outcome_of,
    page_routes,
    page_url,
    recording_writes,
    send,
)
from tests.access.world import World, build_world

pytestmark = pytest.mark.django_db


def _clients(world: World) -> dict[str, Client]:
    clients = {}
    for persona in PERSONAS:
        client = Client(raise_request_exception=False)  # a crash is reported as a 500
        if persona != "anonymous":
            client.force_login(world[persona])
        clients[persona] = client
    return clients


def _kwargs(arguments: tuple[str, ...], given: dict[str, str], world: World) -> dict[str, Any]:
    values = {}
    for name in arguments:
        path = given.get(name) or matrix.DEFAULT_ARGUMENTS.get(name)
        if path is None:
            raise LookupError(
                f"URL argument <{name}> has no default; give it in the entry, e.g. "
                f'kwargs={{"{name}": "meeting.pk"}} (objects: tests/access/world.py).'
            )
        values[name] = world.value(path)
    return values


WORLD_VALUE = re.compile(r"{([a-z_]+(?:\.[a-z_]+)*)}")


def _fill(value: Any, world: World) -> Any:
    """Put world objects into a query, form data or body ("{meeting.pk}", see matrix.py)."""
    if isinstance(value, dict):
        return {key: _fill(item, world) for key, item in value.items()}
    if isinstance(value, list):
        return [_fill(item, world) for item in value]
    if not isinstance(value, str):
        return value
    whole = WORLD_VALUE.fullmatch(value)
    if whole:
        return world.value(whole.group(1))
    return WORLD_VALUE.sub(lambda m: str(world.value(m.group(1))), value)


def _entry_for(key: str, table: dict[str, Any]) -> Any:
    """The entry for a route: its own, or a wildcard ("admin:*") covering its key's prefix."""
    if key in table:
        return table[key]
    for pattern, entry in table.items():
        if pattern.endswith("*") and key.startswith(pattern[:-1]):
            return entry
    return None


class Checker:
    """Runs requests and collects every mismatch, so one run reports them all."""

    def __init__(self, world: World) -> None:
        self.world = world
        self.clients = _clients(world)
        self.problems: list[str] = []
        self.requests = 0

    def call(
        self, persona: str, method: str, url: str, body: Any, *, api: bool
    ) -> tuple[str, list]:
        with recording_writes() as writes:
            response = send(self.clients[persona], method, url, body, api=api)
        self.requests += 1
        return outcome_of(response), writes

    def observe(self, method: str, url: str, body: Any, *, api: bool) -> dict[str, str]:
        """What each persona gets (reads only; used to suggest an entry for a new route)."""
        if method != "GET":
            return {p: "?" for p in PERSONAS}
        return {p: self.call(p, method, url, body, api=api)[0] for p in PERSONAS}

    def check(
        self,
        key: str,
        method: str,
        url: str,
        expected: dict[str, str],
        body: Any,
        *,
        api: bool,
        personas: tuple[str, ...] = PERSONAS,
    ) -> None:
        missing = [p for p in PERSONAS if p not in expected]
        if missing:
            self.problems.append(f"{key}: no expectation for {', '.join(missing)}.")
            return
        for persona in personas:
            want = expected[persona]
            if want == ALLOWED:
                continue  # allowed to change things: the app's own tests cover what happens
            got, writes = self.call(persona, method, url, body, api=api)
            if got != want:
                self.problems.append(
                    f"{key} ({method} {url}) as {persona}: expected {want}, got {got}."
                )
            if method != "GET" and writes:
                self.problems.append(
                    f"{key} ({method} {url}) as {persona} was refused ({got}) but wrote to "
                    f"{', '.join(sorted(set(writes)))}."
                )


def _check_page(checker: Checker, route: PageRoute, entry: Page) -> None:
    world = checker.world
    if entry.url is not None:
        url = entry.url
    else:
        url = page_url(route, _kwargs(route.arguments, entry.kwargs, world))
    if entry.query:
        url += "?" + _fill(entry.query, world)
    checker.check(route.key, "GET", url, entry.get, None, api=False, personas=entry.personas)
    post = entry.post if entry.post is not None else {"anonymous": entry.get["anonymous"]}
    post = {p: post.get(p, ALLOWED) for p in PERSONAS}
    data = _fill(entry.data, world)
    checker.check(route.key, "POST", url, post, data, api=False, personas=entry.personas)


def _check_operation(checker: Checker, op: Operation, entry: Op) -> None:
    url = operation_url(op, _kwargs(op.arguments, entry.kwargs, checker.world))
    if entry.query:
        url += "?" + _fill(entry.query, checker.world)
    if op.method != "GET" and matrix.OK in entry.expect.values():
        # Sending a write that succeeds would change the world for every check after it.
        checker.problems.append(f"{op.key}: mark personas who may change things ALLOWED, not OK.")
        return
    body = _fill(entry.body, checker.world)
    checker.check(op.key, op.method, url, entry.expect, body, api=True)


def _suggest(checker: Checker, key: str, method: str, url: str | None, *, api: bool) -> str:
    if url is None:
        observed = "(its URL arguments need objects: give kwargs={...} naming world objects)"
    elif method != "GET":
        observed = "(a write: give each refused persona's outcome, ALLOWED for the others)"
    else:
        seen = checker.observe(method, url, None, api=api)
        observed = ", ".join(f"{p}={v!r}" for p, v in seen.items())
    return (
        f"{key} has no entry in tests/access/matrix.py. Decide who may use it "
        f"(docs/privacy.md) and add it to {'OPERATIONS' if api else 'PAGES'}. "
        f"Observed now: {observed}"
    )


def test_it_checks_every_route_and_operation_for_every_persona(personas):
    world = build_world(personas)
    checker = Checker(world)
    seen_pages, seen_ops = set(), set()

    for route in page_routes():
        entry = _entry_for(route.key, matrix.PAGES)
        seen_pages.add(route.key if route.key in matrix.PAGES else _wildcard(route.key))
        if entry is None:
            try:
                url = page_url(route, _kwargs(route.arguments, {}, world))
            except (LookupError, NoReverseMatch):
                url = None
            checker.problems.append(_suggest(checker, route.key, "GET", url, api=False))
            continue
        try:
            _check_page(checker, route, entry)
        except (LookupError, NoReverseMatch) as exc:
            checker.problems.append(f"{route.key}: {exc}")

    for op in operations():
        entry = matrix.OPERATIONS.get(op.key)
        seen_ops.add(op.key)
        if entry is None:
            try:
                url = operation_url(op, _kwargs(op.arguments, {}, world))
            except LookupError:
                url = None
            checker.problems.append(_suggest(checker, op.key, op.method, url, api=True))
            continue
        try:
            _check_operation(checker, op, entry)
        except LookupError as exc:
            checker.problems.append(f"{op.key}: {exc}")

    stale = sorted(set(matrix.PAGES) - seen_pages) + sorted(set(matrix.OPERATIONS) - seen_ops)
    for key in stale:
        checker.problems.append(f"{key}: in tests/access/matrix.py but no such route; remove it.")

    assert checker.requests > 0
    assert not checker.problems, (
        f"{len(checker.problems)} access problem(s) in {checker.requests} requests:\n  "
        + "\n  ".join(checker.problems)
    )


def _wildcard(key: str) -> str:
    for pattern in matrix.PAGES:
        if pattern.endswith("*") and key.startswith(pattern[:-1]):
            return pattern
    return key
