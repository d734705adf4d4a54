"""Build a whole organization for load tests: 100,000 people, 30,000 relationships,
1,000,000 meetings, action items and notes, on the database DATABASE_URL names.

People come in through the real HRIS import (timed: the issue's target is <= 30 s for
100,000); programs, enrollments, relationships, meetings, action items and notes are bulk
inserted. The database must be empty (freshly created): the script migrates it first.

    createdb -h 127.0.0.1 -U postgres mentora_scale
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/mentora_scale SECRET_KEY=bench \\
        .venv/bin/python -m bench.scale_org
    DATABASE_URL=sqlite:///var/scale.sqlite3 SECRET_KEY=bench .venv/bin/python -m bench.scale_org

It prints one JSON object (timings per phase, row counts) and the logins bench/load.py uses:
every generated person's password is `bench-password`; person0@example.com is an organization
admin who manages every program, and the first relationships' mentees are the load users.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

PASSWORD = "bench-password"
PROGRAMS = 10
BATCH = 5_000


def _timed(marks: dict[str, float], name: str, started: float) -> float:
    now = time.perf_counter()
    marks[name] = round(now - started, 1)
    print(f"  {name}: {marks[name]} s", file=sys.stderr, flush=True)
    return now


def build(*, people: int, relationships: int, records: int, seed: int) -> dict[str, Any]:
    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command
    from django.db import connection, transaction

    from bench.import_people import generate, timed_import
    from mentora.accounts.models import User
    from mentora.people.models import Profile, Visibility
    from mentora.programs.models import Enrollment, Program
    from mentora.relationships.models import (
        ActionItem,
        Meeting,
        PrivateNote,
        Relationship,
        SharedNote,
    )

    rng = random.Random(seed)
    marks: dict[str, float] = {}
    t = time.perf_counter()
    call_command("migrate", verbosity=0)
    if User.objects.exists():
        raise SystemExit("The database already has people: give a fresh, empty database.")
    t = _timed(marks, "migrate", t)

    result: dict[str, Any] = {"database": connection.vendor}
    result["hris_import"] = timed_import(generate(people, seed=seed))
    t = _timed(marks, "hris_import", t)

    # One password hash for everyone (hashing 100,000 times would dominate the build).
    User.objects.update(password=make_password(PASSWORD))
    admin = User.objects.get(email="person0@example.com")
    admin.is_org_admin = True
    admin.save(update_fields=["is_org_admin"])
    ids = list(User.objects.order_by("pk").values_list("pk", flat=True))
    t = _timed(marks, "passwords_and_admin", t)

    now = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    with transaction.atomic():
        programs = Program.objects.bulk_create(
            Program(
                name=f"Program {p}",
                slug=f"program-{p}",
                status=Program.Status.OPEN,
                description="Whole-organization load test program.",
            )
            for p in range(PROGRAMS)
        )
        for program in programs:
            program.managers.add(admin)
        # Mentors: one in ten people; mentees: the first `relationships` of the rest.
        mentors = ids[1 : len(ids) // 10]
        mentees = [pk for pk in ids[len(ids) // 10 :]][:relationships]
        enrollments = []
        for i, pk in enumerate(mentors):
            enrollments.append(
                Enrollment(
                    program=programs[i % PROGRAMS],
                    user_id=pk,
                    role=Enrollment.Role.MENTOR,
                    status=Enrollment.Status.APPROVED,
                    capacity=4,
                )
            )
        pairs = []
        for i, pk in enumerate(mentees):
            program = programs[i % PROGRAMS]
            enrollments.append(
                Enrollment(
                    program=program,
                    user_id=pk,
                    role=Enrollment.Role.MENTEE,
                    status=Enrollment.Status.APPROVED,
                )
            )
            mentor = mentors[(i // PROGRAMS * PROGRAMS + i % PROGRAMS) % len(mentors)]
            pairs.append((program, pk, mentor))
        Enrollment.objects.bulk_create(enrollments, batch_size=BATCH)
        # The mentors offer what they do, so the directory has people to find: one in five
        # also coaches, one in six shows their profile only to people in their programs.
        Profile.objects.filter(user_id__in=mentors).update(offers_mentoring=True)
        Profile.objects.filter(user_id__in=mentors[::5]).update(offers_coaching=True)
        Profile.objects.filter(user_id__in=mentors[::6]).update(visibility=Visibility.PROGRAMS)
        t = _timed(marks, "programs_and_enrollments", t)

        rels = Relationship.objects.bulk_create(
            (
                Relationship(
                    program=program,
                    mentee_id=mentee,
                    mentor_id=mentor,
                    status=Relationship.Status.ACTIVE,
                    requested_by_id=mentee,
                    requested_at=now - timedelta(days=120),
                    accepted_at=now - timedelta(days=118),
                    started_at=now - timedelta(days=118),
                    last_activity_at=now - timedelta(days=rng.randint(0, 40)),
                    message="Load test",
                )
                for program, mentee, mentor in pairs
            ),
            batch_size=BATCH,
        )
        if rels and rels[0].pk is None:  # SQLite before 3.35 returns no ids
            rels = list(Relationship.objects.order_by("pk"))
        t = _timed(marks, "relationships", t)

        # 1,000,000 records: 40 % meetings, 30 % action items, 20 % shared notes, 10 % private.
        n_meetings = records * 4 // 10
        n_actions = records * 3 // 10
        n_shared = records * 2 // 10
        n_private = records - n_meetings - n_actions - n_shared
        per_rel = max(1, -(-n_meetings // len(rels)))  # round up, then cut to n_meetings
        meeting_rows = []
        for r_index, rel in enumerate(rels):
            for m in range(per_rel):
                meeting_rows.append(
                    Meeting(
                        relationship_id=rel.pk,
                        organiser_id=rel.mentee_id,
                        starts_at=now + timedelta(days=14 * (m - per_rel // 2), hours=r_index % 9),
                        uid=f"bench-{rel.pk}-{m}@mentora",
                        status=Meeting.Status.SCHEDULED,
                    )
                )
        meeting_rows = meeting_rows[:n_meetings]
        for start in range(0, len(meeting_rows), BATCH):
            Meeting.objects.bulk_create(meeting_rows[start : start + BATCH])
        del meeting_rows
        t = _timed(marks, "meetings", t)

        meetings = list(
            Meeting.objects.order_by("pk").values_list("pk", "relationship_id", "organiser_id")
        )
        mentor_of = {rel.pk: rel.mentor_id for rel in rels}
        actions = (
            ActionItem(
                relationship_id=rel_id,
                meeting_id=meeting_id,
                text=f"Action {i}",
                owner_id=mentee_id if i % 2 else mentor_of[rel_id],
                created_by_id=mentee_id,
                due_on=(now + timedelta(days=i % 60 - 30)).date(),
                status=ActionItem.Status.OPEN if i % 3 else ActionItem.Status.DONE,
                done_at=None if i % 3 else now,
            )
            for i, (meeting_id, rel_id, mentee_id) in enumerate(
                meetings[i % len(meetings)] for i in range(n_actions)
            )
        )
        _bulk(ActionItem, actions)
        t = _timed(marks, "action_items", t)
        shared = (
            SharedNote(meeting_id=meeting_id, author_id=author, body=f"Shared note {i}. " * 8)
            for i, (meeting_id, _, author) in enumerate(
                meetings[(i * 7) % len(meetings)] for i in range(n_shared)
            )
        )
        _bulk(SharedNote, shared)
        private = (
            PrivateNote(
                meeting_id=meeting_id, author_id=mentor_of[rel_id], body=f"Private note {i}. " * 8
            )
            for i, (meeting_id, rel_id, _) in enumerate(
                meetings[(i * 13) % len(meetings)] for i in range(n_private)
            )
        )
        _bulk(PrivateNote, private)
        t = _timed(marks, "notes", t)

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    else:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    _timed(marks, "analyze", t)

    result["counts"] = {
        "people": User.objects.count(),
        "programs": Program.objects.count(),
        "enrollments": Enrollment.objects.count(),
        "relationships": Relationship.objects.count(),
        "meetings": Meeting.objects.count(),
        "action_items": ActionItem.objects.count(),
        "shared_notes": SharedNote.objects.count(),
        "private_notes": PrivateNote.objects.count(),
    }
    result["seconds"] = marks
    first = rels[0]
    result["load_logins"] = {
        "password": PASSWORD,
        "admin": "person0@example.com",
        "mentee_sample": list(
            User.objects.filter(pk__in=[r.mentee_id for r in rels[:50]]).values_list(
                "email", flat=True
            )
        ),
        "relationship_sample": first.pk,
        "program": programs[0].slug,
    }
    return result


def _bulk(model: Any, rows: Any) -> None:
    batch = []
    for row in rows:
        batch.append(row)
        if len(batch) == BATCH:
            model.objects.bulk_create(batch)
            batch = []
    if batch:
        model.objects.bulk_create(batch)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--relationships", type=int, default=30_000)
    parser.add_argument("--records", type=int, default=1_000_000, help="meetings+actions+notes")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL"):
        parser.error("set DATABASE_URL to a fresh, empty database made for this benchmark")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mentora.settings")
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    import django

    django.setup()
    started = time.perf_counter()
    result = build(
        people=args.people, relationships=args.relationships, records=args.records, seed=args.seed
    )
    result["total_seconds"] = round(time.perf_counter() - started, 1)
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
