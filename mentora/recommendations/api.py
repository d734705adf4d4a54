"""Recommendations JSON API: my recommendations, my requests, requests to me, do not pair.

Everything a person may not see answers 404, exactly like something that does not exist.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from ninja import Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from mentora.accounts.api import current_user
from mentora.accounts.models import User
from mentora.lib.errors import DomainError
from mentora.lib.pagination import PageNumberPagination
from mentora.programs.models import Program
from mentora.programs.permissions import can_view_program
from mentora.recommendations import permissions as perms
from mentora.recommendations import services
from mentora.recommendations.models import DoNotPair, MentorChoice
from mentora.recommendations.ranking import Filters, recommendations_for
from mentora.recommendations.schemas import (
    ChoiceDetailOut,
    ChoiceOut,
    DeclineIn,
    DoNotPairIn,
    DoNotPairOut,
    MessageIn,
    MessageOut,
    RecommendationsOut,
    ReorderIn,
    RequestsIn,
)
from mentora.recommendations.selectors import choices_of, choices_to
from mentora.relationships.models import Relationship

router = Router(tags=["recommendations"])


class FiltersIn(Schema):
    department: str = ""
    language: str = ""
    meeting_format: str = ""
    held_target_role: bool = False


def _program(request: HttpRequest, slug: str) -> Program:
    program = Program.objects.filter(slug=slug).first()
    if program is None or not can_view_program(current_user(request), program):
        raise HttpError(404, f"No program with the address {slug!r} that you can see.")
    return program


def _choice(request: HttpRequest, pk: int) -> MentorChoice:
    choice = (
        MentorChoice.objects.select_related("program", "mentee", "mentor")
        .prefetch_related("messages__author")
        .filter(pk=pk)
        .first()
    )
    if choice is None or not perms.can_view_choice(current_user(request), choice):
        raise HttpError(404, f"No request with id {pk} that you can see.")
    return choice


@router.get(
    "/programs/{slug}", response=RecommendationsOut, summary="My recommendations in a program"
)
def recommendations(request: HttpRequest, slug: str, filters: Query[FiltersIn]) -> dict[str, Any]:
    program = _program(request, slug)
    user = current_user(request)
    problem = perms.choosing_problem(user, program)
    if problem:
        raise DomainError(problem, field="program", code="forbidden")
    if filters.meeting_format not in ("", "remote", "in_person"):
        raise DomainError("meeting_format is remote, in_person or empty.", field="meeting_format")
    result = recommendations_for(
        program=program,
        mentee=user,
        filters=Filters(
            department=filters.department,
            language=filters.language,
            meeting_format=filters.meeting_format,
            held_target_role=filters.held_target_role,
        ),
    )
    return {
        "program": program.slug,
        "shown": len(result.items),
        "matching": result.matching,
        "candidates": result.candidates,
        "departments": result.departments,
        "languages": result.languages,
        "problem": result.problem,
        "items": [
            {
                "mentor": {
                    "id": rec.mentor.pk,
                    "full_name": rec.mentor.full_name,
                    "job_title": rec.profile.job_title,
                    "department": rec.profile.department,
                    "profile_url": reverse("people:detail", args=[rec.mentor.pk]),
                },
                "score": rec.score,
                "percent": rec.percent,
                "held_target_role": rec.held_target_role,
                "places_left": rec.places_left,
                "reasons": [{**r.__dict__, "polarity": r.polarity} for r in rec.reasons],
            }
            for rec in result.items
        ],
    }


@router.get("/requests", response=list[ChoiceOut], summary="My requests (as mentee)")
@paginate(PageNumberPagination)
def request_list(request: HttpRequest) -> QuerySet[MentorChoice]:
    return choices_of(mentee=current_user(request))


@router.post("/requests", response={201: list[ChoiceOut]}, summary="Ask mentors, in order")
def request_create(request: HttpRequest, payload: RequestsIn) -> Status[list[MentorChoice]]:
    program = _program(request, payload.program)
    user = current_user(request)
    people = User.objects.in_bulk([m.id for m in payload.mentors])
    choices = []
    for index, chosen in enumerate(payload.mentors):
        if chosen.id not in people:
            raise DomainError(f"No person with id {chosen.id}.", field=f"mentors.{index}.id")
        choices.append((people[chosen.id], chosen.note))
    created = services.mentor_requests_add(program=program, mentee=user, by=user, choices=choices)
    return Status(201, created)


@router.post("/requests/reorder", response=list[ChoiceOut], summary="Reorder waiting requests")
def request_reorder(request: HttpRequest, payload: ReorderIn) -> list[MentorChoice]:
    program = _program(request, payload.program)
    user = current_user(request)
    return services.mentor_requests_reorder(
        program=program, mentee=user, by=user, order=payload.order
    )


@router.get("/requests/{pk}", response=ChoiceDetailOut, summary="A request and its questions")
def request_detail(request: HttpRequest, pk: int) -> MentorChoice:
    return _choice(request, pk)


@router.post("/requests/{pk}/withdraw", response=ChoiceOut, summary="Withdraw my request")
def request_withdraw(request: HttpRequest, pk: int) -> MentorChoice:
    return services.mentor_request_withdraw(choice=_choice(request, pk), by=current_user(request))


@router.post("/requests/{pk}/accept", response=ChoiceOut, summary="Accept (the mentor asked)")
def request_accept(request: HttpRequest, pk: int) -> MentorChoice:
    return services.mentor_request_accept(choice=_choice(request, pk), by=current_user(request))


@router.post("/requests/{pk}/decline", response=ChoiceOut, summary="Decline, saying why")
def request_decline(request: HttpRequest, pk: int, payload: DeclineIn) -> MentorChoice:
    return services.mentor_request_decline(
        choice=_choice(request, pk), by=current_user(request), reason=payload.reason
    )


@router.post(
    "/requests/{pk}/messages",
    response={201: MessageOut},
    summary="The mentor asks a question; the mentee answers",
)
def request_message(request: HttpRequest, pk: int, payload: MessageIn) -> Status[Any]:
    choice = _choice(request, pk)
    user = current_user(request)
    if user.pk == choice.mentor_id:
        message = services.request_question_ask(choice=choice, by=user, body=payload.body)
    else:
        message = services.request_question_answer(choice=choice, by=user, body=payload.body)
    return Status(201, message)


@router.get("/inbox", response=list[ChoiceOut], summary="Requests sent to me (as mentor)")
@paginate(PageNumberPagination)
def inbox(request: HttpRequest) -> QuerySet[MentorChoice]:
    return choices_to(mentor=current_user(request))


@router.get("/do-not-pair", response=list[DoNotPairOut], summary="My do-not-pair wishes")
def do_not_pair_list(request: HttpRequest) -> QuerySet[DoNotPair]:
    return DoNotPair.objects.filter(user=current_user(request)).select_related("other")


@router.post("/do-not-pair", response={201: DoNotPairOut}, summary="Do not pair us again")
def do_not_pair_create(request: HttpRequest, payload: DoNotPairIn) -> Status[DoNotPair]:
    user = current_user(request)
    relationship = (
        Relationship.objects.for_member(user)
        .select_related("program", "mentee", "mentor")
        .filter(pk=payload.relationship)
        .first()
    )
    if relationship is None:
        raise HttpError(404, f"No relationship with id {payload.relationship} that you are in.")
    entry = services.do_not_pair_create(relationship=relationship, by=user)
    return Status(201, DoNotPair.objects.select_related("other").get(pk=entry.pk))


@router.delete("/do-not-pair/{pk}", response={204: None}, summary="Take a wish back")
def do_not_pair_delete(request: HttpRequest, pk: int) -> Status[None]:
    entry = DoNotPair.objects.filter(pk=pk, user=current_user(request)).first()
    if entry is None:
        raise HttpError(404, f"No do-not-pair wish with id {pk} of yours.")
    services.do_not_pair_delete(entry=entry, by=current_user(request))
    return Status(204, None)
