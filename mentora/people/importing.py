"""HRIS import of people: check every row of a file, then upsert users and profiles in bulk.

Set-based on purpose (100,000 people in well under 30 s): the organization is read once
into memory, every row is checked against it, and only then are users, profiles and
language links written with bulk_create / bulk_update, all in one transaction.
The column rules are documented in docs/import.md.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from mentora.accounts.models import User
from mentora.lib.errors import DomainError
from mentora.lib.tabular import (
    ImportRejected,
    ImportReport,
    Problem,
    Progress,
    Table,
    match_columns,
    sort_problems,
    split_list,
    suggest,
)
from mentora.lib.timezones import available_timezones
from mentora.people.models import Language, Level, Profile
from mentora.people.permissions import can_import_people

COLUMNS = (
    "email", "full_name", "job_title", "department", "manager_email", "location", "timezone",
    "languages", "years_experience", "level",
)
REQUIRED_COLUMNS = ("email", "full_name")
# Organization facts: an empty cell clears them. The other columns describe things people
# also set on their own profile, so an empty cell keeps what is there.
TEXT_COLUMNS = {"job_title": 200, "department": 120, "location": 120}
PROFILE_COLUMNS = ("job_title", "department", "location", "timezone", "years_experience", "level")
PROGRESS_EVERY = 5000
BATCH = 1000


# ---------------------------------------------------------------- cell parsers (shared)


class CellError(ValueError):
    """A cell's value is wrong; the message says how."""


def parse_email(value: str) -> str:
    """A lower-cased, valid email address."""
    email = value.strip().lower()
    if not email:
        raise CellError("the email address is empty.")
    try:
        validate_email(email)
    except ValidationError as exc:
        raise CellError(f"“{value}” is not a valid email address.") from exc
    return email


def parse_text(value: str, *, limit: int) -> str:
    """Single-line text with runs of spaces collapsed, at most `limit` characters."""
    text = " ".join(value.split())
    if len(text) > limit:
        raise CellError(f"“{text[:30]}…” is longer than {limit} characters.")
    return text


def parse_int(value: str, *, low: int, high: int) -> int:
    """A whole number from low to high (a spreadsheet's 5.0 counts as 5)."""
    text = value.strip()
    try:
        number = float(text) if "." in text else int(text)
    except ValueError:
        raise CellError(f"“{value}” is not a whole number from {low} to {high}.") from None
    if number != int(number) or not low <= number <= high:
        raise CellError(f"“{value}” is not a whole number from {low} to {high}.")
    return int(number)


def parse_choice(value: str, choices: type[models.TextChoices], *, what: str) -> str:
    """A choice's value, given as its value or its label, in any case."""
    wanted = " ".join(value.split()).lower()
    for choice in choices:
        if wanted in (choice.value.lower(), str(choice.label).lower()):
            return str(choice.value)
    hint = suggest(wanted, [str(c) for c in choices.values])
    raise CellError(f"“{value}” is not {what}{hint}; use one of {', '.join(choices.values)}.")


@lru_cache(maxsize=1)
def _timezones_by_lower() -> dict[str, str]:
    return {name.lower(): name for name in available_timezones()}


def parse_timezone(value: str) -> str:
    """An IANA time zone name, matched case-insensitively and returned in canonical case."""
    name = _timezones_by_lower().get(value.strip().lower())
    if name is None:
        raise CellError(
            f"“{value}” is not an IANA time zone (for example Europe/Paris or America/New_York)."
        )
    return name


def parse_names(value: str, *, what: str, limit: int, max_length: int) -> list[str]:
    """A semicolon- or comma-separated list, de-duplicated case-insensitively."""
    names: dict[str, str] = {}
    for name in split_list(value):
        if len(name) > max_length:
            raise CellError(f"the {what} “{name[:30]}…” is longer than {max_length} characters.")
        names.setdefault(name.lower(), name)
    if len(names) > limit:
        raise CellError(f"list at most {limit} {what}s (found {len(names)}).")
    return list(names.values())


# ---------------------------------------------------------------- bulk helpers (shared)


def chunked(items: Sequence[Any], size: int = BATCH) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def unusable_password() -> str:
    """What set_unusable_password() stores, without its per-call cost for 100,000 users."""
    return UNUSABLE_PASSWORD_PREFIX + secrets.token_urlsafe(30)


def names_to_ids(
    model: type[Language] | type[Any], names: Iterable[str], *, title: bool = False
) -> dict[str, int]:
    """{lower-cased name: id} for these names, creating the missing ones (matched any case)."""
    ids = {name.lower(): pk for pk, name in model.objects.values_list("pk", "name")}
    wanted = {name.lower(): name for name in names}
    missing = [name.title() if title else name for key, name in wanted.items() if key not in ids]
    if missing:
        model.objects.bulk_create([model(name=name) for name in missing], batch_size=BATCH)
        ids = {name.lower(): pk for pk, name in model.objects.values_list("pk", "name")}
    return ids


def m2m_links(through: Any, owner: str, target: str) -> dict[int, dict[int, int]]:
    """{owner id: {target id: link row id}} for every row of a many-to-many table."""
    links: dict[int, dict[int, int]] = {}
    for pk, owner_id, target_id in through.objects.values_list("pk", owner, target).iterator(
        chunk_size=5000
    ):
        links.setdefault(owner_id, {})[target_id] = pk
    return links


def m2m_sync(
    through: Any,
    owner: str,
    target: str,
    current: dict[int, dict[int, int]],
    wanted: dict[int, set[int]],
) -> None:
    """Make each owner's links exactly `wanted[owner]`: one delete and one insert per batch."""
    stale = [
        pk
        for owner_id, targets in wanted.items()
        for target_id, pk in current.get(owner_id, {}).items()
        if target_id not in targets
    ]
    for ids in chunked(stale):
        through.objects.filter(pk__in=ids).delete()
    fresh = [
        through(**{owner: owner_id, target: target_id})
        for owner_id, targets in wanted.items()
        for target_id in targets
        if target_id not in current.get(owner_id, {})
    ]
    through.objects.bulk_create(fresh, batch_size=BATCH)


# ---------------------------------------------------------------- the people import


@dataclass
class _Known:
    """A person already in Mentora, as read once at the start of the import."""

    user_id: int
    full_name: str
    is_active: bool
    profile_id: int | None
    profile: dict[str, Any]


@dataclass
class _Person:
    """A checked row: what the file says about one person."""

    line: int
    email: str
    full_name: str
    profile: dict[str, Any]
    manager_email: str | None  # None: the file has no manager column; "": no manager
    languages: list[str] | None  # None: keep the person's languages


def _load_people() -> dict[str, _Known]:
    fields = [f"profile__{name}" for name in (*PROFILE_COLUMNS, "manager_id")]
    people: dict[str, _Known] = {}
    rows = User.objects.values_list(
        "id", "email", "full_name", "is_active", "profile__id", *fields
    ).order_by()
    for user_id, email, full_name, is_active, profile_id, *values in rows.iterator(
        chunk_size=5000
    ):
        profile = dict(zip((*PROFILE_COLUMNS, "manager_id"), values, strict=True))
        people[email.lower()] = _Known(user_id, full_name, is_active, profile_id, profile)
    return people


def _check_row(
    line: int, cells: dict[str, str], columns: dict[str, str], errors: list[Problem]
) -> _Person | None:
    """Parse one row, adding a Problem per bad cell; None when its email is unusable.

    A row with other bad cells is still returned so that duplicates and managers can be
    checked too; any problem stops the import before anything is written.
    """
    values: dict[str, Any] = {}

    def parse(name: str, parser: Any, **options: Any) -> None:
        if name not in columns:
            return
        raw = cells.get(columns[name], "")
        if not raw and name in ("timezone", "languages", "years_experience", "level"):
            return
        try:
            values[name] = parser(raw, **options)
        except CellError as exc:
            errors.append(Problem(line, columns[name], str(exc)))

    parse("email", parse_email)
    parse("full_name", parse_text, limit=200)
    if values.get("full_name") == "":
        errors.append(Problem(line, columns["full_name"], "the full name is empty."))
    for name, limit in TEXT_COLUMNS.items():
        parse(name, parse_text, limit=limit)
    parse("timezone", parse_timezone)
    parse("years_experience", parse_int, low=0, high=70)
    parse("level", parse_choice, choices=Level, what="a level")
    parse("languages", parse_names, what="language", limit=15, max_length=60)
    manager = None
    if "manager_email" in columns:
        manager = ""
        if cells.get(columns["manager_email"], ""):
            parse("manager_email", parse_email)
            manager = values.get("manager_email", "")
    if "email" not in values:
        return None
    return _Person(
        line=line,
        email=values["email"],
        full_name=values.get("full_name", ""),
        profile={k: v for k, v in values.items() if k in PROFILE_COLUMNS},
        manager_email=manager,
        languages=values.get("languages"),
    )


def _manager_problems(
    people: list[_Person], known: dict[str, _Known], manager_column: str
) -> list[Problem]:
    """Unknown managers, people managing themselves, and cycles in the manager chain."""
    problems: list[Problem] = []
    in_file = {person.email: person for person in people}
    email_of = {k.user_id: email for email, k in known.items()}
    manager_of: dict[str, str] = {
        email: email_of[k.profile["manager_id"]]
        for email, k in known.items()
        if k.profile["manager_id"] in email_of
    }
    for person in people:
        manager = person.manager_email
        if manager is None:
            continue
        if manager == person.email:
            problems.append(
                Problem(person.line, manager_column, "a person cannot be their own manager.")
            )
        elif manager and manager not in in_file and manager not in known:
            problems.append(
                Problem(
                    person.line,
                    manager_column,
                    f"no one with the email “{manager}” is in this file or in Mentora.",
                )
            )
        manager_of.pop(person.email, None)
        if manager and manager != person.email:
            manager_of[person.email] = manager
    reported: set[str] = set()
    done: set[str] = set()
    for start in in_file:
        path: list[str] = []
        on_path: dict[str, int] = {}
        node: str | None = start
        while node is not None and node not in done and node not in on_path:
            on_path[node] = len(path)
            path.append(node)
            node = manager_of.get(node)
        if node is not None and node in on_path:
            cycle = path[on_path[node] :]
            chain = " → ".join([*cycle, cycle[0]])
            for email in cycle:
                if email in in_file and email not in reported:
                    reported.add(email)
                    problems.append(
                        Problem(in_file[email].line, manager_column, f"manager cycle: {chain}.")
                    )
        done.update(path)
    return problems


@transaction.atomic
def people_import(
    *,
    table: Table,
    by: Any | None,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> ImportReport:
    """Upsert people (users + profiles) by email from an HRIS file; all or nothing.

    ``by`` is the organization admin importing, or None for the command line (whoever
    can run it already controls the installation). Raises ImportRejected listing every
    problem, with nothing written; on a dry run checks and counts but writes nothing.
    """
    if by is not None and not can_import_people(by):
        raise DomainError("Only organization admins can import people.", code="forbidden")
    columns, other, errors = match_columns(
        table.headers, known=COLUMNS, required=REQUIRED_COLUMNS, line=table.header_line
    )
    report = ImportReport(rows=len(table.rows), dry_run=dry_run)
    report.warnings += _unused_columns(table, other)
    if errors:
        raise ImportRejected(errors)
    known = _load_people()
    people: list[_Person] = []
    first_line: dict[str, int] = {}
    for index, row in enumerate(table.rows, start=1):
        person = _check_row(row.line, row.cells, columns, errors)
        if person is not None:
            if person.email in first_line:
                errors.append(
                    Problem(
                        row.line,
                        columns["email"],
                        f"“{person.email}” appears again (first on line "
                        f"{first_line[person.email]}); each person must appear once.",
                    )
                )
            else:
                first_line[person.email] = row.line
                people.append(person)
        if progress and (index % PROGRESS_EVERY == 0 or index == len(table.rows)):
            progress("checked", index, len(table.rows))
    if "manager_email" in columns:
        errors += _manager_problems(people, known, columns["manager_email"])
    if errors:
        raise ImportRejected(sort_problems(errors, table))
    report.warnings += _inactive_warnings(people, known, columns["email"])
    plan = _plan(people, known, columns, report)
    if dry_run:
        return report
    try:
        with transaction.atomic():
            _write(plan, known, progress)
    except IntegrityError as exc:
        raise DomainError(
            "Someone changed people in Mentora while the import ran; nothing was imported. "
            "Run the import again.",
            code="conflict",
        ) from exc
    return report


def _unused_columns(table: Table, other: list[str]) -> list[Problem]:
    warnings = []
    for header in other:
        hint = suggest(header.strip().lower().replace(" ", "_"), list(COLUMNS))
        warnings.append(
            Problem(table.header_line, header, f"this column is not used and was ignored{hint}.")
        )
    if "" in table.headers and any(row.cells.get("") for row in table.rows):
        warnings.append(
            Problem(table.header_line, None, "a column without a header was ignored.")
        )
    return warnings


def _inactive_warnings(
    people: list[_Person], known: dict[str, _Known], column: str
) -> list[Problem]:
    return [
        Problem(
            person.line,
            column,
            f"{person.email} is deactivated in Mentora; their details are updated but they "
            "stay deactivated.",
        )
        for person in people
        if person.email in known and not known[person.email].is_active
    ]


@dataclass
class _Plan:
    """What the import will write, worked out before anything is written."""

    fields: list[str]
    new_people: list[_Person] = field(default_factory=list)
    missing_profiles: list[_Person] = field(default_factory=list)
    renamed: list[User] = field(default_factory=list)
    changed_profiles: list[Profile] = field(default_factory=list)
    languages: dict[str, list[str]] = field(default_factory=dict)
    lang_links: dict[int, dict[int, int]] = field(default_factory=dict)

    @property
    def size(self) -> int:
        return (
            len(self.new_people) + len(self.missing_profiles) + len(self.renamed)
            + len(self.changed_profiles)
        )


def _plan(
    people: list[_Person], known: dict[str, _Known], columns: dict[str, str], report: ImportReport
) -> _Plan:
    """Work out what changes and count it; nothing is written here."""
    now = timezone.now()
    fields = [c for c in PROFILE_COLUMNS if c in columns]
    if "manager_email" in columns:
        fields.append("manager_id")
    plan = _Plan(fields=fields)
    lang_names: dict[int, str] = {}
    if "languages" in columns:
        plan.lang_links = m2m_links(Profile.languages.through, "profile_id", "language_id")
        lang_names = {pk: name.lower() for pk, name in Language.objects.values_list("pk", "name")}
    for person in people:
        existing = known.get(person.email)
        if person.languages is not None:
            profile_id = existing.profile_id if existing else None
            current = {lang_names[pk] for pk in plan.lang_links.get(profile_id or 0, {})}
            if current != {name.lower() for name in person.languages}:
                plan.languages[person.email] = person.languages
        if existing is None:
            plan.new_people.append(person)
            continue
        changed = person.email in plan.languages
        if existing.full_name != person.full_name:
            plan.renamed.append(User(pk=existing.user_id, full_name=person.full_name))
            changed = True
        values = _profile_values(person, known)
        if existing.profile_id is None:
            plan.missing_profiles.append(person)
            changed = True
        elif any(existing.profile[k] != v for k, v in values.items()):
            merged = {k: existing.profile[k] for k in fields} | values
            plan.changed_profiles.append(Profile(pk=existing.profile_id, updated_at=now, **merged))
            changed = True
        if changed:
            report.updated += 1
        else:
            report.unchanged += 1
    report.created = len(plan.new_people)
    return plan


def _profile_values(person: _Person, known: dict[str, _Known]) -> dict[str, Any]:
    """The profile fields this row sets; a manager new in the file is named by email for now."""
    values = dict(person.profile)
    if person.manager_email is not None:
        manager = known.get(person.manager_email)
        values["manager_id"] = manager.user_id if manager else (person.manager_email or None)
    return values


def _write(plan: _Plan, known: dict[str, _Known], progress: Progress | None) -> None:
    """Write the plan with bulk statements only."""
    if progress:
        progress("writing", 0, plan.size)
    users = [
        User(email=p.email, full_name=p.full_name, password=unusable_password())
        for p in plan.new_people
    ]
    User.objects.bulk_create(users, batch_size=BATCH)
    user_ids = {email: k.user_id for email, k in known.items()}
    user_ids.update(ids_by(User, "email", users))
    for profile in plan.changed_profiles:
        if isinstance(profile.manager_id, str):
            profile.manager_id = user_ids[profile.manager_id]
    User.objects.bulk_update(plan.renamed, ["full_name"], batch_size=BATCH)
    if plan.changed_profiles:
        Profile.objects.bulk_update(
            plan.changed_profiles, [*plan.fields, "updated_at"], batch_size=BATCH
        )
    profiles = []
    for person in [*plan.new_people, *plan.missing_profiles]:
        values = _profile_values(person, known)
        if isinstance(values.get("manager_id"), str):
            values["manager_id"] = user_ids[values["manager_id"]]
        profiles.append(Profile(user_id=user_ids[person.email], **values))
    Profile.objects.bulk_create(profiles, batch_size=BATCH)
    if plan.languages:
        email_of = {user_id: email for email, user_id in user_ids.items()}
        profile_ids = {email: k.profile_id for email, k in known.items() if k.profile_id}
        for user_id, pk in ids_by(Profile, "user_id", profiles).items():
            profile_ids[email_of[user_id]] = pk
        names = {name for names in plan.languages.values() for name in names}
        ids = names_to_ids(Language, names, title=True)
        wanted = {
            profile_ids[email]: {ids[name.lower()] for name in names}
            for email, names in plan.languages.items()
        }
        m2m_sync(Profile.languages.through, "profile_id", "language_id", plan.lang_links, wanted)
    if progress:
        progress("writing", plan.size, plan.size)


def ids_by(model: Any, key: str, created: list[Any]) -> dict[Any, int]:
    """{key value: pk} of rows just bulk-created (asked again where the database cannot say)."""
    if all(obj.pk is not None for obj in created):
        return {getattr(obj, key): obj.pk for obj in created}
    ids: dict[Any, int] = {}
    for chunk in chunked([getattr(obj, key) for obj in created]):
        ids.update(model.objects.filter(**{f"{key}__in": chunk}).values_list(key, "pk"))
    return ids
