"""A layer above the people import: read an HR system's own headers and levels.

An HR export names its columns its own way ("Work Email", "First Name", "Job Level") and
writes levels in the company's own scale ("8", "L5", "Band 3"). Here the file's headers are
recognised (common HRIS names, then the columns an admin mapped once and saved), first and
last names are joined, a manager given by employee id is found by email, and each level is
read through the level table the admin fills. The result is the table `people_import`
reads; every problem still names the line and the column as written in the file.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from mentora.accounts.models import User
from mentora.audit.services import audit_record
from mentora.lib.errors import DomainError
from mentora.lib.tabular import (
    ImportRejected,
    Problem,
    Progress,
    Row,
    Table,
    sort_problems,
)
from mentora.people.import_models import ImportSettings
from mentora.people.importing import PeopleImportReport, people_import
from mentora.people.models import Level, Profile
from mentora.people.permissions import can_import_people

# Mentora's columns as a person reads them, in the order the mapping page lists them.
COLUMN_LABELS: dict[str, str] = {
    "email": "Work email",
    "full_name": "Full name",
    "first_name": "First name",
    "last_name": "Last name",
    "employee_id": "Employee number",
    "job_title": "Job title",
    "department": "Department",
    "manager_email": "Manager's email",
    "manager_id": "Manager's employee number",
    "level": "Level or grade",
    "location": "Location",
    "timezone": "Time zone",
    "languages": "Languages",
    "hire_date": "Hire date",
    "years_experience": "Years of experience",
    "status": "Employment status",
    "end_date": "Last working day",
}

# Headers HR systems commonly use (Workday, BambooHR, Personio, HiBob, SAP SuccessFactors…),
# normalized: lower case, every run of other characters one underscore.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "email": ("email", "work_email", "email_address", "work_email_address", "business_email",
              "e_mail", "company_email", "primary_work_email", "office_email", "work_e_mail"),
    "full_name": ("full_name", "name", "employee_name", "display_name", "preferred_name",
                  "legal_name", "worker_name", "employee_full_name", "full_legal_name"),
    "first_name": ("first_name", "firstname", "given_name", "forename", "legal_first_name",
                   "preferred_first_name"),
    "last_name": ("last_name", "lastname", "surname", "family_name", "legal_last_name"),
    "employee_id": ("employee_id", "employee_number", "employee_no", "emp_id", "emp_no",
                    "worker_id", "staff_id", "personnel_number", "person_number", "employee_code",
                    "id"),
    "job_title": ("job_title", "title", "position", "position_title", "business_title",
                  "job", "role", "job_name"),
    "department": ("department", "dept", "department_name", "team", "business_unit",
                   "division", "org_unit", "organizational_unit", "organisation_unit"),
    "manager_email": ("manager_email", "manager_work_email", "manager_email_address",
                      "supervisor_email", "line_manager_email", "reports_to_email"),
    "manager_id": ("manager_id", "manager_employee_id", "manager_employee_number",
                   "manager_number", "supervisor_id", "supervisor_employee_id",
                   "line_manager_id", "reports_to", "reports_to_id"),
    "level": ("level", "job_level", "grade", "job_grade", "pay_grade", "band", "job_band",
              "career_level", "seniority", "seniority_level", "management_level"),
    "location": ("location", "office", "work_location", "site", "office_location", "city",
                 "work_site"),
    "timezone": ("timezone", "time_zone", "tz"),
    "languages": ("languages", "language", "spoken_languages", "working_languages"),
    "hire_date": ("hire_date", "date_of_hire", "hired_on", "date_hired", "start_date",
                  "original_hire_date", "employment_start_date", "join_date", "joined_on"),
    "years_experience": ("years_experience", "years_of_experience", "experience_years"),
    "status": ("status", "employment_status", "employee_status", "worker_status"),
    "end_date": ("end_date", "termination_date", "last_day", "last_working_day",
                 "leaving_date", "separation_date", "exit_date"),
}
_BY_SYNONYM = {name: column for column, names in SYNONYMS.items() for name in names}
LEVEL_LABELS = dict(Level.choices)


def normalize(text: str) -> str:
    """"Work E-mail ", "work_email" and "WORK EMAIL" all become "work_email"."""
    return re.sub(r"[^0-9a-z]+", "_", text.strip().lower()).strip("_")


def normalize_level(text: str) -> str:
    """How a level is looked up in the table: "Band 3", "band-3" and " BAND 3" are the same."""
    return " ".join(re.sub(r"[_\-]+", " ", text).split()).lower()


def import_settings() -> ImportSettings:
    """The organization's saved mapping, level table and invitation text (created empty)."""
    settings, _ = ImportSettings.objects.get_or_create(pk=1)
    return settings


# ---------------------------------------------------------------- saving what the admin chose


@transaction.atomic
def column_map_save(*, choices: dict[str, str], by: Any) -> ImportSettings:
    """Save how the organization's own headers map to Mentora's columns ("" = ignore)."""
    _allowed(by)
    problems = []
    cleaned: dict[str, str] = {}
    for header, column in choices.items():
        key = normalize(header)
        if not key:
            continue
        if column and column not in COLUMN_LABELS:
            problems.append(f"“{column}” is not a column Mentora keeps (for “{header}”)")
            continue
        cleaned[key] = column
    if problems:
        raise DomainError("; ".join(problems) + ".", field="columns")
    settings = import_settings()
    settings.column_map = {**settings.column_map, **cleaned}
    settings.updated_by = by
    settings.save()
    audit_record(actor=by, action="people.import_columns", target_type="people.importsettings",
                 target_id=settings.pk, details={"columns": len(cleaned)})
    return settings


@transaction.atomic
def level_map_save(*, levels: dict[str, str], by: Any, replace: bool = False) -> ImportSettings:
    """Save what the company's own levels mean in Mentora ("8" → senior); "" removes one."""
    _allowed(by)
    problems = []
    cleaned: dict[str, str] = {}
    for value, level in levels.items():
        key = normalize_level(value)
        if not key:
            continue
        if level and level not in LEVEL_LABELS:
            problems.append(
                f"“{level}” is not a Mentora level (for “{value}”); use one of "
                f"{', '.join(LEVEL_LABELS)}"
            )
            continue
        cleaned[key] = level
    if problems:
        raise DomainError("; ".join(problems) + ".", field="levels")
    settings = import_settings()
    merged = {} if replace else dict(settings.level_map)
    merged.update(cleaned)
    settings.level_map = {k: v for k, v in sorted(merged.items()) if v}
    settings.updated_by = by
    settings.save()
    audit_record(actor=by, action="people.import_levels", target_type="people.importsettings",
                 target_id=settings.pk, details={"levels": len(settings.level_map)})
    return settings


@transaction.atomic
def welcome_text_save(*, text: str, by: Any) -> ImportSettings:
    """Save the welcome paragraph invitation emails start with."""
    _allowed(by)
    text = text.strip()
    if len(text) > 2000:
        raise DomainError("The welcome text is longer than 2,000 characters.", field="welcome_text")
    settings = import_settings()
    settings.welcome_text = text
    settings.updated_by = by
    settings.save()
    return settings


def _allowed(by: Any) -> None:
    if by is not None and not can_import_people(by):
        raise DomainError("Only organization admins can change the import settings.",
                          code="forbidden")


# ---------------------------------------------------------------- reading a file


@dataclass
class Mapping:
    """How a file's headers were read, and the table `people_import` gets."""

    table: Table
    header_of: dict[str, str]  # Mentora column → the file's header(s), for messages
    recognised: list[tuple[str, str, str]] = field(default_factory=list)  # header, column, how
    ignored: list[str] = field(default_factory=list)  # headers read as nothing
    unknown_levels: dict[str, int] = field(default_factory=dict)  # value → rows using it
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


def _column_for(header: str, saved: dict[str, str]) -> tuple[str | None, str]:
    key = normalize(header)
    if key in saved:
        return (saved[key] or None), "saved"
    if key in _BY_SYNONYM:
        return _BY_SYNONYM[key], "recognised"
    return None, ""


def map_headers(table: Table, *, saved: dict[str, str]) -> Mapping:
    """Read the file's headers as Mentora's columns and rebuild its rows under them."""
    source: dict[str, str] = {}  # column → header as written
    mapping = Mapping(table=table, header_of={})
    for header in table.headers:
        if not header.strip():
            continue
        column, how = _column_for(header, saved)
        if column is None:
            if how != "saved":
                mapping.ignored.append(header)
            continue
        if column in source:
            mapping.problems.append(
                Problem(table.header_line, header,
                        f"this column and “{source[column]}” both hold "
                        f"{COLUMN_LABELS[column].lower()}; keep one, or map one to “Ignore”.")
            )
            continue
        source[column] = header
        mapping.recognised.append((header, column, how))
    # Only "Full name" or first and last names together make a name.
    if "full_name" in source:
        for part in ("first_name", "last_name"):
            if part in source:
                mapping.warnings.append(Problem(table.header_line, source.pop(part),
                                                "not used: the full name column gives the name."))
    # An employee id given as the manager's email makes no sense the other way round.
    if "manager_email" in source and "manager_id" in source:
        mapping.warnings.append(
            Problem(table.header_line, source["manager_id"],
                    "used only where the manager's email is empty.")
        )
    header_of = {column: header for column, header in source.items()}
    if "full_name" not in source and ("first_name" in source or "last_name" in source):
        header_of["full_name"] = " + ".join(
            source[p] for p in ("first_name", "last_name") if p in source
        )
    if "manager_id" in source:
        header_of.setdefault("manager_email", source["manager_id"])
    columns = [c for c in COLUMN_LABELS if c in header_of and c not in
               ("first_name", "last_name", "manager_id")]
    rows = []
    for row in table.rows:
        cells = {column: row.cells.get(source[column], "") for column in columns
                 if column in source}
        if "full_name" not in source:
            cells["full_name"] = " ".join(
                " ".join(row.cells.get(source[p], "").split())
                for p in ("first_name", "last_name") if p in source
            ).strip()
        if "manager_id" in source:
            cells["_manager_id"] = row.cells.get(source["manager_id"], "").strip()
            cells.setdefault("manager_email", "")
        rows.append(Row(line=row.line, cells=cells))
    mapping.table = Table(headers=columns, rows=rows, header_line=table.header_line)
    mapping.header_of = header_of
    return mapping


def map_levels(mapping: Mapping, *, levels: dict[str, str]) -> None:
    """Read each level through the level table; unknown ones become problems and are listed."""
    if "level" not in mapping.table.headers:
        return
    lookup = {label.lower(): value for value, label in LEVEL_LABELS.items()}
    lookup.update({value: value for value in LEVEL_LABELS})
    column = mapping.header_of.get("level", "level")
    for row in mapping.table.rows:
        raw = row.cells.get("level", "")
        key = normalize_level(raw)
        if not key:
            continue
        level = levels.get(key) or lookup.get(key)
        if level:
            row.cells["level"] = level
            continue
        row.cells["level"] = ""  # reported here, once; the import must not report it again
        mapping.unknown_levels[raw.strip()] = mapping.unknown_levels.get(raw.strip(), 0) + 1
        mapping.problems.append(
            Problem(row.line, column,
                    f"“{raw.strip()}” is not in your level table yet; say which of Mentora's "
                    "levels it means (under “Levels in your file” on the import page, or in "
                    "Import settings) and check again.")
        )


def map_managers(mapping: Mapping) -> None:
    """A manager given by employee number becomes their email (in the file or in Mentora)."""
    rows = mapping.table.rows
    if not rows or "_manager_id" not in rows[0].cells:
        return
    column = mapping.header_of.get("manager_email", "manager")
    in_file: dict[str, str] = {}
    if "employee_id" in mapping.table.headers:
        for row in rows:
            number = row.cells.get("employee_id", "").strip()
            email = row.cells.get("email", "").strip().lower()
            if number and email:
                in_file.setdefault(number.lower(), email)
    wanted = {
        row.cells["_manager_id"].lower() for row in rows
        if row.cells["_manager_id"] and not row.cells.get("manager_email")
    } - set(in_file)
    known: dict[str, str] = {}
    if wanted:
        for number, email in Profile.objects.filter(
            employee_id__in=_case_variants(wanted)
        ).values_list("employee_id", "user__email"):
            known.setdefault(number.lower(), email)
    for row in rows:
        number = row.cells.pop("_manager_id")
        if not number or row.cells.get("manager_email"):
            continue
        found = in_file.get(number.lower()) or known.get(number.lower())
        if found:
            row.cells["manager_email"] = found
        else:
            mapping.problems.append(
                Problem(row.line, column,
                        f"no one with the employee number “{number}” is in this file or in "
                        "Mentora.")
            )
    if "manager_email" not in mapping.table.headers:
        mapping.table.headers.append("manager_email")


def _case_variants(values: Iterable[str]) -> list[str]:
    out = set()
    for value in values:
        out |= {value, value.upper(), value.lower()}
    return sorted(out)


def map_table(table: Table, *, settings: ImportSettings | None = None) -> Mapping:
    """A file as `people_import` reads it, through the saved mapping and level table."""
    settings = settings or import_settings()
    mapping = map_headers(table, saved=settings.column_map)
    map_managers(mapping)
    map_levels(mapping, levels=settings.level_map)
    for header in mapping.ignored:
        mapping.warnings.append(
            Problem(table.header_line, header,
                    "Mentora does not recognise this column, so it was ignored; map it on the "
                    "import page if it holds something Mentora keeps.")
        )
    return mapping


def _translate(problems: list[Problem], header_of: dict[str, str]) -> list[Problem]:
    """Problems named by Mentora's columns, renamed to the file's own headers."""
    out = []
    for p in problems:
        column = header_of.get(p.column, p.column) if p.column else p.column
        message = p.message
        if p.column == "full_name" and "+" in (column or ""):
            message = message.replace("the full name is empty", "the first and last names are "
                                      "both empty")
        out.append(Problem(p.line, column, message))
    return out


def fingerprint(data: bytes, settings: ImportSettings, *, whole_organization: bool) -> str:
    """What a check depended on: the file, the saved mapping and levels, and the options."""
    digest = hashlib.sha256(data)
    digest.update(json.dumps([settings.column_map, settings.level_map, whole_organization],
                             sort_keys=True).encode())
    return digest.hexdigest()


@dataclass
class MappedResult:
    """A report together with how the file's headers were read."""

    report: PeopleImportReport
    mapping: Mapping


class MappedImportRejected(ImportRejected):
    """ImportRejected that also carries how the headers were read and the unknown levels."""

    def __init__(self, problems: list[Problem], mapping: Mapping) -> None:
        super().__init__(problems)
        self.mapping = mapping


def people_import_mapped(
    *,
    table: Table,
    by: Any | None,
    dry_run: bool = False,
    whole_organization: bool = False,
    progress: Progress | None = None,
    settings: ImportSettings | None = None,
) -> MappedResult:
    """`people_import` on a file with its own headers and levels; all or nothing.

    Problems found while reading headers, managers and levels are listed with the ones the
    import finds (the import itself is only checked then, never written).
    """
    mapping = map_table(table, settings=settings)
    check_only = dry_run or bool(mapping.problems)
    try:
        report = people_import(
            table=mapping.table, by=by, dry_run=check_only,
            whole_organization=whole_organization, progress=progress,
        )
    except ImportRejected as exc:
        problems = [*mapping.problems, *_translate(exc.problems, mapping.header_of)]
        raise MappedImportRejected(sort_problems(problems, table), mapping) from exc
    if mapping.problems:
        raise MappedImportRejected(sort_problems(mapping.problems, table), mapping)
    report.warnings = [*mapping.warnings, *_translate(report.warnings, mapping.header_of)]
    return MappedResult(report=report, mapping=mapping)


def rows_with_levels(table: Table) -> Table:
    """JSON rows (API) with Mentora's column names, their levels read through the level table."""
    mapping = Mapping(table=table, header_of={c: c for c in table.headers})
    map_levels(mapping, levels=import_settings().level_map)
    if mapping.problems:
        raise MappedImportRejected(mapping.problems, mapping)
    return mapping.table


def joiner_users(report: PeopleImportReport) -> list[User]:
    """The accounts of the people an import just added (for their invitations)."""
    emails = [p["email"] for p in report.joiners]
    return list(User.objects.filter(email__in=emails, is_active=True).order_by("email"))
