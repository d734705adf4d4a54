"""Time the mentor and coach directory search on a scale organization (bench/scale_org.py).

Signs in (force_login) as a mentee of the load plan and asks /people/ and the API's
/api/v1/people/directory for a handful of searches, each several times through the Django
test client. Prints one JSON object: per search, the median wall time, the median database
time, the number of queries and the number of people found; with --explain, the EXPLAIN
ANALYZE of the count and page queries of each search (PostgreSQL) or the query plan (SQLite).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/mentora_scale SECRET_KEY=bench \\
        .venv/bin/python -m bench.directory_search --repeat 15 --explain
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import sys
import time
from typing import Any

SEARCHES: list[tuple[str, dict[str, str]]] = [
    ("q=Engineer", {"q": "Engineer"}),
    ("q=Senior", {"q": "Senior"}),
    ("q=Person 1", {"q": "Person 1"}),
    ("q=Sales", {"q": "Sales"}),
    ("empty q", {}),
    ("department=Finance", {"department": "Finance"}),
    ("offers=coaching&q=Engineer", {"offers": "coaching", "q": "Engineer"}),
]


def _explain(sql: str, params: Any) -> list[str]:
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}", params)
        else:
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        return [" | ".join(str(c) for c in row) for row in cursor.fetchall()]


def measure(*, repeat: int, explain: bool, login: str | None) -> dict[str, Any]:
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from mentora.accounts.models import User
    from mentora.relationships.models import Relationship

    if login:
        viewer = User.objects.get(email=login)
    else:
        first = Relationship.objects.order_by("pk").select_related("mentee").first()
        if first is None:
            raise SystemExit("No relationships: build the organization with bench.scale_org.")
        viewer = first.mentee
    client = Client(HTTP_X_FORWARDED_PROTO="https", HTTP_HOST="localhost")
    client.force_login(viewer)
    result: dict[str, Any] = {"database": connection.vendor, "viewer": viewer.email}
    for kind, url in (("page", "/people/"), ("api", "/api/v1/people/directory")):
        rows = {}
        for name, params in SEARCHES:
            walls, dbs = [], []
            captured: list[dict[str, str]] = []
            found = ""
            for _ in range(repeat):
                reset_queries()
                with CaptureQueriesContext(connection) as ctx:
                    started = time.perf_counter()
                    response = client.get(url, params, secure=True)
                    walls.append((time.perf_counter() - started) * 1000)
                assert response.status_code == 200, (url, params, response.status_code)
                dbs.append(sum(float(q["time"]) for q in ctx.captured_queries) * 1000)
                captured = ctx.captured_queries
            if kind == "page":
                match = re.search(r"([\d,]+) (?:person|people) found", response.content.decode())
                found = match.group(1) if match else "?"
            else:
                found = str(response.json()["count"])
            row: dict[str, Any] = {
                "wall_ms_median": round(statistics.median(walls), 1),
                "db_ms_median": round(statistics.median(dbs), 1),
                "queries": len(captured),
                "found": found,
            }
            if explain:
                row["plans"] = {}
                for q in captured:
                    sql = q["sql"]
                    if 'FROM "people_profile"' not in sql:
                        continue
                    if "COUNT(" in sql:  # the count (alone, or with the page's ids)
                        row["plans"]["count" if "OVER" not in sql else "ids+count"] = (
                            _explain_captured(sql)
                        )
                    elif "LIMIT" in sql or " IN (" in sql:  # the page's people
                        row["plans"]["page"] = _explain_captured(sql)
            rows[name] = row
        result[kind] = rows
    return result


def _explain_captured(sql: str) -> list[str]:
    """The captured SQL has its parameters inlined (debug cursor): explain it as it is."""
    return _explain(sql, None)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--explain", action="store_true")
    parser.add_argument("--login", help="email of the viewer (default: the first mentee)")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mentora.settings")
    os.environ.setdefault("SECRET_KEY", "bench")
    import django

    django.setup()
    json.dump(
        measure(repeat=args.repeat, explain=args.explain, login=args.login), sys.stdout, indent=1
    )
    print()


if __name__ == "__main__":
    main()
