"""JSON API for program managers: a program's relationships and health, stalled pairs, the
rematch queue and agreement templates. Mounted under /api/v1/relationships."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Router, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from mentora.accounts.api import current_user
from mentora.lib import clock
from mentora.lib.errors import DomainError
from mentora.lib.pagination import PageNumberPagination
from mentora.programs.models import Program
from mentora.relationships import permissions as perms
from mentora.relationships.models import AgreementTemplate, Relationship, RematchRequest
from mentora.relationships.schemas import (
    OverviewOut,
    RematchOut,
    ResolveIn,
    TemplateIn,
    TemplateOut,
    TemplatePatchIn,
)
from mentora.relationships.selectors import (
    program_relationships,
    rematch_queue,
    stalled_relationships,
)
from mentora.relationships.services.ending import rematch_request_resolve
from mentora.relationships.services.templates import (
    agreement_template_create,
    agreement_template_delete,
    agreement_template_update,
)

router = Router(tags=["relationships: program managers"])


def _program(request: HttpRequest, slug: str) -> Program:
    program = Program.objects.filter(slug=slug).first()
    if program is None:
        raise HttpError(404, f"No program with the address {slug!r}.")
    if not perms.can_oversee_program_relationships(current_user(request), program):
        raise DomainError(f"Only the managers of {program} can see this.", code="forbidden")
    return program


@router.get(
    "/programs/{slug}/relationships",
    response=list[OverviewOut],
    summary="A program's ongoing relationships with health, stalled first",
)
@paginate(PageNumberPagination)
def program_overview(request: HttpRequest, slug: str, stalled: bool = False) -> list[Relationship]:
    rows = program_relationships(program=_program(request, slug), now=clock.now())
    return [r for r in rows if r.health.stalled] if stalled else rows  # type: ignore[attr-defined]


@router.get(
    "/stalled",
    response=list[OverviewOut],
    summary="Stalled relationships in every program I manage",
)
@paginate(PageNumberPagination)
def stalled(request: HttpRequest, program: str = "") -> list[Relationship]:
    programs = perms.overseen_programs(current_user(request))
    if not programs.exists():  # as the page: only program managers see stalled pairs
        raise DomainError("Only program managers see stalled relationships.", code="forbidden")
    if program:
        programs = programs.filter(slug=program)
    return stalled_relationships(programs=programs, now=clock.now())


@router.get(
    "/programs/{slug}/rematch-queue",
    response=list[RematchOut],
    summary="Mentees waiting to be matched again (handled=true: those already handled)",
)
@paginate(PageNumberPagination)
def rematch_queue_op(
    request: HttpRequest, slug: str, handled: bool = False
) -> QuerySet[RematchRequest]:
    return rematch_queue(program=_program(request, slug), handled=handled)


@router.post(
    "/rematch-requests/{pk}/handled",
    response=RematchOut,
    summary="Take a request off the rematch queue",
)
def rematch_handle(request: HttpRequest, pk: int, payload: ResolveIn) -> RematchRequest:
    item = (
        RematchRequest.objects.select_related(
            "program", "mentee", "relationship__mentor", "resolved_by"
        )
        .filter(pk=pk)
        .first()
    )
    if item is None or not perms.can_oversee_program_relationships(
        current_user(request), item.program
    ):
        raise HttpError(404, f"No rematch request with id {pk} that you manage.")
    return rematch_request_resolve(
        rematch_request=item, by=current_user(request), resolution=payload.resolution
    )


@router.get(
    "/programs/{slug}/agreement-templates",
    response=list[TemplateOut],
    summary="A program's agreement templates",
)
def template_list(request: HttpRequest, slug: str) -> QuerySet[AgreementTemplate]:
    return AgreementTemplate.objects.filter(program=_program(request, slug)).select_related(
        "program"
    )


@router.post(
    "/programs/{slug}/agreement-templates",
    response={201: TemplateOut},
    summary="Add an agreement template (the first becomes the default)",
)
def template_create(
    request: HttpRequest, slug: str, payload: TemplateIn
) -> Status[AgreementTemplate]:
    template = agreement_template_create(
        program=_program(request, slug),
        by=current_user(request),
        data=payload.model_dump(exclude_unset=True),
    )
    return Status(201, template)


def _template(request: HttpRequest, pk: int) -> AgreementTemplate:
    template = AgreementTemplate.objects.select_related("program").filter(pk=pk).first()
    if template is None or not perms.can_manage_templates(current_user(request), template.program):
        raise HttpError(404, f"No agreement template with id {pk} that you manage.")
    return template


@router.get("/agreement-templates/{pk}", response=TemplateOut, summary="One template")
def template_get(request: HttpRequest, pk: int) -> AgreementTemplate:
    return _template(request, pk)


@router.patch("/agreement-templates/{pk}", response=TemplateOut, summary="Change a template")
def template_patch(request: HttpRequest, pk: int, payload: TemplatePatchIn) -> Any:
    return agreement_template_update(
        template=_template(request, pk),
        by=current_user(request),
        data=payload.model_dump(exclude_unset=True),
    )


@router.delete("/agreement-templates/{pk}", response={204: None}, summary="Delete a template")
def template_delete(request: HttpRequest, pk: int) -> Status[None]:
    agreement_template_delete(template=_template(request, pk), by=current_user(request))
    return Status(204, None)
