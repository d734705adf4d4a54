"""JSON API for programs, their application questions, and enrollments."""

import re
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Query, Router, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from mentora.accounts.api import current_user
from mentora.accounts.models import User
from mentora.lib.errors import DomainError
from mentora.lib.pagination import PageNumberPagination
from mentora.lib.tabular import ImportRejected, Problem, Row, Table
from mentora.people.schemas import ImportRejectedOut
from mentora.programs.announcements import announcement_preview, announcement_send
from mentora.programs.importing import ENROLLMENT_COLUMNS, PROFILE_COLUMNS, enrollments_import
from mentora.programs.kinds import TEMPLATES
from mentora.programs.models import Announcement, Enrollment, Program
from mentora.programs.permissions import (
    can_announce,
    can_manage_program,
    can_view_enrollment,
    can_view_roster,
)
from mentora.programs.schemas import (
    AnnouncementIn,
    AnnouncementOut,
    AnnouncementPreviewOut,
    BulkDecideIn,
    DeclineIn,
    DuplicateIn,
    EnrollIn,
    EnrollmentFilters,
    EnrollmentImportIn,
    EnrollmentImportOut,
    EnrollmentOut,
    EnrollmentRowIn,
    ProgramCreateIn,
    ProgramDetailOut,
    ProgramFilters,
    ProgramOut,
    ProgramPatchIn,
    ProgramTemplateOut,
    QuestionsIn,
    QuestionsOut,
)
from mentora.programs.selectors import (
    enrollments_of,
    enrollments_with_details,
    program_roster,
    programs_visible_to,
)
from mentora.programs.services import (
    enrollment_approve,
    enrollment_create,
    enrollment_decline,
    enrollment_withdraw,
    enrollments_decide,
    program_archive,
    program_create,
    program_create_from_template,
    program_duplicate,
    program_set_managers,
    program_set_questions,
    program_update,
)

router = Router(tags=["programs"])
enrollments_router = Router(tags=["enrollments"])


def _program(request: HttpRequest, slug: str) -> Program:
    # Drafts someone may not see answer like missing programs, so slugs reveal nothing.
    program = (
        programs_visible_to(user=current_user(request))
        .prefetch_related("questions")
        .filter(slug=slug)
        .first()
    )
    if program is None:
        raise HttpError(404, f"No program with the address “{slug}”.")
    return program


def _enrollment(request: HttpRequest, enrollment_id: int) -> Enrollment:
    enrollment = enrollments_with_details().filter(pk=enrollment_id).first()
    # Someone else's enrollment answers like a missing one.
    if enrollment is None or not can_view_enrollment(current_user(request), enrollment):
        raise HttpError(404, f"No enrollment with id {enrollment_id} that you can see.")
    return enrollment


def _fresh(enrollment: Enrollment) -> Enrollment:
    """The enrollment re-read with its program, person and waitlist place."""
    return enrollments_with_details().get(pk=enrollment.pk)


def _user_by_email(email: str, *, field: str) -> User:
    email = email.strip()
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        raise DomainError(f"No person has the email {email!r}.", field=field)
    return user


@router.get("", response=list[ProgramOut], summary="Programs I can see")
@paginate(PageNumberPagination)
def program_list(request: HttpRequest, filters: Query[ProgramFilters]) -> QuerySet[Program]:
    programs = programs_visible_to(user=current_user(request))
    if filters.status:
        programs = programs.filter(status=filters.status)
    if filters.kind:
        programs = programs.filter(kind=filters.kind)
    return programs


@router.get(
    "/templates", response=list[ProgramTemplateOut], summary="What each kind of program starts with"
)
def program_templates(request: HttpRequest) -> list[Any]:
    return list(TEMPLATES.values())


@router.post(
    "",
    response={201: ProgramDetailOut},
    summary="Create a program (organization admins and program staff)",
)
def program_create_op(request: HttpRequest, payload: ProgramCreateIn) -> Status[Program]:
    managers = None
    if payload.managers is not None:
        managers = [
            _user_by_email(email, field=f"managers.{index}")
            for index, email in enumerate(payload.managers)
        ]
    me = current_user(request)
    if payload.template:
        program = program_create_from_template(
            by=me, kind=payload.template, data=payload.changes(), managers=managers
        )
    else:
        program = program_create(by=me, data=payload.changes(), managers=managers)
    return Status(201, _program(request, program.slug))


@router.post(
    "/{slug}/duplicate",
    response={201: ProgramDetailOut},
    summary="Start a new cohort: settings, questions and agreement templates, no people",
)
def program_duplicate_op(request: HttpRequest, slug: str, payload: DuplicateIn) -> Status[Program]:
    me = current_user(request)
    cohort = program_duplicate(
        program=_program(request, slug), by=me, name=payload.name, slug=payload.slug
    )
    return Status(201, _program(request, cohort.slug))


@router.post(
    "/{slug}/archive", response=ProgramDetailOut, summary="Archive a program (its managers)"
)
def program_archive_op(request: HttpRequest, slug: str) -> Program:
    program = program_archive(program=_program(request, slug), by=current_user(request))
    return _program(request, program.slug)


@router.post(
    "/{slug}/restore", response=ProgramDetailOut, summary="Restore an archived program, closed"
)
def program_restore_op(request: HttpRequest, slug: str) -> Program:
    program = program_archive(
        program=_program(request, slug), by=current_user(request), archived=False
    )
    return _program(request, program.slug)


@router.post(
    "/{slug}/enrollments/decide",
    response=list[EnrollmentOut],
    summary="Approve or decline many applications at once, all or none (its managers)",
)
def program_enrollments_decide(
    request: HttpRequest, slug: str, payload: BulkDecideIn
) -> list[Enrollment]:
    program = _program(request, slug)
    decided = enrollments_decide(
        program=program,
        by=current_user(request),
        enrollment_ids=payload.enrollment_ids,
        decision=payload.decision,
        note=payload.note,
    )
    return list(enrollments_with_details().filter(pk__in=[e.pk for e in decided]))


@router.get(
    "/{slug}/announcements",
    response=list[AnnouncementOut],
    summary="Announcements sent to the program's participants (its managers)",
)
@paginate(PageNumberPagination)
def program_announcements(request: HttpRequest, slug: str) -> QuerySet[Announcement]:
    program = _program(request, slug)
    if not can_announce(current_user(request), program):
        raise HttpError(403, "Only this program's managers can see its announcements.")
    return program.announcements.select_related("created_by").order_by("-created_at", "-pk")


@router.post(
    "/{slug}/announcements/preview",
    response=AnnouncementPreviewOut,
    summary="What an announcement will look like and how many people get it; sends nothing",
)
def program_announcement_preview(
    request: HttpRequest, slug: str, payload: AnnouncementIn
) -> dict[str, Any]:
    email, recipients = announcement_preview(
        program=_program(request, slug),
        by=current_user(request),
        subject=payload.subject,
        body=payload.body,
        audience=payload.audience,
    )
    return {"subject": email.subject, "body": email.body, "recipients": len(recipients)}


@router.post(
    "/{slug}/announcements",
    response={201: AnnouncementOut},
    summary="Send an announcement to the program's participants (queued for the worker)",
)
def program_announcement_send(
    request: HttpRequest, slug: str, payload: AnnouncementIn
) -> Status[Announcement]:
    announcement = announcement_send(
        program=_program(request, slug),
        by=current_user(request),
        subject=payload.subject,
        body=payload.body,
        audience=payload.audience,
    )
    return Status(201, announcement)


@router.get("/{slug}", response=ProgramDetailOut, summary="A program and its questions")
def program_detail(request: HttpRequest, slug: str) -> Program:
    return _program(request, slug)


@router.patch(
    "/{slug}", response=ProgramDetailOut, summary="Change a program or its managers (its managers)"
)
def program_update_op(request: HttpRequest, slug: str, payload: ProgramPatchIn) -> Program:
    me = current_user(request)
    with transaction.atomic():  # settings and managers change together, or neither does
        program = program_update(program=_program(request, slug), by=me, data=payload.changes())
        if payload.managers is not None:
            program_set_managers(program=program, by=me, emails=payload.managers)
    # Not through _program: someone who just handed a draft to others still gets the answer.
    return Program.objects.prefetch_related("managers", "questions").get(pk=program.pk)


@router.put(
    "/{slug}/questions",
    response=QuestionsOut,
    summary="Replace the program's application questions (its managers)",
)
def program_questions_set(request: HttpRequest, slug: str, payload: QuestionsIn) -> dict[str, Any]:
    questions = program_set_questions(
        program=_program(request, slug),
        by=current_user(request),
        questions=[question.model_dump() for question in payload.questions],
    )
    return {"questions": questions}


@router.get(
    "/{slug}/enrollments",
    response=list[EnrollmentOut],
    summary="Who enrolled, with their answers (the program's managers)",
)
@paginate(PageNumberPagination)
def program_enrollments(
    request: HttpRequest, slug: str, filters: Query[EnrollmentFilters]
) -> QuerySet[Enrollment]:
    program = _program(request, slug)
    if not can_view_roster(current_user(request), program):
        raise HttpError(403, "Only this program's managers can see who enrolled.")
    roster = program_roster(program=program)
    if filters.status:
        roster = roster.filter(status=filters.status)
    if filters.role:
        roster = roster.filter(role=filters.role)
    return roster


@router.post(
    "/{slug}/enrollments",
    response={201: EnrollmentOut},
    summary="Enroll myself (or, as a manager, someone else by email)",
)
def program_enroll(request: HttpRequest, slug: str, payload: EnrollIn) -> Status[Enrollment]:
    me = current_user(request)
    program = _program(request, slug)
    person = me
    if payload.email:
        # Checked before looking the email up, so others cannot probe who has an account.
        if not can_manage_program(me, program):
            raise DomainError(
                "Only this program's managers can enroll other people.", code="forbidden"
            )
        person = _user_by_email(payload.email, field="email")
    enrollment = enrollment_create(
        program=program,
        user=person,
        role=payload.role,
        answers=payload.answers,
        capacity=payload.capacity,
        by=me,
    )
    return Status(201, _fresh(enrollment))


@enrollments_router.get(
    "/mine", response=list[EnrollmentOut], summary="My enrollments, with waitlist places"
)
@paginate(PageNumberPagination)
def my_enrollments(request: HttpRequest, filters: Query[EnrollmentFilters]) -> QuerySet[Enrollment]:
    enrollments = enrollments_of(user=current_user(request))
    if filters.status:
        enrollments = enrollments.filter(status=filters.status)
    if filters.role:
        enrollments = enrollments.filter(role=filters.role)
    return enrollments


@enrollments_router.get(
    "/{int:enrollment_id}", response=EnrollmentOut, summary="One enrollment (person or managers)"
)
def enrollment_detail(request: HttpRequest, enrollment_id: int) -> Enrollment:
    return _enrollment(request, enrollment_id)


@enrollments_router.post(
    "/{int:enrollment_id}/approve", response=EnrollmentOut, summary="Approve (managers)"
)
def enrollment_approve_op(request: HttpRequest, enrollment_id: int) -> Enrollment:
    enrollment = _enrollment(request, enrollment_id)
    return _fresh(enrollment_approve(enrollment=enrollment, by=current_user(request)))


@enrollments_router.post(
    "/{int:enrollment_id}/decline", response=EnrollmentOut, summary="Decline (managers)"
)
def enrollment_decline_op(
    request: HttpRequest, enrollment_id: int, payload: DeclineIn | None = None
) -> Enrollment:
    enrollment = _enrollment(request, enrollment_id)
    note = payload.note if payload else ""
    return _fresh(enrollment_decline(enrollment=enrollment, by=current_user(request), note=note))


@enrollments_router.post(
    "/{int:enrollment_id}/withdraw",
    response=EnrollmentOut,
    summary="Leave a program (the person, or a manager)",
)
def enrollment_withdraw_op(request: HttpRequest, enrollment_id: int) -> Enrollment:
    enrollment = _enrollment(request, enrollment_id)
    return _fresh(enrollment_withdraw(enrollment=enrollment, by=current_user(request)))


# --- enrollment import (the program's managers) ------------------------------------------

SHOWN_PROBLEMS = 1000  # as the people import


def _cell(value: Any) -> str:
    """A JSON value as the text a file's cell would hold (null = an empty cell)."""
    if value is None:
        return ""
    return "; ".join(value) if isinstance(value, list) else str(value)


def _answer_header(key: str) -> str:
    # The importer finds a question by `q:<id>` or by its text, as a file's header would.
    return f"q:{key}" if key.strip().isdigit() else key


def _enrollment_table(rows: list[EnrollmentRowIn]) -> tuple[Table, dict[str, str]]:
    """The JSON rows as the table a file would give (row N on "line" N + 1), and each
    column's JSON field name."""
    sent = set().union(*(row.model_fields_set for row in rows)) - {"answers"}
    fields = {c: c for c in (*ENROLLMENT_COLUMNS, *PROFILE_COLUMNS) if c in sent}
    for row in rows:
        fields.update((_answer_header(key), f"answers.{key}") for key in row.answers)
    table_rows = []
    for index, row in enumerate(rows):
        cells = {column: _cell(getattr(row, column)) for column in fields if column in sent}
        cells.update((_answer_header(k), v) for k, v in row.answers.items())
        table_rows.append(Row(line=index + 1, cells=cells))
    return Table(headers=list(fields), rows=table_rows, header_line=0), fields


def _import_note(problem: Problem, fields: dict[str, str]) -> dict[str, str]:
    """A file problem named like an API field: rows.<index>.<field>."""
    parts = ["rows"]
    if problem.line:
        parts.append(str(problem.line - 1))
    if problem.column:
        column = fields.get(problem.column, problem.column)
        parts.append(f"answers.{column[2:]}" if column.startswith("q:") else column)
    # The importer speaks of file lines ("first on line 3"); here they are list positions.
    message = re.sub(r"\bline (\d+)\b", lambda m: f"rows.{int(m.group(1)) - 1}", problem.message)
    return {"field": ".".join(parts), "message": message}


@router.post(
    "/{slug}/enrollments/import",
    response={200: EnrollmentImportOut, 422: ImportRejectedOut},
    summary="Enroll many people at once, all or nothing (the program's managers)",
)
def program_enrollments_import(
    request: HttpRequest, slug: str, payload: EnrollmentImportIn
) -> Status[dict[str, Any]]:
    program = _program(request, slug)
    table, fields = _enrollment_table(payload.rows)
    try:
        report = enrollments_import(
            program=program, table=table, by=current_user(request), dry_run=payload.dry_run
        )
    except ImportRejected as exc:
        errors = [_import_note(p, fields) for p in exc.problems[:SHOWN_PROBLEMS]]
        count = len(exc.problems)
        detail = (
            f"{count:,} {'problem' if count == 1 else 'problems'}; nothing was imported: "
            + "; ".join(f"{e['field']}: {e['message'].rstrip('.')}" for e in errors[:5])
            + ("; …" if count > 5 else "")
        )
        return Status(422, {"detail": detail, "field": errors[0]["field"], "errors": errors})
    return Status(
        200,
        {
            "dry_run": report.dry_run,
            "summary": report.summary(),
            "rows": report.rows,
            "created": report.created,
            "updated": report.updated,
            "unchanged": report.unchanged,
            "warnings": [_import_note(w, fields) for w in report.warnings],
        },
    )
