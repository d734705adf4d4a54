"""Outcomes JSON API: my surveys and answers (own only), program aggregates and the schedule.

Anything a person may not see answers 404, exactly like something that does not exist.
"""

from __future__ import annotations

from typing import Any

from django.db.models import F
from django.http import HttpRequest, HttpResponse
from ninja import Router, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from mentora.accounts.api import current_user
from mentora.lib import clock
from mentora.lib.errors import DomainError
from mentora.lib.pagination import PageNumberPagination
from mentora.outcomes import permissions as perms
from mentora.outcomes.exports import outcomes_export
from mentora.outcomes.models import SurveyAnswer, SurveyInvitation
from mentora.outcomes.reports.overview import CAVEAT, organization_overview
from mentora.outcomes.schemas import (
    AnswerOut,
    AnswersIn,
    OverviewOut,
    ReportOut,
    ScheduleIn,
    ScheduleOut,
    SurveyDetailOut,
    SurveyOut,
)
from mentora.outcomes.services import (
    invitation_questions,
    schedule_for,
    survey_schedule_update,
    survey_submit,
    survey_withdraw,
)
from mentora.outcomes.snapshots import Kind, report_for
from mentora.outcomes.stats import min_group_size
from mentora.outcomes.tables import Report
from mentora.programs.models import Program

router = Router(tags=["outcomes"])


def _survey_row(invitation: SurveyInvitation) -> dict[str, Any]:
    return {
        "id": invitation.pk,
        "kind": invitation.kind,
        "program": invitation.program.slug,
        "status": invitation.status_at(clock.now()),
        "relationship_id": invitation.relationship_id,
        "opens_at": invitation.opens_at,
        "closes_at": invitation.closes_at,
        "answered_at": invitation.answered_at,
    }


def _survey(request: HttpRequest, pk: int) -> SurveyInvitation:
    invitation = SurveyInvitation.objects.select_related("program").filter(pk=pk).first()
    if invitation is None or not perms.is_respondent(current_user(request), invitation):
        raise HttpError(404, f"No survey with id {pk} that you can see.")
    return invitation


def _detail(invitation: SurveyInvitation) -> dict[str, Any]:
    data = _survey_row(invitation)
    data["questions"] = [
        {"key": q.key, "text": q.text, "scale": [{"value": v, "label": t} for v, t in q.scale]}
        for q in invitation_questions(invitation)
    ]
    data["answers"] = (
        dict(invitation.answers.values_list("item", "value")) if invitation.answered_at else None
    )
    return data


@router.get("/surveys", response=list[SurveyOut], summary="My surveys (open, answered, closed)")
@paginate(PageNumberPagination)
def survey_list(request: HttpRequest) -> list[dict[str, Any]]:
    invitations = (
        perms.visible_invitations(current_user(request))
        .filter(opens_at__lte=clock.now())
        .select_related("program")
        .order_by("-opens_at", "-pk")
    )
    return [_survey_row(i) for i in invitations]


@router.get(
    "/surveys/{pk}", response=SurveyDetailOut, summary="One of my surveys: questions, my answers"
)
def survey_detail(request: HttpRequest, pk: int) -> dict[str, Any]:
    return _detail(_survey(request, pk))


@router.post("/surveys/{pk}/answers", response={201: SurveyDetailOut}, summary="Answer a survey")
def survey_answer(request: HttpRequest, pk: int, payload: AnswersIn) -> Status[dict[str, Any]]:
    invitation = survey_submit(
        invitation=_survey(request, pk), by=current_user(request), answers=payload.answers
    )
    return Status(201, _detail(invitation))


@router.delete("/surveys/{pk}/answers", response={204: None}, summary="Delete my answers")
def survey_answers_delete(request: HttpRequest, pk: int) -> Status[None]:
    survey_withdraw(invitation=_survey(request, pk), by=current_user(request))
    return Status(204, None)


@router.get("/answers", response=list[AnswerOut], summary="Every answer I gave (mine only)")
@paginate(PageNumberPagination)
def answer_list(request: HttpRequest) -> Any:
    return (
        perms.visible_answers(current_user(request), SurveyAnswer.objects.all())
        .filter(invitation__answered_at__isnull=False)
        .order_by("-invitation__answered_at", "pk")
        .values(
            "item",
            "value",
            survey_id=F("invitation_id"),
            kind=F("invitation__kind"),
            program=F("invitation__program__slug"),
            answered_at=F("invitation__answered_at"),
        )
    )


def _program(request: HttpRequest, slug: str) -> Program:
    program = Program.objects.filter(slug=slug).first()
    if program is None or not perms.can_view_analytics(current_user(request), program):
        raise HttpError(404, f"No program {slug!r} whose analytics you can see.")
    return program


def _report(program: Program, report: Report) -> dict[str, Any]:
    return {
        "program": program.slug,
        "min_group_size": report.extras["min_group_size"],
        "computed_at": report.computed_at,
        "summary": report.extras.get("summary", []),
        "tables": [t.as_json() for t in report.tables],
    }


@router.get(
    "/programs/{slug}/dashboard", response=ReportOut, summary="Program dashboard (aggregates)"
)
def program_dashboard(request: HttpRequest, slug: str) -> dict[str, Any]:
    program = _program(request, slug)
    return _report(program, report_for(program, kind=Kind.DASHBOARD, now=clock.now()))


@router.get(
    "/programs/{slug}/outcomes", response=ReportOut, summary="Pre/post outcomes (aggregates)"
)
def program_outcomes(request: HttpRequest, slug: str) -> dict[str, Any]:
    program = _program(request, slug)
    return _report(program, report_for(program, kind=Kind.OUTCOMES, now=clock.now()))


@router.get(
    "/overview", response=OverviewOut,
    summary="The organization overview: every program I may see, in plain sentences",
)
def overview(request: HttpRequest) -> dict[str, Any]:
    programs = list(
        perms.analytics_programs(current_user(request))
        .exclude(status=Program.Status.DRAFT)
        .order_by("name")
    )
    if not programs:  # as the page: nothing to show anyone who manages no program
        raise HttpError(404, "You manage no programs, so there is no overview to show.")
    now = clock.now()
    result = organization_overview(programs, now=now)
    return {
        "as_of": now,
        "min_group_size": min_group_size(),
        "totals": result.totals,
        "programs": [
            {
                "program": line.program.slug,
                "name": line.program.name,
                "enrolled": line.enrolled,
                "matched": line.matched,
                "active": line.active,
                "attention": line.attention,
                "summary": line.dashboard,
                "outcomes": line.outcomes,
                "movement": line.movement,
            }
            for line in result.programs
        ],
        "caveat": CAVEAT,
    }


@router.get(
    "/programs/{slug}/export.{fmt}",
    summary="The outcome tables as a file: .xlsx (all) or .csv (?table=key)",
)
def program_export(request: HttpRequest, slug: str, fmt: str, table: str = "") -> HttpResponse:
    program = _program(request, slug)
    return outcomes_export(program=program, fmt=fmt, table=table, now=clock.now()).response()


def _schedule_out(program: Program) -> dict[str, Any]:
    schedule = schedule_for(program)
    return {
        "program": program.slug,
        "enabled": schedule.enabled,
        "midpoint_week": schedule.midpoint_week,
        "end_week": schedule.end_week,
        "quality_after_meetings": schedule.quality_after_meetings,
        "exit_survey": schedule.exit_survey,
        "saved": schedule.pk is not None,
    }


@router.get(
    "/programs/{slug}/schedule", response=ScheduleOut, summary="The program's survey schedule"
)
def schedule_detail(request: HttpRequest, slug: str) -> dict[str, Any]:
    return _schedule_out(_program(request, slug))


@router.patch(
    "/programs/{slug}/schedule", response=ScheduleOut, summary="Change the survey schedule"
)
def schedule_update(request: HttpRequest, slug: str, payload: ScheduleIn) -> dict[str, Any]:
    program = _program(request, slug)
    data = payload.model_dump(exclude_unset=True)
    for name in ("enabled", "end_week", "quality_after_meetings", "exit_survey"):
        if name in data and data[name] is None:
            raise DomainError(f"{name.replace('_', ' ').capitalize()} cannot be empty.", field=name)
    survey_schedule_update(program=program, by=current_user(request), data=data)
    return _schedule_out(program)
