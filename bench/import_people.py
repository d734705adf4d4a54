"""Benchmark the HRIS import: generate N people, time the import, print JSON.

Runs against a throwaway database, never the real one: a temporary SQLite file, or a
`test_mentora_bench` database on the server DATABASE_URL names. Three runs are timed:
the first import (everyone created), the same file again (nothing changes), and a file
where one person in ten has a new job title and manager.

    .venv/bin/python -m bench.import_people --rows 100000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/mentora .venv/bin/python -m bench.import_people
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import random
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

TIMEZONES = ["Europe/Paris", "America/New_York", "Asia/Singapore", "Africa/Lagos", "UTC"]
LANGUAGES = ["English", "French", "Spanish", "German", "Mandarin", "Hindi", "Portuguese"]
LEVELS = ["entry", "associate", "mid", "senior", "lead", "manager", "director", "executive"]
DEPARTMENTS = ["Engineering", "Sales", "Marketing", "Finance", "People", "Operations"]
HEADER = [
    "email", "full_name", "job_title", "department", "manager_email", "location", "timezone",
    "languages", "years_experience", "level",
]


def generate(rows: int, *, seed: int = 7, retitle: float = 0.0) -> bytes:
    """A CSV of `rows` people in a management tree (8 reports each), in shuffled order."""
    rng, changes = random.Random(seed), random.Random(seed + 2)
    people = []
    for i in range(rows):
        manager = f"person{(i - 1) // 8}@example.com" if i else ""
        title = f"Engineer {i % 5}"
        if retitle and changes.random() < retitle:
            title = "Senior " + title
            manager = f"person{(i - 1) // 16}@example.com" if i else ""
        people.append([
            f"person{i}@example.com", f"Person {i}", title, DEPARTMENTS[i % len(DEPARTMENTS)],
            manager, f"City {i % 40}", TIMEZONES[i % len(TIMEZONES)],
            "; ".join(rng.sample(LANGUAGES, 1 + i % 3)), str(i % 41), LEVELS[i % len(LEVELS)],
        ])
    random.Random(seed + 1).shuffle(people)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADER)
    writer.writerows(people)
    return buffer.getvalue().encode()


def timed_import(data: bytes) -> dict[str, Any]:
    from mentora.lib.tabular import read_table
    from mentora.people.importing import people_import

    marks: dict[str, float] = {}
    start = time.perf_counter()
    table = read_table(data, filename="people.csv")
    marks["read"] = time.perf_counter()

    def progress(stage: str, done: int, total: int) -> None:
        if stage == "checked" and done == total:
            marks["checked"] = time.perf_counter()

    report = people_import(table=table, by=None, progress=progress)
    end = time.perf_counter()
    checked = marks.get("checked", marks["read"])
    return {
        "seconds": round(end - start, 2),
        "read_seconds": round(marks["read"] - start, 2),
        "check_seconds": round(checked - marks["read"], 2),
        "plan_and_write_seconds": round(end - checked, 2),
        "created": report.created,
        "updated": report.updated,
        "unchanged": report.unchanged,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mentora.settings")
    os.environ.setdefault("MENTORA_TESTING", "1")
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from django.conf import settings

    database = settings.DATABASES["default"]
    scratch = tempfile.TemporaryDirectory()
    if database["ENGINE"].endswith("sqlite3"):
        database["TEST"] = {"NAME": str(Path(scratch.name) / "bench.sqlite3")}
    else:
        database["TEST"] = {"NAME": "test_mentora_bench"}
    import django

    django.setup()
    from django.db import connection

    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        first = generate(args.rows)
        result = {
            "benchmark": "import_people",
            "rows": args.rows,
            "database": connection.vendor,
            "file_megabytes": round(len(first) / 1e6, 1),
            "first_import": timed_import(first),
            "same_file_again": timed_import(first),
            "one_in_ten_changed": timed_import(generate(args.rows, retitle=0.1)),
        }
        result["max_rss_megabytes"] = round(
            resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        scratch.cleanup()
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
