"""Writes on programs: creating and editing them, enrolling, approving, the waitlist."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify

from mentora.audit.services import audit_record
from mentora.lib.errors import DomainError
from mentora.outcomes.snapshots import report_snapshot_invalidate
from mentora.people.models import Level, Profile
from mentora.programs.kinds import TEMPLATES
from mentora.programs.models import ApplicationQuestion, Enrollment, Program
from mentora.programs.permissions import can_create_program, can_manage_program

PROGRAM_FIELDS = (
    "name",
    "slug",
    "kind",
    "description",
    "status",
    "eligible_levels",
    "eligible_departments",
    "enrollment_opens_at",
    "enrollment_closes_at",
    "duration_weeks",
    "default_cadence",
    "mentor_capacity",
    "mentee_limit",
    "matching_mode",
    "requires_approval",
    "sessions_per_pair",
    "uses_agreement",
    "feedback_form",
)
# Settings a new cohort inherits besides PROGRAM_FIELDS: how matching and requests work.
COHORT_FIELDS = (
    "publish_mode",
    "max_mentor_requests",
    "request_deadline_days",
    "recommendations_shown",
    "match_weights",
    "match_constraints",
)


def _validate(program: Program) -> None:
    unknown = [level for level in program.eligible_levels if level not in Level.values]
    if unknown:
        raise DomainError(
            f"Unknown level {unknown[0]!r}; use one of {', '.join(Level.values)}.",
            field="eligible_levels",
        )
    if (
        program.enrollment_opens_at
        and program.enrollment_closes_at
        and program.enrollment_closes_at <= program.enrollment_opens_at
    ):
        raise DomainError("Enrollment must close after it opens.", field="enrollment_closes_at")
    try:
        program.full_clean()
    except ValidationError as exc:
        field, messages = next(iter(exc.message_dict.items()))
        label = field.replace("_", " ").capitalize()
        raise DomainError(f"{label}: {messages[0]}", field=field) from exc


def _unique_slug(name: str) -> str:
    base = slugify(name)[:70] or "program"
    slug, n = base, 2
    while Program.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def program_create(
    *,
    by: Any,
    data: dict[str, Any],
    managers: list[Any] | None = None,
    questions: list[dict[str, Any]] | None = None,
    cohort_of: Program | None = None,
) -> Program:
    """Create a program; the creator manages it unless managers are named."""
    if not can_create_program(by):
        raise DomainError(
            "Only organization admins and program staff can create programs.", code="forbidden"
        )
    unknown = sorted(set(data) - set(PROGRAM_FIELDS) - set(COHORT_FIELDS))
    if unknown:
        raise DomainError(f"Unknown program field: {', '.join(unknown)}.", field=unknown[0])
    program = Program(**data, cohort_of=cohort_of)
    if not program.slug:
        program.slug = _unique_slug(program.name)
    elif Program.objects.filter(slug=program.slug).exists():
        raise DomainError(f"The address “{program.slug}” is taken.", field="slug", code="conflict")
    _validate(program)
    program.save()
    chosen = managers or [by]
    program.managers.set(chosen)
    if questions:
        _replace_questions(program, questions)
    audit_record(
        actor=by,
        action="program.duplicate" if cohort_of else "program.create",
        target_type="programs.program",
        target_id=program.pk,
        details={
            "program": program.name,
            "kind": program.get_kind_display(),
            "managers": sorted(u.pk for u in chosen),
            **({"source": cohort_of.name} if cohort_of else {}),
        },
    )
    return program


def program_create_from_template(
    *, by: Any, kind: str, data: dict[str, Any], managers: list[Any] | None = None
) -> Program:
    """Create a program from its kind's template; `data` overrides any of its settings."""
    if kind not in TEMPLATES:
        raise DomainError(
            f"There is no template for “{kind}”; choose one of "
            f"{', '.join(str(label) for label in Program.Kind.labels)}.",
            field="kind",
        )
    template = TEMPLATES[kind]
    settings = {**template.settings, "kind": kind, **data}
    return program_create(by=by, data=settings, managers=managers, questions=template.questions)


@transaction.atomic
def program_duplicate(
    *, program: Program, by: Any, name: str, slug: str = "", status: str = Program.Status.DRAFT
) -> Program:
    """Start the next cohort: settings, questions and agreement templates, not people.

    Enrollment dates are left empty (the old ones are past); the new cohort starts as a
    draft managed by the source's managers and whoever duplicates it.
    """
    if not can_manage_program(by, program):
        raise DomainError("Only this program's managers can duplicate it.", code="forbidden")
    if not can_create_program(by):
        raise DomainError(
            "Only organization admins and program staff can create programs.", code="forbidden"
        )
    name = (name or "").strip()
    if not name:
        raise DomainError("Give the new cohort a name.", field="name")
    if name == program.name:
        raise DomainError("Give the new cohort a name of its own.", field="name")
    data = {
        field: getattr(program, field)
        for field in (*PROGRAM_FIELDS, *COHORT_FIELDS)
        if field not in ("name", "slug", "status", "enrollment_opens_at", "enrollment_closes_at")
    }
    data.update(name=name, slug=slug, status=status)
    managers = list({u.pk: u for u in [*program.managers.all(), by]}.values())
    questions = [
        {
            "text": q.text,
            "help_text": q.help_text,
            "audience": q.audience,
            "choices": q.choices,
            "required": q.required,
        }
        for q in program.questions.all()
    ]
    cohort = program_create(
        by=by, data=data, managers=managers, questions=questions, cohort_of=program
    )
    # Agreement templates belong to relationships (above programs); they are copied through
    # the reverse relation, row by row, so programs imports nothing from relationships.
    for template in program.agreement_templates.all():  # type: ignore[attr-defined]
        template.pk = None
        template.id = None
        template.program = cohort
        template.save()
    return cohort


@transaction.atomic
def program_archive(*, program: Program, by: Any, archived: bool = True) -> Program:
    """Archive a program (it leaves the Programs list and closes enrollment), or restore it."""
    if not can_manage_program(by, program):
        raise DomainError("Only this program's managers can archive it.", code="forbidden")
    program = Program.objects.select_for_update().get(pk=program.pk)
    if archived == program.is_archived:
        return program
    program.status = Program.Status.ARCHIVED if archived else Program.Status.CLOSED
    program.save(update_fields=["status"])
    audit_record(
        actor=by,
        action="program.archive" if archived else "program.restore",
        target_type="programs.program",
        target_id=program.pk,
        details={"program": program.name},
    )
    return program


@transaction.atomic
def program_update(*, program: Program, by: Any, data: dict[str, Any]) -> Program:
    """Change a program's settings."""
    if not can_manage_program(by, program):
        raise DomainError("Only this program's managers can change it.", code="forbidden")
    unknown = sorted(set(data) - set(PROGRAM_FIELDS))
    if unknown:
        raise DomainError(f"Unknown program field: {', '.join(unknown)}.", field=unknown[0])
    slug = data.get("slug", program.slug)
    if slug != program.slug and Program.objects.filter(slug=slug).exclude(pk=program.pk).exists():
        raise DomainError(f"The address “{slug}” is taken.", field="slug", code="conflict")
    # Work on a fresh row so a rejected change never leaves the caller's object half-edited.
    program = Program.objects.select_for_update().get(pk=program.pk)
    for name, value in data.items():
        setattr(program, name, value)
    _validate(program)
    program.save()
    return program


@transaction.atomic
def program_set_questions(
    *, program: Program, by: Any, questions: list[dict[str, Any]]
) -> list[ApplicationQuestion]:
    """Replace a program's application questions.

    A question whose text is unchanged keeps its id, so answers already given to it
    stay attached; removed questions are deleted.
    """
    if not can_manage_program(by, program):
        raise DomainError(
            "Only this program's managers can change its questions.", code="forbidden"
        )
    return _replace_questions(program, questions)


def _replace_questions(
    program: Program, questions: list[dict[str, Any]]
) -> list[ApplicationQuestion]:
    existing = {q.text: q for q in program.questions.all()}
    kept: list[ApplicationQuestion] = []
    for position, spec in enumerate(questions):
        text = str(spec.get("text", "")).strip()
        if not text:
            raise DomainError(f"Question {position + 1} has no text.", field="questions")
        if len(text) > 300:
            raise DomainError(
                f"Question {position + 1} is longer than 300 characters.", field="questions"
            )
        audience = spec.get("audience", ApplicationQuestion.Audience.BOTH)
        if audience not in ApplicationQuestion.Audience.values:
            raise DomainError(
                f"Question {position + 1}: audience must be mentee, mentor or both.",
                field="questions",
            )
        question = existing.pop(text, None) or ApplicationQuestion(program=program, text=text)
        if question in kept:
            raise DomainError(f"Question {position + 1} repeats an earlier one.", field="questions")
        question.help_text = str(spec.get("help_text", ""))
        question.audience = audience
        question.choices = [str(c) for c in spec.get("choices", [])]
        question.required = bool(spec.get("required", True))
        question.position = position
        question.save()
        kept.append(question)
    ApplicationQuestion.objects.filter(pk__in=[q.pk for q in existing.values()]).delete()
    return kept


def eligibility_problem(*, program: Program, user: Any, role: str) -> str | None:
    """Why this person may not join this program in this role, or None."""
    profile = Profile.objects.filter(user=user).first()
    if role == Enrollment.Role.MENTEE and program.eligible_levels:
        level = profile.level if profile else None
        if level not in program.eligible_levels:
            return (
                "This program is for "
                + ", ".join(program.eligible_level_labels())
                + " levels; set your level on your profile if it is out of date."
            )
    if program.eligible_departments:
        department = profile.department if profile else ""
        if department not in program.eligible_departments:
            return "This program is for " + ", ".join(program.eligible_departments) + "."
    return None


def clean_answers(*, program: Program, role: str, answers: dict[str, Any]) -> dict[str, str]:
    """Validate answers to the program's questions; keys are question ids as strings."""
    cleaned: dict[str, str] = {}
    questions = [q for q in program.questions.all() if q.applies_to(role)]
    known = {str(q.pk) for q in questions}
    extra = sorted(set(map(str, answers)) - known)
    if extra:
        raise DomainError(f"Unknown question id {extra[0]}.", field=f"answers.{extra[0]}")
    for question in questions:
        value = str(answers.get(str(question.pk), answers.get(question.pk, "")) or "").strip()  # type: ignore[call-overload]
        if not value:
            if question.required:
                raise DomainError(
                    f"Please answer “{question.text}”.", field=f"answers.{question.pk}"
                )
            continue
        if question.choices and value not in question.choices:
            raise DomainError(
                f"“{question.text}”: choose one of {', '.join(question.choices)}.",
                field=f"answers.{question.pk}",
            )
        if len(value) > 2000:
            raise DomainError(
                f"“{question.text}”: keep the answer under 2,000 characters.",
                field=f"answers.{question.pk}",
            )
        cleaned[str(question.pk)] = value
    return cleaned


def _mentee_places_taken(program: Program) -> int:
    return program.enrollments.mentees().taking_place().count()


@transaction.atomic
def enrollment_create(
    *,
    program: Program,
    user: Any,
    role: str,
    answers: dict[str, Any] | None = None,
    capacity: int | None = None,
    by: Any = None,
    now: Any = None,
) -> Enrollment:
    """Enroll a person; waitlisted when mentee places are full, pending when approval is needed.

    A program manager (``by``) may enroll someone else and may do so outside the
    enrollment window; people enroll themselves only while enrollment is open.
    """
    by = by or user
    acting_as_manager = by.pk != user.pk
    if acting_as_manager and not can_manage_program(by, program):
        raise DomainError("Only this program's managers can enroll other people.", code="forbidden")
    if role not in Enrollment.Role.values:
        raise DomainError("Choose to join as a mentee or as a mentor.", field="role")
    if not user.is_active:
        raise DomainError(f"{user} has been deactivated and cannot join programs.", field="user")
    if not acting_as_manager and not program.enrollment_open(now):
        raise DomainError("Enrollment in this program is not open.", code="conflict")
    problem = eligibility_problem(program=program, user=user, role=role)
    if problem and not acting_as_manager:
        raise DomainError(problem, field="role")
    if capacity is not None and (role != Enrollment.Role.MENTOR or not 0 <= capacity <= 50):
        raise DomainError("Capacity is for mentors and coaches, from 0 to 50.", field="capacity")
    cleaned = clean_answers(program=program, role=role, answers=answers or {})
    # Lock the program row so two people cannot both take the last place.
    Program.objects.select_for_update().filter(pk=program.pk).first()
    existing = Enrollment.objects.filter(program=program, user=user, role=role).first()
    if existing and existing.status not in (
        Enrollment.Status.WITHDRAWN,
        Enrollment.Status.DECLINED,
    ):
        raise DomainError(
            f"{user} is already in this program as {role} ({existing.get_status_display()}).",
            code="conflict",
        )
    if (
        role == Enrollment.Role.MENTEE
        and program.mentee_limit is not None
        and (_mentee_places_taken(program) >= program.mentee_limit)
    ):
        status = Enrollment.Status.WAITLISTED
    elif program.requires_approval and not acting_as_manager:
        status = Enrollment.Status.PENDING
    else:
        status = Enrollment.Status.APPROVED
    enrollment = existing or Enrollment(program=program, user=user, role=role)
    enrollment.status = status
    enrollment.answers = cleaned
    enrollment.capacity = capacity
    enrollment.created_at = timezone.now()
    enrollment.decided_at = timezone.now() if status == Enrollment.Status.APPROVED else None
    enrollment.decided_by = by if status == Enrollment.Status.APPROVED else None
    try:
        with transaction.atomic():
            enrollment.save()
    except IntegrityError as exc:
        raise DomainError("You are already in this program in that role.", code="conflict") from exc
    report_snapshot_invalidate(program_id=program.pk)  # dashboard figures changed
    return enrollment


def _decide(enrollment: Enrollment, status: str, by: Any, note: str = "") -> Enrollment:
    enrollment.status = status
    enrollment.decided_at = timezone.now()
    enrollment.decided_by = by
    enrollment.decision_note = note[:300]
    enrollment.save(update_fields=["status", "decided_at", "decided_by", "decision_note"])
    report_snapshot_invalidate(program_id=enrollment.program_id)  # dashboard figures changed
    return enrollment


@transaction.atomic
def enrollment_approve(*, enrollment: Enrollment, by: Any) -> Enrollment:
    """Approve a pending (or waitlisted) enrollment."""
    if not can_manage_program(by, enrollment.program):
        raise DomainError("Only this program's managers can approve enrollments.", code="forbidden")
    if enrollment.status == Enrollment.Status.APPROVED:
        return enrollment
    if enrollment.status not in (Enrollment.Status.PENDING, Enrollment.Status.WAITLISTED):
        raise DomainError(
            f"A {enrollment.get_status_display().lower()} enrollment cannot be approved.",
            code="conflict",
        )
    return _decide(enrollment, Enrollment.Status.APPROVED, by)


@transaction.atomic
def enrollment_decline(*, enrollment: Enrollment, by: Any, note: str = "") -> Enrollment:
    """Decline a pending or waitlisted enrollment, with an optional note to the person."""
    if not can_manage_program(by, enrollment.program):
        raise DomainError("Only this program's managers can decline enrollments.", code="forbidden")
    if enrollment.status not in (Enrollment.Status.PENDING, Enrollment.Status.WAITLISTED):
        raise DomainError(
            f"A {enrollment.get_status_display().lower()} enrollment cannot be declined.",
            code="conflict",
        )
    decided = _decide(enrollment, Enrollment.Status.DECLINED, by, note)
    return decided


@transaction.atomic
def enrollments_decide(
    *, program: Program, by: Any, enrollment_ids: list[int], decision: str, note: str = ""
) -> list[Enrollment]:
    """Approve or decline many applications at once: all of them, or none if one cannot be."""
    if not can_manage_program(by, program):
        raise DomainError(
            "Only this program's managers can decide enrollments.", code="forbidden"
        )
    if decision not in ("approve", "decline"):
        raise DomainError("Choose to approve or to decline.", field="decision")
    wanted = sorted(set(enrollment_ids))
    if not wanted:
        raise DomainError("Choose at least one application.", field="enrollments")
    found = list(
        Enrollment.objects.select_for_update()
        .select_related("program", "user")
        .filter(program=program, pk__in=wanted)
        .order_by("pk")
    )
    missing = sorted(set(wanted) - {e.pk for e in found})
    if missing:
        raise DomainError(
            f"{len(missing)} of the chosen applications are not in {program.name}.",
            field="enrollments",
        )
    decided = []
    for enrollment in found:
        if decision == "approve":
            decided.append(enrollment_approve(enrollment=enrollment, by=by))
        else:
            decided.append(enrollment_decline(enrollment=enrollment, by=by, note=note))
    audit_record(
        actor=by,
        action="enrollments.approve" if decision == "approve" else "enrollments.decline",
        target_type="programs.program",
        target_id=program.pk,
        details={"program": program.name, "people": [e.user_id for e in found]},
    )
    return decided


def _promote_from_waitlist(program: Program) -> Enrollment | None:
    if program.mentee_limit is not None and _mentee_places_taken(program) >= program.mentee_limit:
        return None
    first = program.enrollments.mentees().waitlisted().first()
    if first is None:
        return None
    status = Enrollment.Status.PENDING if program.requires_approval else Enrollment.Status.APPROVED
    first.status = status
    first.decided_at = timezone.now() if status == Enrollment.Status.APPROVED else None
    first.save(update_fields=["status", "decided_at"])
    return first


@transaction.atomic
def enrollment_withdraw(*, enrollment: Enrollment, by: Any) -> Enrollment:
    """Leave a program; the first person on the waitlist takes the freed place."""
    if by.pk != enrollment.user_id and not can_manage_program(by, enrollment.program):
        raise DomainError("You can only withdraw your own enrollment.", code="forbidden")
    if enrollment.status in (Enrollment.Status.WITHDRAWN, Enrollment.Status.DECLINED):
        raise DomainError("This enrollment has already ended.", code="conflict")
    Program.objects.select_for_update().filter(pk=enrollment.program_id).first()
    freed_place = enrollment.role == Enrollment.Role.MENTEE and enrollment.status in (
        Enrollment.Status.APPROVED,
        Enrollment.Status.PENDING,
    )
    _decide(enrollment, Enrollment.Status.WITHDRAWN, by)
    if freed_place:
        _promote_from_waitlist(enrollment.program)
    return enrollment


def waitlist_position(enrollment: Enrollment) -> int | None:
    """1-based place in the waitlist, or None when not waitlisted."""
    if enrollment.status != Enrollment.Status.WAITLISTED:
        return None
    ahead = (
        enrollment.program.enrollments.mentees()
        .waitlisted()
        .filter(created_at__lt=enrollment.created_at)
        .count()
    )
    return ahead + 1


@transaction.atomic
def program_set_managers(*, program: Program, by: Any, emails: list[str]) -> list[Any]:
    """Replace the program's managers with the people having these emails."""
    from mentora.accounts.models import User

    if not can_manage_program(by, program):
        raise DomainError(
            "Only this program's managers can change who manages it.", code="forbidden"
        )
    wanted = [e.strip().lower() for e in emails if e.strip()]
    if not wanted:
        raise DomainError("A program needs at least one manager.", field="managers")
    found = {u.email.lower(): u for u in User.objects.filter(email__in=wanted, is_active=True)}
    missing = [e for e in wanted if e not in found]
    if missing:
        raise DomainError(f"No active person has the email {missing[0]}.", field="managers")
    before = set(program.managers.values_list("pk", flat=True))
    program.managers.set(found.values())
    after = {u.pk for u in found.values()}
    if before != after:
        audit_record(
            actor=by,
            action="program.managers_set",
            target_type="programs.program",
            target_id=program.pk,
            details={
                "program": program.name,
                "managers": sorted(after),
                "added": sorted(after - before),
                "removed": sorted(before - after),
            },
        )
    return list(found.values())
