"""Import of enrollments into one program: who takes part, in which role, answers, profiles.

Like the people import: the program's enrollments and the people named are read once,
every row is checked (answers through the program's own `clean_answers` rule), and only
then is anything written, in bulk and in one transaction. Columns: docs/import.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from mentora.accounts.models import User
from mentora.audit.services import audit_record
from mentora.lib.bulk import BATCH, chunked, ids_by, m2m_links, m2m_sync, names_to_ids
from mentora.lib.errors import DomainError
from mentora.lib.tabular import (
    CellError,
    ImportRejected,
    ImportReport,
    Problem,
    Progress,
    Table,
    match_columns,
    normalize_header,
    parse_choice,
    parse_email,
    parse_int,
    parse_names,
    parse_text,
    sort_problems,
)
from mentora.people.importing import PROGRESS_EVERY
from mentora.people.models import Cadence, MeetingFormat, Profile, Skill
from mentora.programs.models import ApplicationQuestion, Enrollment, Program
from mentora.programs.permissions import can_manage_program
from mentora.programs.services import clean_answers

ENROLLMENT_COLUMNS = ("email", "role", "capacity", "status")
REQUIRED_COLUMNS = ("email", "role")
# Profile details a program often collects; an empty cell keeps what the person wrote.
LINE_FIELDS = {
    "current_role": 200, "target_role": 200, "industries": 300, "coach_credentials": 200,
    "coaching_focus": 300,
}
TEXT_FIELDS = ("career_path", "career_goals", "experience_summary", "past_roles")
CHOICE_FIELDS = {"cadence": Cadence, "meeting_format": MeetingFormat}
SKILL_FIELDS = ("skills_offered", "skills_wanted")
PROFILE_COLUMNS = (*LINE_FIELDS, *TEXT_FIELDS, *CHOICE_FIELDS, *SKILL_FIELDS)
TEXT_LIMIT = 5000
ROLE_NAMES = {
    "mentee": Enrollment.Role.MENTEE, "coachee": Enrollment.Role.MENTEE,
    "mentee / coachee": Enrollment.Role.MENTEE, "mentor": Enrollment.Role.MENTOR,
    "coach": Enrollment.Role.MENTOR, "mentor / coach": Enrollment.Role.MENTOR,
}
PLACE_TAKING = (Enrollment.Status.APPROVED, Enrollment.Status.PENDING)
QUESTION_ID = re.compile(r"^q:\s*(\d+)$", re.IGNORECASE)


@dataclass
class _Entry:
    """A checked row: one person's enrollment in one role, with answers and profile details."""

    line: int
    user_id: int
    role: str
    status: str | None
    sets_capacity: bool  # False: keep the stored capacity
    capacity: int | None
    answers: dict[str, str]
    profile: dict[str, Any]
    skills: dict[str, list[str]] = field(default_factory=dict)


def _question_columns(
    program: Program, headers: list[str], line: int
) -> tuple[dict[str, ApplicationQuestion], list[str], list[Problem]]:
    """Headers naming the program's questions (by text or `q:<id>`), the rest, and errors."""
    by_id = {str(q.pk): q for q in program.questions.all()}
    by_text = {" ".join(q.text.split()).casefold(): q for q in by_id.values()}
    matched: dict[str, ApplicationQuestion] = {}
    used: dict[int, str] = {}
    rest: list[str] = []
    errors: list[Problem] = []
    for header in headers:
        id_match = QUESTION_ID.match(header.strip())
        if id_match and id_match.group(1) not in by_id:
            errors.append(
                Problem(line, header, f"this program has no question {id_match.group(1)}.")
            )
            continue
        question = by_id[id_match.group(1)] if id_match else by_text.get(
            " ".join(header.split()).casefold()
        )
        if question is None:
            rest.append(header)
        elif question.pk in used:
            errors.append(
                Problem(line, header, f"the question is already answered in “{used[question.pk]}”.")
            )
        else:
            used[question.pk] = header
            matched[header] = question
    return matched, rest, errors


@transaction.atomic
def enrollments_import(
    *,
    program: Program,
    table: Table,
    by: Any | None,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> ImportReport:
    """Upsert a program's enrollments (by email and role) from a file; all or nothing.

    ``by`` is the program manager or organization admin importing (None for the command
    line). Eligibility and the enrollment window do not apply, answers must validate.
    Raises ImportRejected listing every problem, with nothing written.
    """
    if by is not None and not can_manage_program(by, program):
        raise DomainError("Only this program's managers can import enrollments.", code="forbidden")
    program = Program.objects.prefetch_related("questions").get(pk=program.pk)
    known_columns = (*ENROLLMENT_COLUMNS, *PROFILE_COLUMNS)
    line = table.header_line
    columns, other, errors = match_columns(
        table.headers, known=known_columns, required=REQUIRED_COLUMNS, line=line
    )
    questions, other, question_errors = _question_columns(program, other, line)
    errors += question_errors
    report = ImportReport(rows=len(table.rows), dry_run=dry_run)
    report.warnings += [
        Problem(line, header, "this column is neither a known column nor one of the program's "
                "questions, and was ignored.")
        for header in other
        if normalize_header(header)
    ]
    if errors:
        raise ImportRejected(errors)
    existing = {
        (e.user_id, e.role): e for e in Enrollment.objects.filter(program=program).order_by()
    }
    checker = _Checker(
        program=program, columns=columns, questions=questions,
        users=_users_by_email(table, columns["email"]), existing=existing, errors=errors,
        warnings=report.warnings,
    )
    entries: list[_Entry] = []
    first_line: dict[tuple[int, str], int] = {}
    for index, row in enumerate(table.rows, start=1):
        entry = checker.row(row.line, row.cells)
        if entry is not None:
            key = (entry.user_id, entry.role)
            if key in first_line:
                errors.append(Problem(
                    row.line, columns["email"],
                    f"this person appears again as {entry.role} (first on line "
                    f"{first_line[key]}); each person may appear once per role.",
                ))
            else:
                first_line[key] = row.line
                entries.append(entry)
        if progress and (index % PROGRESS_EVERY == 0 or index == len(table.rows)):
            progress("checked", index, len(table.rows))
    if errors:
        raise ImportRejected(sort_problems(errors, table))
    try:
        with transaction.atomic():
            _apply(program, entries, existing, by, report, dry_run=dry_run)
    except IntegrityError as exc:
        raise DomainError(
            "Someone changed this program's enrollments while the import ran; nothing was "
            "imported. Run the import again.",
            code="conflict",
        ) from exc
    if not dry_run and (report.created or report.updated):
        audit_record(
            actor=by,
            action="enrollments.import",
            target_type="programs.program",
            target_id=program.pk,
            details={"program": program.slug, "rows": report.rows, "created": report.created,
                     "updated": report.updated},
        )
    return report


def _users_by_email(table: Table, column: str) -> dict[str, tuple[int, bool]]:
    """{email: (user id, is active)} for the addresses in the file, asked in chunks."""
    emails = sorted({row.cells.get(column, "").strip().lower() for row in table.rows} - {""})
    users: dict[str, tuple[int, bool]] = {}
    for chunk in chunked(emails):
        for pk, email, active in User.objects.filter(email__in=chunk).values_list(
            "pk", "email", "is_active"
        ):
            users[email.lower()] = (pk, active)
    return users


@dataclass
class _Checker:
    """Checks rows against the program, the people named and the stored enrollments."""

    program: Program
    columns: dict[str, str]
    questions: dict[str, ApplicationQuestion]
    users: dict[str, tuple[int, bool]]
    existing: dict[tuple[int, str], Enrollment]
    errors: list[Problem]
    warnings: list[Problem]

    def row(self, line: int, cells: dict[str, str]) -> _Entry | None:
        """Parse one row, adding a Problem per bad cell; None when the row cannot be used."""
        columns, count = self.columns, len(self.errors)

        def cell(name: str) -> str:
            return cells.get(columns[name], "") if name in columns else ""

        def parse(name: str, parser: Any, **options: Any) -> Any:
            if not cell(name) and name != "email":
                return None
            try:
                return parser(cell(name), **options)
            except CellError as exc:
                self.errors.append(Problem(line, columns[name], str(exc)))
                return None

        user_id = self._user(line, parse("email", parse_email))
        role = ROLE_NAMES.get(" ".join(cell("role").split()).lower())
        if role is None:
            self.errors.append(Problem(
                line, columns["role"],
                f"“{cell('role')}” is not a role; use mentee (or coachee) or mentor (or coach).",
            ))
        status = parse("status", parse_choice, choices=Enrollment.Status, what="a status")
        capacity = parse("capacity", parse_int, low=0, high=50)
        if capacity is not None and role == Enrollment.Role.MENTEE:
            self.errors.append(Problem(
                line, columns["capacity"],
                "capacity is for mentors and coaches; leave it empty for mentees.",
            ))
        profile: dict[str, Any] = {}
        for name, limit in LINE_FIELDS.items():
            profile[name] = parse(name, parse_text, limit=limit)
        for name in TEXT_FIELDS:
            profile[name] = parse(name, _parse_long_text)
        for name, choices in CHOICE_FIELDS.items():
            profile[name] = parse(name, parse_choice, choices=choices,
                                  what=f"a {name.replace('_', ' ')}")
        skills = {
            name: parse(name, parse_names, what="skill", limit=30, max_length=100)
            for name in SKILL_FIELDS
        }
        answers = None
        if user_id is not None and role is not None:
            answers = self._answers(line, cells, role, self.existing.get((user_id, role)))
        if len(self.errors) > count or user_id is None or role is None or answers is None:
            return None
        return _Entry(
            line=line, user_id=user_id, role=role, status=status,
            sets_capacity="capacity" in columns, capacity=capacity, answers=answers,
            profile={k: v for k, v in profile.items() if v is not None},
            skills={k: v for k, v in skills.items() if v is not None},
        )

    def _user(self, line: int, email: str | None) -> int | None:
        if email is None:
            return None
        user = self.users.get(email)
        column = self.columns["email"]
        if user is None:
            self.errors.append(Problem(
                line, column,
                f"no one with the email “{email}” is in Mentora; import them with "
                "“mentora import people” first.",
            ))
            return None
        if not user[1]:
            self.errors.append(Problem(line, column, f"{email} is deactivated in Mentora."))
            return None
        return user[0]

    def _answers(
        self, line: int, cells: dict[str, str], role: str, enrollment: Enrollment | None
    ) -> dict[str, str] | None:
        """The row's answers merged over the stored ones, checked by the program's rule."""
        applies = {str(q.pk) for q in self.program.questions.all() if q.applies_to(role)}
        previous = enrollment.answers if enrollment else {}
        answers = {k: v for k, v in previous.items() if k in applies}
        for header, question in self.questions.items():
            value = cells.get(header, "")
            if not value:
                continue
            if str(question.pk) in applies:
                answers[str(question.pk)] = value
            else:
                self.warnings.append(Problem(
                    line, header, f"this question is not asked of {role}s; the answer was ignored."
                ))
        try:
            return clean_answers(program=self.program, role=role, answers=answers)
        except DomainError as exc:
            question_id = (exc.field or "").removeprefix("answers.")
            column: str | None = next(
                (h for h, q in self.questions.items() if str(q.pk) == question_id),
                f"q:{question_id}" if question_id else None,
            )
            self.errors.append(Problem(line, column, exc.message))
            return None


def _parse_long_text(value: str) -> str:
    text = value.replace("\r\n", "\n")
    if len(text) > TEXT_LIMIT:
        raise CellError(f"keep it under {TEXT_LIMIT:,} characters.")
    return text


def _statuses(
    program: Program,
    entries: list[_Entry],
    existing: dict[tuple[int, str], Enrollment],
    report: ImportReport,
) -> dict[tuple[int, str], str]:
    """Each enrollment's status after the import: as given, as stored, or approved/waitlisted."""
    final = {key: e.status for key, e in existing.items()}
    final.update({(e.user_id, e.role): e.status for e in entries if e.status})
    limit = program.mentee_limit
    taken = sum(
        1 for (_, role), status in final.items()
        if role == Enrollment.Role.MENTEE and status in PLACE_TAKING
    )
    waitlisted = 0
    for entry in entries:
        key = (entry.user_id, entry.role)
        if key in final:
            continue
        final[key] = Enrollment.Status.APPROVED
        if entry.role == Enrollment.Role.MENTEE and limit is not None:
            if taken >= limit:
                final[key] = Enrollment.Status.WAITLISTED
                waitlisted += 1
            else:
                taken += 1
    if waitlisted:
        report.warnings.append(Problem(
            None, None,
            f"the program's {limit} mentee places are full: {waitlisted} new mentees join "
            "the waitlist.",
        ))
    elif limit is not None and taken > limit:
        report.warnings.append(Problem(
            None, None, f"{taken} mentees now hold places although the program has {limit}."
        ))
    return final


def _set_status(enrollment: Enrollment, status: str, now: Any, by: Any | None) -> None:
    enrollment.status = status
    decided = status not in (Enrollment.Status.PENDING, Enrollment.Status.WAITLISTED)
    enrollment.decided_at = now if decided else None
    enrollment.decided_by_id = getattr(by, "pk", None) if decided else None


def _apply(
    program: Program,
    entries: list[_Entry],
    existing: dict[tuple[int, str], Enrollment],
    by: Any | None,
    report: ImportReport,
    *,
    dry_run: bool,
) -> None:
    """Work out what changes, count it, and (unless a dry run) write it in bulk."""
    now = timezone.now()
    statuses = _statuses(program, entries, existing, report)
    created: list[Enrollment] = []
    changed: list[Enrollment] = []
    created_lines: set[int] = set()
    updated_lines: set[int] = set()
    for entry in entries:
        enrollment = existing.get((entry.user_id, entry.role))
        status = statuses[(entry.user_id, entry.role)]
        if enrollment is None:
            enrollment = Enrollment(
                program=program, user_id=entry.user_id, role=entry.role, created_at=now,
                answers=entry.answers, capacity=entry.capacity,
            )
            _set_status(enrollment, status, now, by)
            created.append(enrollment)
            created_lines.add(entry.line)
            continue
        before = (enrollment.status, enrollment.capacity, enrollment.answers)
        enrollment.answers = entry.answers
        if entry.sets_capacity:
            enrollment.capacity = entry.capacity
        if status != enrollment.status:
            _set_status(enrollment, status, now, by)
        if (enrollment.status, enrollment.capacity, enrollment.answers) != before:
            changed.append(enrollment)
            updated_lines.add(entry.line)
    profiles = _profile_plan(entries, now)
    updated_lines |= profiles.lines - created_lines
    report.created = len(created)
    report.updated = len(updated_lines)
    report.unchanged = len(entries) - report.created - report.updated
    if dry_run:
        return
    Enrollment.objects.bulk_create(created, batch_size=BATCH)
    Enrollment.objects.bulk_update(
        changed, ["status", "capacity", "answers", "decided_at", "decided_by"], batch_size=BATCH
    )
    profiles.write()


@dataclass
class _ProfilePlan:
    """Profile details and skills from an enrollments file that differ from what is stored."""

    fields: list[str]
    new: list[Profile] = field(default_factory=list)
    changed: list[Profile] = field(default_factory=list)
    skills: list[tuple[str, Profile, list[str]]] = field(default_factory=list)
    links: dict[str, dict[int, dict[int, int]]] = field(default_factory=dict)
    lines: set[int] = field(default_factory=set)

    def write(self) -> None:
        Profile.objects.bulk_create(self.new, batch_size=BATCH)
        if self.changed:
            Profile.objects.bulk_update(self.changed, [*self.fields, "updated_at"],
                                        batch_size=BATCH)
        if not self.skills:
            return
        if any(profile.pk is None for profile in self.new):
            pks = ids_by(Profile, "user_id", [profile.user_id for profile in self.new])
            for profile in self.new:
                profile.pk = pks[profile.user_id]
        ids = names_to_ids(Skill, {n for _, _, names in self.skills for n in names})
        for name in SKILL_FIELDS:
            wanted = {
                profile.pk: {ids[n.lower()] for n in names}
                for list_name, profile, names in self.skills
                if list_name == name
            }
            if wanted:
                m2m_sync(getattr(Profile, name).through, "profile_id", "skill_id",
                         self.links[name], wanted)


def _profile_plan(entries: list[_Entry], now: Any) -> _ProfilePlan:
    """Compare each row's profile details and skills with the stored profile."""
    with_details = [e for e in entries if e.profile or e.skills]
    fields = sorted({name for e in with_details for name in e.profile})
    plan = _ProfilePlan(fields=fields)
    if not with_details:
        return plan
    profiles: dict[int, Profile] = {}
    for chunk in chunked(sorted({e.user_id for e in with_details})):
        profiles.update((p.user_id, p) for p in Profile.objects.filter(user_id__in=chunk))
    skill_names: dict[int, str] = {}
    if any(e.skills for e in with_details):
        skill_names = {pk: n.lower() for pk, n in Skill.objects.values_list("pk", "name")}
        for name in SKILL_FIELDS:
            plan.links[name] = m2m_links(getattr(Profile, name).through, "profile_id", "skill_id")
    changed: dict[int, Profile] = {}
    for entry in with_details:
        profile = profiles.get(entry.user_id)
        if profile is None:
            profile = profiles[entry.user_id] = Profile(user_id=entry.user_id)
            plan.new.append(profile)
            plan.lines.add(entry.line)
        differs = {k: v for k, v in entry.profile.items() if getattr(profile, k) != v}
        for key, value in differs.items():
            setattr(profile, key, value)
        if differs:
            plan.lines.add(entry.line)
            if profile.pk:
                profile.updated_at = now
                changed[profile.pk] = profile
        for name, names in entry.skills.items():
            current = {skill_names[pk] for pk in plan.links[name].get(profile.pk or 0, {})}
            if current != {n.lower() for n in names}:
                plan.skills.append((name, profile, names))
                plan.lines.add(entry.line)
    plan.changed = list(changed.values())
    return plan
