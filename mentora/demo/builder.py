"""Writes the demo organization into the database: people, profiles, programs, enrollments.

Bulk inserts for the 300 people (the services would take minutes with Argon2 and per-row
queries), the program services for programs and enrollments, all in one transaction.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from time import perf_counter
from typing import Any

from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models.functions import Lower
from django.utils import timezone

from mentora.accounts.models import User
from mentora.accounts.services import user_set_program_staff
from mentora.demo import data, growth, history
from mentora.demo.organization import PersonSpec, generate_organization
from mentora.demo.program_plan import plan_enrollments
from mentora.lib.errors import DomainError
from mentora.matching.services import matchpriority_set
from mentora.people.models import AvailabilityWindow, Language, Profile, Skill
from mentora.people.services import profile_score_personality
from mentora.programs.models import Enrollment, Program
from mentora.programs.services import enrollment_create, program_create, program_set_questions

PROFILE_FIELDS = (
    "job_title", "department", "location", "timezone", "years_experience", "level",
    "current_role", "target_role", "career_path", "career_goals", "experience_summary",
    "past_roles", "industries", "offers_mentoring", "offers_coaching", "coach_credentials",
    "coaching_focus", "cadence", "importance_cadence", "meeting_format", "visibility",
)
PROGRAM_SLUGS = tuple(spec["fields"]["slug"] for spec in data.PROGRAMS)


@dataclass(frozen=True)
class DemoLogin:
    """A named demo sign-in, as printed by `mentora demo`."""

    role: str
    email: str
    full_name: str
    job_title: str


@dataclass(frozen=True)
class DemoSummary:
    """What the demo database holds, and whether this run built it."""

    built: bool
    replaced: bool  # an earlier demo organization was deleted first
    people: int
    programs: int
    enrollments: int
    seconds: float


def demo_logins() -> list[DemoLogin]:
    """The named sign-ins, in the order they are printed."""
    people = {p.login: p for p in generate_organization() if p.login}
    return [
        DemoLogin(role, people[role].email, people[role].full_name, people[role].job_title)
        for role, _, _ in data.LOGINS
    ]


def demo_exists() -> bool:
    """Whether this database holds the demo organization (any named sign-in marks it)."""
    emails = [f"{local}@{data.DEMO_DOMAIN}" for _, _, local in data.LOGINS]
    return User.objects.filter(email__in=emails).exists()


def _summary(
    people: list[PersonSpec], *, built: bool, started: float, replaced: bool = False
) -> DemoSummary:
    return DemoSummary(
        built=built,
        replaced=replaced,
        people=User.objects.filter(email__in=[p.email for p in people]).count(),
        programs=Program.objects.filter(slug__in=PROGRAM_SLUGS).count(),
        enrollments=Enrollment.objects.filter(program__slug__in=PROGRAM_SLUGS).count(),
        seconds=perf_counter() - started,
    )


@transaction.atomic
def demo_build(*, reset: bool = False, now: datetime | None = None) -> DemoSummary:
    """Create the demo organization once; later runs reuse it, `reset` rebuilds it."""
    started = perf_counter()
    now = now or timezone.now()
    people = generate_organization()
    replaced = demo_exists()
    if replaced:
        if not reset:
            return _summary(people, built=False, started=started)
        demo_delete(people=people)
    elif User.objects.exists():
        count = User.objects.count()
        raise DomainError(
            f"This database already holds {count} {'person' if count == 1 else 'people'} and "
            "no demo organization; the demo will not mix made-up people into it. Point "
            "MENTORA_DATA_DIR (or DATABASE_URL) at an empty database and run mentora demo again."
        )
    users = _create_people(people, now)
    _create_programs(people, users, now)
    history.history_build(now=now)  # relationships, meetings and surveys for the dashboards
    growth.growth_build(now=now)  # plans, goals and feedback of matched mentees (no sign-ins)
    return _summary(people, built=True, started=started, replaced=replaced)


@transaction.atomic
def demo_delete(*, people: list[PersonSpec] | None = None) -> None:
    """Remove the demo programs and people (and everything that belongs to them)."""
    people = people or generate_organization()
    history.history_delete(slugs=PROGRAM_SLUGS)  # programs protect their relationships
    Program.objects.filter(slug__in=PROGRAM_SLUGS).delete()
    User.objects.filter(email__in=[p.email for p in people]).delete()


def _named(model: type[models.Model], names: set[str]) -> dict[str, int]:
    """Ids of Skill or Language rows by lower-cased name, creating the missing ones."""
    lowered = {name.lower(): name for name in names}

    def existing() -> dict[str, int]:
        rows = model.objects.annotate(key=Lower("name")).filter(key__in=list(lowered))  # type: ignore[attr-defined]
        return {row.key: row.pk for row in rows}

    found = existing()
    missing = [model(name=name) for key, name in sorted(lowered.items()) if key not in found]
    if missing:
        model.objects.bulk_create(missing, ignore_conflicts=True)  # type: ignore[attr-defined]
        found = existing()
    return found


def _profile(person: PersonSpec, user: User, manager: User | None) -> Profile:
    profile = Profile(user=user, manager=manager)
    for name in PROFILE_FIELDS:
        setattr(profile, name, getattr(person, name))
    for axis, value in person.style.items():
        setattr(profile, f"style_{axis}", value)
        setattr(profile, f"importance_{axis}", person.importance[axis])
    try:
        profile.clean_fields(exclude=["user", "manager", "ipip_answers"])
    except ValidationError as exc:  # a bad row in data.py: say which one
        raise DomainError(f"Demo data for {person.email}: {exc.message_dict}") from exc
    return profile


def _create_people(people: list[PersonSpec], now: datetime) -> list[User]:
    password = make_password(data.DEMO_PASSWORD)  # hashed once: Argon2 is slow on purpose
    User.objects.bulk_create(
        User(
            email=p.email, full_name=p.full_name, password=password,
            is_org_admin=p.is_org_admin, is_staff=p.is_org_admin, is_superuser=p.is_org_admin,
            date_joined=now - timedelta(days=p.joined_days_ago),
        )
        for p in people
    )
    by_email = {u.email: u for u in User.objects.filter(email__in=[p.email for p in people])}
    users = [by_email[p.email] for p in people]
    Profile.objects.bulk_create(
        _profile(p, users[p.index], users[p.manager] if p.manager is not None else None)
        for p in people
    )
    profiles = {pr.user_id: pr for pr in Profile.objects.filter(user__in=users)}
    skills = _named(Skill, {s for p in people for s in (*p.skills_offered, *p.skills_wanted)})
    languages = _named(Language, {name for p in people for name in p.languages})
    offered_by, wanted_by = Profile.skills_offered.through, Profile.skills_wanted.through
    spoken_by = Profile.languages.through
    offered, wanted, spoken, windows = [], [], [], []
    for p in people:
        profile_id = profiles[users[p.index].pk].pk
        offered += [offered_by(profile_id=profile_id, skill_id=skills[name.lower()])
                    for name in p.skills_offered]
        wanted += [wanted_by(profile_id=profile_id, skill_id=skills[name.lower()])
                   for name in p.skills_wanted]
        spoken += [spoken_by(profile_id=profile_id, language_id=languages[name.lower()])
                   for name in p.languages]
        windows += [AvailabilityWindow(profile_id=profile_id, weekday=day, starts_at=start,
                                       ends_at=end) for day, start, end in p.availability]
    offered_by.objects.bulk_create(offered)
    wanted_by.objects.bulk_create(wanted)
    spoken_by.objects.bulk_create(spoken)
    AvailabilityWindow.objects.bulk_create(windows)
    for p in people:
        if p.ipip:
            user = users[p.index]
            profile_score_personality(profile=profiles[user.pk], by=user, answers=p.ipip)
    return users


def _create_programs(people: list[PersonSpec], users: list[User], now: datetime) -> None:
    logins = {p.login: users[p.index] for p in people if p.login}
    admin, manager = logins["organization admin"], logins["program manager"]
    # Priya may create programs and new cohorts herself (h17a: program staff).
    user_set_program_staff(user=manager, is_program_staff=True, by=admin)
    plan = plan_enrollments(people)
    rng = random.Random(data.SEED)
    joined: list[Enrollment] = []
    for spec in data.PROGRAMS:
        fields: dict[str, Any] = dict(spec["fields"])
        if fields["kind"] == Program.Kind.COACHING:
            # A cohort: enrollment closes in three weeks, so pending applications make sense.
            fields["enrollment_closes_at"] = now + timedelta(days=21)
        program = program_create(
            by=admin, data=fields,
            managers=[manager, admin] if fields["kind"] == Program.Kind.COACHING else [manager],
        )
        Program.objects.filter(pk=program.pk).update(created_at=now - timedelta(days=60))
        if spec.get("priority"):
            matchpriority_set(program=program, by=manager, **spec["priority"])
        questions = program_set_questions(program=program, by=manager, questions=spec["questions"])
        for planned in plan[program.slug]:
            user = users[planned.person]
            enrollment = enrollment_create(
                program=program, user=user, role=planned.role,
                answers={str(questions[pos].pk): text for pos, text in planned.answers.items()},
                capacity=planned.capacity, by=user if planned.self_enrolled else manager,
            )
            # People joined over the past weeks, not all in the same second.
            enrollment.created_at = now - timedelta(
                days=rng.randint(2, 40), hours=rng.randint(0, 9)
            )
            if enrollment.decided_at:
                enrollment.decided_at = min(
                    now, enrollment.created_at + timedelta(days=rng.randint(0, 2))
                )
            joined.append(enrollment)
    Enrollment.objects.bulk_update(joined, ["created_at", "decided_at"])
