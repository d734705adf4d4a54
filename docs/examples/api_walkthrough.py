#!/usr/bin/env python3
"""Enroll people in a Mentora program, run the matching, publish it and read the outcomes.

A walkthrough of the JSON API (docs/api.md) for HR and L&D integrators. Standard library
only: copy this file anywhere and run it with Python 3.9 or later.

    export MENTORA_URL=http://127.0.0.1:8000
    export MENTORA_TOKEN=mnt_...        # a program manager's or organization admin's token
    python3 api_walkthrough.py --program grow --roster roster.csv

The roster is a CSV file with a header: `email` and `role` (mentee or mentor) are required,
`capacity` (mentees per mentor) is optional. With --import-people (organization admins)
the people are first added or updated from the same file, like an HR system export: the
columns `full_name` (then required), `job_title`, `department`, `manager_email`,
`location`, `timezone`, `languages` (separated by ";"), `years_experience`, `level`.

Steps: who am I -> the program (found, or created with --new-program) -> [import people]
-> enroll each person (skipping those already in) -> start a matching run and poll it until
the worker has finished -> read the draft -> publish it (unless --no-publish) -> read the
program's relationships and its outcomes. Any refused request stops the script with the
API's own message and exit status 1.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

PEOPLE_COLUMNS = (
    "full_name", "job_title", "department", "manager_email", "location", "timezone",
    "languages", "years_experience", "level",
)
FINISHED = ("done", "failed")


class ApiError(Exception):
    """A request Mentora refused (or could not be reached), as one readable sentence."""


class Mentora:
    """A tiny client: JSON in, JSON out, a bearer token on every request."""

    def __init__(self, url: str, token: str) -> None:
        self.base = url.rstrip("/") + "/api/v1"
        self.token = token

    def call(self, method: str, path: str, body: Any = None, **query: Any) -> Any:
        url = self.base + path
        if query:
            url += "?" + urllib.parse.urlencode(query)
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(url, data=data, method=method)
        request.add_header("Authorization", f"Bearer {self.token}")
        request.add_header("Accept", "application/json")
        if data is not None:
            request.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                raw = response.read()
        except urllib.error.HTTPError as exc:
            raise ApiError(f"{method} {path} answered {exc.code}: {_detail(exc)}") from None
        except urllib.error.URLError as exc:
            raise ApiError(f"cannot reach {self.base}: {exc.reason}") from None
        return json.loads(raw) if raw else None

    def get(self, path: str, **query: Any) -> Any:
        return self.call("GET", path, **query)

    def post(self, path: str, body: Any = None) -> Any:
        return self.call("POST", path, body)

    def pages(self, path: str, **query: Any) -> list[Any]:
        """Every item of a paginated list."""
        items: list[Any] = []
        page = 1
        while True:
            answer = self.get(path, page=page, page_size=100, **query)
            items += answer["items"]
            if len(items) >= answer["count"] or not answer["items"]:
                return items
            page += 1


def _detail(exc: urllib.error.HTTPError) -> str:
    """The API's `detail` sentence (and each field at fault), else the raw answer."""
    raw = exc.read().decode("utf-8", "replace")
    try:
        body = json.loads(raw)
    except ValueError:
        return raw.strip()[:300] or exc.reason
    detail = str(body.get("detail", raw))
    field = body.get("field")
    return f"{detail} (field: {field})" if field and field not in detail else detail


def say(text: str = "") -> None:
    print(text, flush=True)


def read_roster(path: str) -> list[dict[str, str]]:
    """The roster's rows, each with a lowercase email and a role; bad rows stop the script."""
    try:
        with open(path, newline="", encoding="utf-8-sig") as handle:
            rows = list(csv.DictReader(handle))
    except OSError as exc:
        raise ApiError(f"cannot read the roster {path}: {exc.strerror}") from None
    for line, row in enumerate(rows, start=2):
        row.update({k.strip().lower(): (v or "").strip() for k, v in list(row.items()) if k})
        row["email"] = row.get("email", "").lower()
        if not row["email"] or row.get("role") not in ("mentee", "mentor"):
            raise ApiError(f"{path}, line {line}: each row needs an email and a role "
                           "(mentee or mentor)")
        if row.get("capacity") and not row["capacity"].isdigit():
            raise ApiError(f"{path}, line {line}, column capacity: a whole number of mentees")
    if not rows:
        raise ApiError(f"{path} names nobody")
    return rows


def step(number: int, text: str) -> None:
    say(f"\n{number}. {text}")


def find_or_create_program(api: Mentora, args: argparse.Namespace) -> dict[str, Any]:
    if args.program:
        program = api.get(f"/programs/{urllib.parse.quote(args.program)}")
        say(f"   using “{program['name']}” ({program['slug']}), {program['status']}")
        return program
    program = api.post("/programs", {
        "name": args.new_program, "kind": "mentoring", "status": "open",
        "matching_mode": "manager",
        "description": "Created by the API walkthrough script.",
    })
    say(f"   created “{program['name']}” at /programs/{program['slug']}/")
    return program


def import_people(api: Mentora, roster: list[dict[str, str]]) -> None:
    """Add or update the roster's people, as an HR system's file would (empty cell = empty)."""
    columns = [c for c in PEOPLE_COLUMNS if c in roster[0]]
    if "full_name" not in columns:
        raise ApiError("--import-people needs a full_name column in the roster")
    people = []
    for row in roster:
        person: dict[str, Any] = {"email": row["email"]}
        for column in columns:
            value: Any = row[column]
            if column == "languages":
                value = [part.strip() for part in value.split(";") if part.strip()]
            elif column == "years_experience":
                value = int(value) if value.isdigit() else (value or None)
            person[column] = value
        people.append(person)
    report = api.post("/people/import", {"people": people})
    say(f"   {report['summary']}")


def enroll(api: Mentora, slug: str, roster: list[dict[str, str]]) -> dict[str, int]:
    """Enroll everyone on the roster not yet in; approve anyone still waiting."""
    existing = {
        (e["person"]["email"].lower(), e["role"]): e
        for e in api.pages(f"/programs/{slug}/enrollments")
    }
    counts = {"enrolled": 0, "approved": 0, "already": 0, "skipped": 0}
    for row in roster:
        key = (row["email"], row["role"])
        enrollment = existing.get(key)
        if enrollment is None:
            body: dict[str, Any] = {"role": row["role"], "email": row["email"]}
            if row["role"] == "mentor" and row.get("capacity"):
                body["capacity"] = int(row["capacity"])
            enrollment = api.post(f"/programs/{slug}/enrollments", body)
            counts["enrolled"] += 1
            say(f"   + {row['email']} as {row['role']} ({enrollment['status']})")
        elif enrollment["status"] == "approved":
            counts["already"] += 1
            continue
        if enrollment["status"] in ("pending", "waitlisted"):
            enrollment = api.post(f"/enrollments/{enrollment['id']}/approve")
            counts["approved"] += 1
            say(f"   ✓ approved {row['email']} as {row['role']}")
        elif enrollment["status"] != "approved":
            counts["skipped"] += 1
            say(f"   - {row['email']} left out: their enrollment is {enrollment['status']}")
    say(f"   {counts['enrolled']} enrolled, {counts['approved']} approved, "
        f"{counts['already']} already in, {counts['skipped']} left out")
    return counts


def run_matching(api: Mentora, slug: str, timeout: float, poll: float) -> dict[str, Any]:
    """Queue a run (or follow the one in progress) and wait until the worker finishes it."""
    try:
        run = api.post(f"/matching/{slug}/runs")
        say(f"   run {run['id']} queued")
    except ApiError as exc:
        if "answered 409" not in str(exc):
            raise
        run = api.get(f"/matching/{slug}/status")["active"]
        if run is None:
            raise
        say(f"   a run is already in progress (run {run['id']}); following it")
    deadline = time.monotonic() + timeout
    hinted = False
    shown = None
    started = time.monotonic()
    while run["status"] not in FINISHED:
        if time.monotonic() > deadline:
            raise ApiError(f"run {run['id']} is still {run['status']} after {timeout:.0f} s; "
                           "is a worker running (`mentora worker`)?")
        if run["status"] == "queued" and not hinted and time.monotonic() - started > 10:
            say("   still queued: runs are done by the worker (`mentora worker`, or the "
                "`mentora demo`/`serve` process itself)")
            hinted = True
        time.sleep(poll)
        run = api.get(f"/matching/{slug}/runs/{run['id']}")
        progress = (run["status"], run["progress"], run["stage"])
        if progress != shown:
            say(f"   {run['status']} {run['progress']}% {run['stage']}".rstrip())
            shown = progress
    if run["status"] == "failed":
        raise ApiError(f"run {run['id']} failed: {run['error']}")
    say(f"   done: {run['matched_count']} of {run['mentees_count']} mentees matched, "
        f"mean score {_figure(run['mean_score'], False)}")
    return run


def show_draft(api: Mentora, slug: str) -> list[dict[str, Any]]:
    pairs = api.pages(f"/matching/{slug}/draft/pairs")
    for pair in pairs:
        reasons = sorted(pair["contributions"], key=lambda c: -c["contribution"])
        why = reasons[0]["reason"] if reasons and reasons[0]["reason"] else ""
        say(f"   {pair['mentee']['full_name']} → {pair['mentor']['full_name']} "
            f"(score {pair['score']:.2f}){'; ' + why if why else ''}")
    for left in api.pages(f"/matching/{slug}/draft/unmatched"):
        say(f"   unmatched: {left['mentee']['full_name']} — {left['reason']}")
    return pairs


def show_report(api: Mentora, path: str, rows_shown: int) -> None:
    """Each table's title and first rows; figures withheld for small groups say so."""
    report = api.get(path)
    for table in report["tables"]:
        say(f"   [{table['title']}]")
        labels = {c["key"]: c["label"] for c in table["columns"]}
        for row in table["rows"][:rows_shown]:
            cells = [
                f"{labels[key]}: {_figure(value, row['suppressed'])}"
                for key, value in row.items() if key in labels
            ]
            say("     " + "; ".join(cells))
        if len(table["rows"]) > rows_shown:
            say(f"     … {len(table['rows']) - rows_shown} more row(s)")


def _figure(value: Any, suppressed: bool) -> str:
    if value is None:
        return "withheld (too few people)" if suppressed else "—"
    return f"{value:.2f}" if isinstance(value, float) else str(value)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default=os.environ.get("MENTORA_URL", "http://127.0.0.1:8000"),
                        help="the Mentora site (env MENTORA_URL)")
    parser.add_argument("--token", default=os.environ.get("MENTORA_TOKEN", ""),
                        help="a personal API token (env MENTORA_TOKEN)")
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("--program", help="the slug of an existing program")
    which.add_argument("--new-program", metavar="NAME",
                       help="create an open mentoring program (organization admins)")
    parser.add_argument("--roster", required=True, help="CSV: email, role[, capacity, …]")
    parser.add_argument("--import-people", action="store_true",
                        help="add or update the roster's people first (organization admins)")
    parser.add_argument("--no-publish", action="store_true", help="stop at the draft")
    parser.add_argument("--timeout", type=float, default=300, help="seconds to wait for a run")
    parser.add_argument("--poll", type=float, default=2, help="seconds between status checks")
    parser.add_argument("--rows", type=int, default=1, help="rows shown per outcomes table")
    args = parser.parse_args(argv)
    if not args.token:
        parser.error("give an API token with --token or MENTORA_TOKEN")
    api = Mentora(args.url, args.token)
    try:
        roster = read_roster(args.roster)
        step(1, "Who am I")
        me = api.get("/accounts/me")
        say(f"   {me['full_name']} <{me['email']}>, roles: {', '.join(me['roles']) or 'none'}")
        step(2, "The program")
        slug = find_or_create_program(api, args)["slug"]
        number = 3
        if args.import_people:
            step(number, f"Import {len(roster)} people from the roster")
            import_people(api, roster)
            number += 1
        step(number, f"Enroll {len(roster)} people")
        enroll(api, slug, roster)
        step(number + 1, "Run the matching")
        run_matching(api, slug, args.timeout, args.poll)
        step(number + 2, "The draft")
        pairs = show_draft(api, slug)
        if args.no_publish:
            say("\nStopped before publishing (--no-publish).")
            return 0
        step(number + 3, "Publish")
        if pairs:
            published = api.post(f"/matching/{slug}/publish")
            say(f"   published {published['created']} pair(s) ({published['mode']}); "
                f"relationships {published['relationship_ids']}")
        else:
            say("   nothing to publish: the draft has no pairs")
        step(number + 4, "Outcomes")
        relationships = api.pages(f"/relationships/programs/{slug}/relationships")
        say(f"   {len(relationships)} ongoing relationship(s) in the program")
        show_report(api, f"/outcomes/programs/{slug}/dashboard", args.rows)
        show_report(api, f"/outcomes/programs/{slug}/outcomes", args.rows)
        say(f"\nDone: {len(pairs)} pair(s) published in {slug}.")
        return 0
    except ApiError as exc:
        hint = " (check the token: --token or MENTORA_TOKEN)" if "answered 401" in str(exc) else ""
        print(f"\nError: {exc}{hint}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
