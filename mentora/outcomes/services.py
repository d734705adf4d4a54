"""Writes for outcomes: the survey schedule, answering a survey, withdrawing one's answers."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import IntegrityError, transaction

from mentora.integrations import payloads as webhook_payloads
from mentora.integrations.services import webhook_emit
from mentora.lib import clock
from mentora.lib.errors import DomainError
from mentora.outcomes import permissions as perms
from mentora.outcomes.models import SurveyAnswer, SurveyInvitation, SurveySchedule
from mentora.outcomes.snapshots import report_snapshot_invalidate
from mentora.outcomes.surveys import Question, questions_for
from mentora.programs.models import Program

SCHEDULE_FIELDS = ("enabled", "midpoint_week", "end_week", "quality_after_meetings", "exit_survey")


def default_schedule(program: Program) -> SurveySchedule:
    """The schedule a program has until a manager changes it: midpoint halfway, end at the end."""
    weeks = program.duration_weeks
    return SurveySchedule(
        program=program, midpoint_week=weeks // 2 if weeks >= 4 else None, end_week=weeks
    )


def schedule_for(program: Program) -> SurveySchedule:
    """The program's saved schedule, or its defaults (derived from the program's duration)."""
    return SurveySchedule.objects.filter(program=program).first() or default_schedule(program)


def _whole(value: Any, *, name: str, low: int, high: int, label: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise DomainError(f"{label} is a whole number from {low} to {high}.", field=name)
    return value


@transaction.atomic
def survey_schedule_update(
    *, program: Program, by: Any, data: dict[str, Any], now: datetime | None = None
) -> SurveySchedule:
    """Change when a program's surveys go out (its managers and org admins)."""
    now = now or clock.now()
    if not perms.can_change_schedule(by, program):
        raise DomainError(
            "Only the program's managers can change its survey schedule.", code="forbidden"
        )
    unknown = sorted(set(data) - set(SCHEDULE_FIELDS))
    if unknown:
        raise DomainError(f"Unknown schedule setting: {', '.join(unknown)}.", field=unknown[0])
    schedule = SurveySchedule.objects.select_for_update().filter(
        program=program
    ).first() or default_schedule(program)
    for name, value in data.items():
        if name in ("enabled", "exit_survey"):
            if not isinstance(value, bool):
                raise DomainError(
                    f"{name.replace('_', ' ').capitalize()} is yes or no.", field=name
                )
        elif name == "midpoint_week":
            if value is not None:
                value = _whole(value, name=name, low=1, high=520, label="Midpoint week")
        elif name == "end_week":
            value = _whole(value, name=name, low=1, high=520, label="End week")
        elif name == "quality_after_meetings":
            value = _whole(value, name=name, low=1, high=20, label="Meetings before asking")
        setattr(schedule, name, value)
    if schedule.midpoint_week is not None and schedule.midpoint_week >= schedule.end_week:
        raise DomainError(
            f"The midpoint (week {schedule.midpoint_week}) must come before the end "
            f"(week {schedule.end_week}).",
            field="midpoint_week",
        )
    schedule.updated_at = now
    schedule.save()
    return schedule


def invitation_questions(invitation: SurveyInvitation) -> list[Question]:
    """The questions of one invitation, worded for the respondent's side and program."""
    program = invitation.program
    other = program.mentor_label if invitation.role == "mentee" else program.mentee_label
    relationship = (
        "coaching engagement" if program.kind == Program.Kind.COACHING else "mentoring relationship"
    )
    return questions_for(
        kind=invitation.kind, skills=invitation.skills, other=other, relationship=relationship
    )


def _check_open(invitation: SurveyInvitation, now: datetime) -> None:
    status = invitation.status_at(now)
    if status == "answered":
        raise DomainError("You already answered this survey.", code="conflict")
    if status == "withdrawn":
        raise DomainError("You withdrew your answers to this survey.", code="conflict")
    if status == "upcoming":
        raise DomainError(
            f"This survey opens on {invitation.opens_at:%-d %B %Y}.",
            field="survey",
            code="conflict",
        )
    if status == "closed":
        raise DomainError(
            f"This survey closed on {invitation.closes_at:%-d %B %Y}.",
            field="survey",
            code="conflict",
        )


def _clean_answers(invitation: SurveyInvitation, answers: dict[str, Any]) -> dict[str, int]:
    questions = invitation_questions(invitation)
    expected = {q.key: q for q in questions}
    unknown = sorted(set(answers) - set(expected))
    if unknown:
        raise DomainError(f"This survey has no question “{unknown[0]}”.", field=unknown[0])
    clean: dict[str, int] = {}
    for question in questions:
        value = answers.get(question.key)
        if value is None or value == "":
            raise DomainError(f"Answer “{question.text}”", field=question.key)
        if isinstance(value, str) and value.strip().isdigit():
            value = int(value.strip())
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
            raise DomainError(
                f"“{question.text}”: choose an answer from 1 to 5.", field=question.key
            )
        clean[question.key] = value
    return clean


@transaction.atomic
def survey_submit(
    *, invitation: SurveyInvitation, by: Any, answers: dict[str, Any], now: datetime | None = None
) -> SurveyInvitation:
    """The respondent answers every question of an open survey, once."""
    now = now or clock.now()
    invitation = (
        SurveyInvitation.objects.select_for_update(of=("self",))
        .select_related("program")
        .get(pk=invitation.pk)
    )
    if not perms.is_respondent(by, invitation):
        raise DomainError(
            "Only the person this survey was sent to can answer it.", code="forbidden"
        )
    _check_open(invitation, now)
    clean = _clean_answers(invitation, answers)
    try:
        with transaction.atomic():
            SurveyAnswer.objects.bulk_create(
                SurveyAnswer(invitation=invitation, item=key, value=value)
                for key, value in clean.items()
            )
    except IntegrityError as exc:  # a second tab submitted the same survey first
        raise DomainError("You already answered this survey.", code="conflict") from exc
    invitation.answered_at = now
    invitation.save(update_fields=["answered_at"])
    report_snapshot_invalidate(program_id=invitation.program_id)
    answered = invitation
    webhook_emit(
        event="survey.completed",
        payload=lambda: webhook_payloads.survey_completed(
            survey_id=answered.pk,
            survey_kind=answered.kind,
            program_obj=answered.program,
            respondent=answered.respondent,
            at=now,
        ),
        now=now,
    )
    return invitation


@transaction.atomic
def survey_withdraw(
    *, invitation: SurveyInvitation, by: Any, now: datetime | None = None
) -> SurveyInvitation:
    """The respondent deletes their answers; they leave every figure and are not asked again."""
    now = now or clock.now()
    invitation = SurveyInvitation.objects.select_for_update().get(pk=invitation.pk)
    if not perms.is_respondent(by, invitation):
        raise DomainError(
            "Only the person who answered can withdraw the answers.", code="forbidden"
        )
    if invitation.answered_at is None:
        raise DomainError("There are no answers to withdraw.", code="conflict")
    SurveyAnswer.objects.filter(invitation=invitation).delete()
    invitation.answered_at = None
    invitation.withdrawn_at = now
    invitation.save(update_fields=["answered_at", "withdrawn_at"])
    # The answers are gone: figures that still hold them must not be shown again.
    report_snapshot_invalidate(program_id=invitation.program_id, purge=True)
    return invitation
