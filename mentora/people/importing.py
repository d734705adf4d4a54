"""HRIS import of people: check every row of a file, then upsert users and profiles in bulk.

Set-based on purpose (100,000 people in well under 30 s): the organization is read once
into memory, every row is checked against it, and only then are users, profiles and
language links written, a few thousand rows per statement, all in one transaction.
The column rules are documented in docs/import.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.urls import reverse

from mentora.accounts.models import User
from mentora.accounts.services import user_set_program_staff
from mentora.audit.services import audit_record
from mentora.lib import clock
from mentora.lib.bulk import (
    chunked,
    ids_by,
    insert_rows,
    m2m_links,
    m2m_sync,
    names_to_ids,
    unusable_password,
    update_rows,
)
from mentora.lib.errors import DomainError
from mentora.lib.hooks import Hook
from mentora.lib.tabular import (
    CellError,
    ImportRejected,
    ImportReport,
    Problem,
    Progress,
    Table,
    match_columns,
    parse_choice,
    parse_email,
    parse_int,
    parse_names,
    parse_text,
    parse_timezone,
    sort_problems,
    suggest,
)
from mentora.notifications.links import absolute
from mentora.notifications.messages import notify
from mentora.notifications.preferences import send_after
from mentora.people.models import Language, Level, Profile, RoleChange
from mentora.people.permissions import can_import_people

# A leaver's live relationships end through relationships' own services; relationships sits
# above people and answers both hooks from its AppConfig.ready(). Unanswered: none to end.
live_relationship_counts: Hook[[list[int]], dict[int, int]] = Hook(
    "people.live_relationship_counts", default=lambda user_ids: {}
)
leaver_relationships_end: Hook[..., list[tuple[Any, Any]]] = Hook(
    "people.leaver_relationships_end", default=lambda **kw: []
)

COLUMNS = (
    "email", "full_name", "job_title", "department", "manager_email", "location", "timezone",
    "languages", "years_experience", "level", "status", "end_date", "employee_id", "hire_date",
    "program_staff",  # h17a: yes/no; empty keeps what is set (see _program_staff_cell)
)
# A `status` cell that says the person has left; an empty cell or any of ACTIVE_STATUSES
# says they work here. Anything else is an error naming both lists.
LEFT_STATUSES = frozenset(
    {"left", "leaver", "inactive", "terminated", "departed", "former", "ended", "resigned",
     "retired"}
)
ACTIVE_STATUSES = frozenset({"active", "employed", "current", "on leave", "leave"})
# Fields whose change makes a person a "mover", recorded as people.RoleChange rows.
ROLE_FIELDS = {"job_title": "job_title", "department": "department", "manager_id": "manager",
               "level": "level"}
REQUIRED_COLUMNS = ("email", "full_name")
# Organization facts: an empty cell clears them. The other columns describe things people
# also set on their own profile, so an empty cell keeps what is there.
TEXT_COLUMNS = {"job_title": 200, "department": 120, "location": 120, "employee_id": 64}
SELF_DESCRIBED = ("timezone", "languages", "years_experience", "level", "hire_date")
PROFILE_COLUMNS = ("job_title", "department", "location", "timezone", "years_experience", "level",
                   "employee_id", "hire_date")
PROFILE_DEFAULTS = {
    f.name: f.get_default() for f in Profile._meta.concrete_fields if f.name in PROFILE_COLUMNS
}
PROGRESS_EVERY = 5000


# ---------------------------------------------------------------- the people import


@dataclass
class _Known:
    """A person already in Mentora, as read once at the start of the import."""

    user_id: int
    full_name: str
    is_active: bool
    profile_id: int | None
    profile: dict[str, Any]
    privileged: bool = False  # an organization admin, staff or superuser account


@dataclass
class _Person:
    """A checked row: what the file says about one person."""

    line: int
    email: str
    full_name: str
    profile: dict[str, Any]
    manager_email: str | None  # None: the file has no manager column; "": no manager
    languages: list[str] | None  # None: keep the person's languages
    leaves: str = ""  # why the file says this person has left ("" = they have not)


def _load_people() -> dict[str, _Known]:
    fields = [f"profile__{name}" for name in (*PROFILE_COLUMNS, "manager_id")]
    people: dict[str, _Known] = {}
    rows = User.objects.values_list(
        "id", "email", "full_name", "is_active", "is_org_admin", "is_staff", "is_superuser",
        "profile__id", *fields,
    ).order_by()
    for user_id, email, full_name, is_active, admin, staff, superuser, profile_id, *values in (
        rows.iterator(chunk_size=5000)
    ):
        profile = dict(zip((*PROFILE_COLUMNS, "manager_id"), values, strict=True))
        people[email.lower()] = _Known(
            user_id, full_name, is_active, profile_id, profile, admin or staff or superuser
        )
    return people


def _parse_date(value: str) -> date:
    """A date as 2026-03-31 (a spreadsheet date cell reads the same)."""
    try:
        return datetime.fromisoformat(value.strip()).date()
    except ValueError:
        raise CellError(
            f"“{value}” is not a date written as YYYY-MM-DD (e.g. 2026-03-31)."
        ) from None


def _leaving(
    line: int, cells: dict[str, str], columns: dict[str, str], today: date,
    errors: list[Problem], warnings: list[Problem],
) -> str:
    """Why a row says its person has left ("" when it does not): a status or a past end date."""
    reason = ""
    if "status" in columns:
        raw = cells.get(columns["status"], "")
        status = " ".join(raw.split()).lower()
        if status in LEFT_STATUSES:
            reason = f"status “{raw.strip()}”"
        elif status and status not in ACTIVE_STATUSES:
            errors.append(
                Problem(
                    line,
                    columns["status"],
                    f"“{raw}” is not a status; leave it empty or use one of "
                    f"{', '.join(sorted(ACTIVE_STATUSES))} for people who work here, or one of "
                    f"{', '.join(sorted(LEFT_STATUSES))} for people who have left.",
                )
            )
    if "end_date" in columns and cells.get(columns["end_date"], "").strip():
        try:
            ends = _parse_date(cells[columns["end_date"]])
        except CellError as exc:
            errors.append(Problem(line, columns["end_date"], str(exc)))
        else:
            if ends <= today:
                reason = reason or f"end date {ends.isoformat()}"
            else:
                warnings.append(
                    Problem(
                        line,
                        columns["end_date"],
                        f"leaves on {ends.isoformat()}: still active until then; import a "
                        "file after that date to apply it.",
                    )
                )
    return reason


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
        if not raw and name in SELF_DESCRIBED:
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
    parse("hire_date", _parse_date)
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


@dataclass
class PeopleImportReport(ImportReport):
    """An import's counts plus who joins, who moves (and how) and who leaves."""

    joiners: list[dict[str, Any]] = field(default_factory=list)  # {line, email, full_name}
    movers: list[dict[str, Any]] = field(default_factory=list)  # {…, changes: [{field, old, new}]}
    leavers: list[dict[str, Any]] = field(default_factory=list)  # {…, reason, relationships}
    not_in_file: int = 0  # active people in Mentora the file does not name
    whole_organization: bool = False

    def people_summary(self) -> str:
        """Joiners, movers and leavers in one line (summary() keeps the row counts)."""
        would = "would " if self.dry_run else ""
        text = (
            f"People: {len(self.joiners):,} {would}join, {len(self.movers):,} {would}move, "
            f"{len(self.leavers):,} {would}leave."
        )
        if self.not_in_file and not self.whole_organization:
            text += (
                f" {self.not_in_file:,} active people are not in the file and are left alone; "
                "if the file is the whole organization, import it as such to treat them as "
                "leavers."
            )
        return text


@transaction.atomic
def people_import(
    *,
    table: Table,
    by: Any | None,
    dry_run: bool = False,
    whole_organization: bool = False,
    progress: Progress | None = None,
) -> PeopleImportReport:
    """Upsert people (users + profiles) by email from an HRIS file; all or nothing.

    Joiners are added, movers' changes of title, department, manager or level are recorded
    as RoleChange rows, and leavers — rows whose status or past end date says so, and with
    `whole_organization` also active people the file does not name — are deactivated after
    their live relationships are ended (the other side is emailed).

    ``by`` is the organization admin importing, or None for the command line (whoever
    can run it already controls the installation); ending relationships needs a person, so
    leavers from the command line need one (`--as`). Raises ImportRejected listing every
    problem, with nothing written; on a dry run checks and reports but writes nothing.
    """
    if by is not None and not can_import_people(by):
        raise DomainError("Only organization admins can import people.", code="forbidden")
    columns, other, errors = match_columns(
        table.headers, known=COLUMNS, required=REQUIRED_COLUMNS, line=table.header_line
    )
    now = clock.now()
    report = PeopleImportReport(
        rows=len(table.rows), dry_run=dry_run, whole_organization=whole_organization
    )
    report.warnings += _unused_columns(table, other)
    if errors:
        raise ImportRejected(errors)
    known = _load_people()
    people: list[_Person] = []
    staff: dict[str, bool] = {}
    first_line: dict[str, int] = {}
    for index, row in enumerate(table.rows, start=1):
        person = _check_row(row.line, row.cells, columns, errors)
        if person is not None and ("status" in columns or "end_date" in columns):
            person.leaves = _leaving(
                row.line, row.cells, columns, now.date(), errors, report.warnings
            )
        if person is not None and "program_staff" in columns:
            _program_staff_cell(row.line, row.cells, columns, person.email, staff, errors)
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
    plan = _plan(people, known, columns, report, now)
    leavers = _leavers(people, known, first_line, by, whole_organization, report, columns)
    if dry_run:
        if leavers and by is None:
            report.warnings.append(
                Problem(None, None, "applying leavers from the command line needs --as "
                        "<organization admin email>: relationships are ended in their name.")
            )
        return report
    if leavers and by is None:
        raise DomainError(
            f"{len(leavers):,} people would leave, and their relationships are ended in "
            "someone's name: give --as <organization admin email>. Nothing was imported.",
            field="as",
        )
    try:
        with transaction.atomic():
            _write(plan, known, progress)
            insert_rows(RoleChange, plan.role_changes + _left_rows(leavers, now))
            _program_staff_apply(staff, by)
    except IntegrityError as exc:
        raise DomainError(
            "Someone changed people in Mentora while the import ran; nothing was imported. "
            "Run the import again.",
            code="conflict",
        ) from exc
    if leavers:
        leavers_apply(leavers=leavers, by=by, now=now)
    if report.created or report.updated or report.leavers:
        audit_record(
            actor=by,
            action="people.import",
            target_type="accounts.user",
            target_id=None,
            details={
                "rows": report.rows,
                "created": report.created,
                "updated": report.updated,
                # The round trip's counts, only when there is something to count.
                **{
                    key: value
                    for key, value in (
                        ("movers", len(report.movers)),
                        ("role_changes", len(plan.role_changes)),
                        ("leavers", len(report.leavers)),
                        ("whole_organization", whole_organization),
                    )
                    if value
                },
            },
        )
    return report


def _leavers(
    people: list[_Person],
    known: dict[str, _Known],
    in_file: dict[str, int],
    by: Any | None,
    whole_organization: bool,
    report: PeopleImportReport,
    columns: dict[str, str],
) -> list[tuple[int, str]]:
    """(user id, reason) of everyone leaving; lists them on the report. Writes nothing.

    A row marked as left applies to that person whatever the file covers. People missing
    from the file only leave when the file is the whole organization, and never the person
    importing or an admin/staff account (a warning names them instead).
    """
    chosen: list[tuple[str, int, str]] = []  # (email, line, reason)
    for person in people:
        existing = known.get(person.email)
        if not person.leaves or existing is None or not existing.is_active:
            continue
        if by is not None and existing.user_id == by.pk:
            raise ImportRejected(
                [Problem(person.line, columns.get("status") or columns.get("end_date"),
                         "this row marks you as having left; you cannot deactivate yourself "
                         "(ask another organization admin).")]
            )
        chosen.append((person.email, person.line, f"The HR file says so ({person.leaves})."))
    absent = [
        (email, k) for email, k in known.items() if k.is_active and email not in in_file
    ]
    report.not_in_file = len(absent)
    if whole_organization:
        for email, k in absent:
            if k.privileged or (by is not None and k.user_id == by.pk):
                report.warnings.append(
                    Problem(None, None, f"{email} is not in the file but is an administrator "
                            "account; it stays active (deactivate it by hand if they left).")
                )
                continue
            chosen.append((email, 0, "Not in the HR file of the whole organization."))
        active = sum(1 for k in known.values() if k.is_active)
        if active and len(absent) * 2 > active:
            report.warnings.append(
                Problem(None, None, f"{len(absent):,} of {active:,} active people are not in "
                        "this file: is it really the whole organization?")
            )
    if not chosen:
        return []
    ids = [known[email].user_id for email, _, _ in chosen]
    live = live_relationship_counts(ids)
    for email, line, reason in chosen:
        k = known[email]
        report.leavers.append(
            {"line": line or None, "email": email, "full_name": k.full_name, "reason": reason,
             "relationships": live.get(k.user_id, 0)}
        )
    return [(known[email].user_id, reason) for email, _, reason in chosen]


def _left_rows(leavers: list[tuple[int, str]], now: datetime) -> list[dict[str, Any]]:
    """A RoleChange row per leaver, so outcomes can count who left and when."""
    return [
        {"person_id": user_id, "at": now, "field": RoleChange.Field.STATUS, "old": "active",
         "new": "left"}
        for user_id, _ in leavers
    ]


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
    renamed: list[dict[str, Any]] = field(default_factory=list)
    changed_profiles: list[dict[str, Any]] = field(default_factory=list)
    languages: dict[str, list[str]] = field(default_factory=dict)
    lang_links: dict[int, dict[int, int]] = field(default_factory=dict)
    role_changes: list[dict[str, Any]] = field(default_factory=list)  # RoleChange rows

    @property
    def size(self) -> int:
        return (
            len(self.new_people) + len(self.missing_profiles) + len(self.renamed)
            + len(self.changed_profiles)
        )


def _plan(
    people: list[_Person],
    known: dict[str, _Known],
    columns: dict[str, str],
    report: PeopleImportReport,
    now: datetime,
) -> _Plan:
    """Work out what changes — joiners, movers and their role changes — and count it."""
    fields = [c for c in PROFILE_COLUMNS if c in columns]
    if "manager_email" in columns:
        fields.append("manager_id")
    plan = _Plan(fields=fields)
    email_of = (
        {k.user_id: email for email, k in known.items()} if "manager_email" in columns else {}
    )
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
            if person.leaves:
                report.warnings.append(
                    Problem(person.line, columns["email"], f"{person.email} is not in Mentora and "
                            "has left; added as deactivated, so that manager links resolve.")
                )
            else:
                report.joiners.append(
                    {"line": person.line, "email": person.email, "full_name": person.full_name}
                )
            continue
        changed = person.email in plan.languages
        if existing.full_name != person.full_name:
            plan.renamed.append({"pk": existing.user_id, "full_name": person.full_name})
            changed = True
        values = _profile_values(person, known)
        if existing.profile_id is None:
            plan.missing_profiles.append(person)
            changed = True
        elif any(existing.profile[k] != v for k, v in values.items()):
            merged = {k: existing.profile[k] for k in fields} | values
            plan.changed_profiles.append({"pk": existing.profile_id, "updated_at": now, **merged})
            changed = True
            _moves(person, existing, values, email_of, plan, report, now)
        if changed:
            report.updated += 1
        else:
            report.unchanged += 1
    report.created = len(plan.new_people)
    return plan


def _moves(
    person: _Person,
    existing: _Known,
    values: dict[str, Any],
    email_of: dict[int, str],
    plan: _Plan,
    report: PeopleImportReport,
    now: datetime,
) -> None:
    """Record a mover's title, department, manager and level changes (RoleChange rows)."""
    changes = []
    for key, name in ROLE_FIELDS.items():
        if key not in values or existing.profile[key] == values[key]:
            continue
        old, new = existing.profile[key], values[key]
        if key == "manager_id":  # by email; a manager new in the file is named by email already
            old = email_of.get(old, "") if old else ""
            new = new if isinstance(new, str) else email_of.get(new, "") if new else ""
        changes.append({"field": name, "old": old or "", "new": new or ""})
    labels = dict(RoleChange.Field.choices)
    if not changes:
        return
    report.movers.append(
        {"line": person.line, "email": person.email, "full_name": person.full_name,
         "changes": [{**c, "label": labels[c["field"]]} for c in changes]}
    )
    plan.role_changes += [{"person_id": existing.user_id, "at": now, **c} for c in changes]


def _profile_values(person: _Person, known: dict[str, _Known]) -> dict[str, Any]:
    """The profile fields this row sets; a manager new in the file is named by email for now."""
    values = dict(person.profile)
    if person.manager_email is not None:
        manager = known.get(person.manager_email)
        values["manager_id"] = manager.user_id if manager else (person.manager_email or None)
    return values


def _write(plan: _Plan, known: dict[str, _Known], progress: Progress | None) -> None:
    """Write the plan: a handful of bulk statements, whatever the number of rows."""
    if progress:
        progress("writing", 0, plan.size)
    insert_rows(
        User,
        [
            {
                "email": p.email,
                "full_name": p.full_name,
                "password": unusable_password(),
                "is_active": not p.leaves,
            }
            for p in plan.new_people
        ],
    )
    user_ids = {email: k.user_id for email, k in known.items()}
    user_ids.update(ids_by(User, "email", [p.email for p in plan.new_people]))
    update_rows(User, ["full_name"], plan.renamed)
    for row in plan.changed_profiles:
        if isinstance(row.get("manager_id"), str):  # a manager new in this file
            row["manager_id"] = user_ids[row["manager_id"]]
    update_rows(Profile, [*plan.fields, "updated_at"], plan.changed_profiles)
    new_profiles = []
    for person in [*plan.new_people, *plan.missing_profiles]:
        values = PROFILE_DEFAULTS | person.profile
        manager = _profile_values(person, known).get("manager_id")
        values["manager_id"] = user_ids[manager] if isinstance(manager, str) else manager
        new_profiles.append({"user_id": user_ids[person.email], **values})
    insert_rows(Profile, new_profiles)
    if plan.languages:
        profile_ids = {email: k.profile_id for email, k in known.items() if k.profile_id}
        created = ids_by(Profile, "user_id", [row["user_id"] for row in new_profiles])
        email_of = {user_ids[p.email]: p.email for p in [*plan.new_people, *plan.missing_profiles]}
        profile_ids.update({email_of[user_id]: pk for user_id, pk in created.items()})
        names = {name for names in plan.languages.values() for name in names}
        ids = names_to_ids(Language, names, title=True)
        wanted = {
            profile_ids[email]: {ids[name.lower()] for name in names}
            for email, names in plan.languages.items()
        }
        m2m_sync(Profile.languages.through, "profile_id", "language_id", plan.lang_links, wanted)
    if progress:
        progress("writing", plan.size, plan.size)



# ---------------------------------------------------------------- program staff (h17a)

YES = frozenset({"yes", "y", "true", "1", "x"})
NO = frozenset({"no", "n", "false", "0"})


def _program_staff_cell(
    line: int, cells: dict[str, str], columns: dict[str, str], email: str,
    staff: dict[str, bool], errors: list[Problem],
) -> None:
    """Read the `program_staff` cell: yes or no; an empty cell keeps what is set."""
    raw = cells.get(columns["program_staff"], "")
    value = raw.strip().lower()
    if not value:
        return
    if value in YES or value in NO:
        staff[email] = value in YES
        return
    errors.append(
        Problem(line, columns["program_staff"], f"“{raw}” is not yes or no; leave it empty "
                "to keep what is set.")
    )


def _program_staff_apply(staff: dict[str, bool], by: Any | None) -> None:
    """Grant or revoke program staff where the file changes it (each change audited)."""
    if not staff:
        return
    changing = [
        user
        for user in User.objects.filter(email__in=list(staff))
        if user.is_program_staff != staff[user.email.lower()]
    ]
    for user in changing:
        user_set_program_staff(user=user, is_program_staff=staff[user.email.lower()], by=by)


# ---------------------------------------------------------------- leavers


@transaction.atomic
def leavers_apply(*, leavers: list[tuple[int, str]], by: Any, now: datetime) -> int:
    """End each leaver's live relationships through the relationship services, email the
    other side, then deactivate the leavers; returns how many relationships ended.

    A request still waiting for an answer is declined; an accepted, active or paused
    relationship ends early. The reason names the leaver and why, so the pair's log and
    the program manager's pages tell the story. `by` is the organization admin applying it.
    """
    leaving = {user_id for user_id, _ in leavers}
    ended = leaver_relationships_end(leaving=leaving, by=by, now=now)
    for rel, person in ended:
        other = rel.other_member(person)
        if other.pk in leaving or not other.is_active:
            continue
        page = absolute(reverse("relationships:detail", args=[rel.pk]))
        notify(
            to=other,
            kind="people.relationship_ended",
            context={
                "person": person,
                "relationship": rel,
                "program": rel.program,
                "page": page,
            },
            available_at=send_after(user=other, now=now),
            dedupe_key=f"leaver:{rel.pk}:{other.pk}",
            now=now,
        )
    for chunk in chunked(sorted(leaving)):
        User.objects.filter(pk__in=chunk).update(is_active=False)
    return len(ended)
