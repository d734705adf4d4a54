"""Matching JSON API: runs, draft, pins/forbids, moves, what-if, publish and export."""

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from ninja import Query, Router, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from mentora.accounts.api import current_user
from mentora.accounts.models import User
from mentora.lib.errors import DomainError
from mentora.lib.pagination import PageNumberPagination
from mentora.matching import selectors, services
from mentora.matching.export import draft_csv
from mentora.matching.models import DraftPair, MatchRule, MatchRun, UnmatchedMentee
from mentora.matching.permissions import can_use_workbench
from mentora.matching.schemas import (
    DraftFilters,
    MoveIn,
    MoveOptionOut,
    MoveOut,
    PairOut,
    PriorityIn,
    PriorityOut,
    PublishIn,
    PublishOut,
    PublishPreviewOut,
    RuleIn,
    RuleOut,
    RunOut,
    StatusOut,
    UnmatchedOut,
    WhatIfIn,
    WhatIfOut,
    WithdrawIn,
)
from mentora.matching.scores import score_100
from mentora.programs.models import Program
from mentora.programs.selectors import programs_visible_to
from mentora.relationships.models import Relationship
from mentora.relationships.permissions import can_view_relationship
from mentora.relationships.schemas import WhyMatchedOut

router = Router(tags=["matching"])
# Mounted at /relationships: a pair's "why we matched" is matching's to explain.
relationships_router = Router(tags=["relationships"])


def _program(request: HttpRequest, slug: str) -> Program:
    user = current_user(request)
    program = programs_visible_to(user=user).filter(slug=slug).first()
    if program is None:
        raise HttpError(404, f"No program with the address “{slug}”.")
    if not can_use_workbench(user, program):
        raise DomainError(
            f"Only the managers of {program} and organization admins can use its matching.",
            code="forbidden",
        )
    return program


def _draft(program: Program) -> MatchRun:
    draft = selectors.latest_draft(program)
    if draft is None:
        raise DomainError(f"{program} has no draft yet: start a run first.", code="not_found")
    return draft


def _person(user_id: int, field: str) -> User:
    user = User.objects.filter(pk=user_id).first()
    if user is None:
        raise DomainError(f"No person has the id {user_id}.", field=field)
    return user


@router.post("/{slug}/runs", response={202: RunOut}, summary="Start a matching run (queued)")
def run_start(request: HttpRequest, slug: str) -> Status[MatchRun]:
    run = services.matchrun_start(program=_program(request, slug), by=current_user(request))
    return Status(202, run)


@router.get("/{slug}/runs/{run_id}", response=RunOut, summary="A run's status and progress")
def run_detail(request: HttpRequest, slug: str, run_id: int) -> MatchRun:
    program = _program(request, slug)
    run = MatchRun.objects.filter(program=program, pk=run_id).select_related("program").first()
    if run is None:
        raise HttpError(404, f"No run {run_id} in {program}.")
    return run


@router.get("/{slug}/status", response=StatusOut, summary="The run in progress and the draft")
def status(request: HttpRequest, slug: str) -> dict[str, Any]:
    program = _program(request, slug)
    last = selectors.latest_run(program)
    return {
        "active": selectors.active_run(program),
        "draft": selectors.latest_draft(program),
        "last_failed": last if last and last.status == MatchRun.Status.FAILED else None,
    }


@router.get("/{slug}/draft/pairs", response=list[PairOut], summary="The draft's pairs (paged)")
@paginate(PageNumberPagination)
def draft_pairs(
    request: HttpRequest, slug: str, filters: Query[DraftFilters]
) -> QuerySet[DraftPair]:
    draft = _draft(_program(request, slug))
    return selectors.draft_pairs(draft, show=filters.show, department=filters.department)


@router.get(
    "/{slug}/draft/unmatched", response=list[UnmatchedOut], summary="Unmatched mentees (paged)"
)
@paginate(PageNumberPagination)
def draft_unmatched(request: HttpRequest, slug: str) -> QuerySet[UnmatchedMentee]:
    return selectors.unmatched_mentees(_draft(_program(request, slug)))


@router.post("/{slug}/draft/move", response=MoveOut, summary="Move a mentee to another mentor")
def draft_move(request: HttpRequest, slug: str, payload: MoveIn) -> dict[str, Any]:
    result = services.draft_move(
        program=_program(request, slug),
        mentee=_person(payload.mentee_id, "mentee_id"),
        mentor=_person(payload.mentor_id, "mentor_id"),
        by=current_user(request),
    )
    return {
        "pair": result.pair,
        "old_score": result.old_score,
        "new_score": result.new_score,
        "failed_constraints": list(result.failed),
    }


@router.get(
    "/{slug}/draft/move-options/{mentee_id}",
    response=list[MoveOptionOut],
    summary="The mentors a mentee could move to, with scores",
)
def draft_move_options(request: HttpRequest, slug: str, mentee_id: int) -> list[dict[str, Any]]:
    program = _program(request, slug)
    mentee = User.objects.filter(pk=mentee_id).first()
    if mentee is None:
        raise HttpError(404, f"No person with id {mentee_id}.")
    options = services.move_options(program=program, mentee=mentee, by=current_user(request))
    return [
        {
            "mentor": o.mentor,
            "score": o.score,
            "delta": o.delta,
            "room": o.room,
            "allowed": o.allowed,
            "failed_constraints": list(o.failed),
            "current": o.current,
        }
        for o in options
    ]


@router.get("/{slug}/rules", response=list[RuleOut], summary="Pins and forbidden pairs")
@paginate(PageNumberPagination)
def rules(request: HttpRequest, slug: str) -> QuerySet[MatchRule]:
    return selectors.program_rules(_program(request, slug))


@router.post("/{slug}/rules", response={201: RuleOut}, summary="Pin or forbid a pair")
def rule_set(request: HttpRequest, slug: str, payload: RuleIn) -> Status[MatchRule]:
    rule = services.matchrule_set(
        program=_program(request, slug),
        mentee=_person(payload.mentee_id, "mentee_id"),
        mentor=_person(payload.mentor_id, "mentor_id"),
        kind=payload.kind,
        note=payload.note,
        by=current_user(request),
    )
    return Status(201, rule)


@router.delete("/{slug}/rules/{rule_id}", response={204: None}, summary="Remove a pin or forbid")
def rule_delete(request: HttpRequest, slug: str, rule_id: int) -> Status[None]:
    program = _program(request, slug)
    rule = MatchRule.objects.filter(program=program, pk=rule_id).first()
    if rule is None:
        raise HttpError(404, f"No rule {rule_id} in {program}.")
    services.matchrule_delete(rule=rule, by=current_user(request))
    return Status(204, None)


@router.post(
    "/{slug}/what-if",
    response={200: WhatIfOut, 202: WhatIfOut},
    summary="Preview other weights/constraints next to the current draft",
)
def whatif(request: HttpRequest, slug: str, payload: WhatIfIn) -> Status[dict[str, Any]]:
    program = _program(request, slug)
    current = selectors.latest_draft(program)
    run = services.whatif_preview(
        program=program,
        by=current_user(request),
        weights=payload.weights,
        constraints=payload.constraints,
        objective=payload.objective,
    )
    body: dict[str, Any] = {"preview": run, "current": current}
    if run.status == MatchRun.Status.DONE and current is not None:
        cmp = selectors.compare_runs(current, run)
        body.update(changes=cmp.changes, unchanged=cmp.unchanged)
    # 202: a large program's preview was queued; poll GET /what-if/{id} until it is done.
    return Status(200 if run.status != MatchRun.Status.QUEUED else 202, body)


@router.get(
    "/{slug}/what-if/{run_id}",
    response=WhatIfOut,
    summary="A preview next to the current draft (poll this after a 202)",
)
def whatif_result(request: HttpRequest, slug: str, run_id: int) -> dict[str, Any]:
    program = _program(request, slug)
    run = MatchRun.objects.filter(program=program, pk=run_id).select_related("program").first()
    if run is None:
        raise HttpError(404, f"No run {run_id} in {program}.")
    current = selectors.latest_draft(program)
    body: dict[str, Any] = {"preview": run, "current": current}
    if run.status == MatchRun.Status.DONE and current is not None and current.pk != run.pk:
        cmp = selectors.compare_runs(current, run)
        body.update(changes=cmp.changes, unchanged=cmp.unchanged)
    return body


@router.post("/{slug}/what-if/{run_id}/adopt", response=RunOut, summary="Adopt a preview")
def whatif_adopt(request: HttpRequest, slug: str, run_id: int) -> MatchRun:
    program = _program(request, slug)
    run = MatchRun.objects.filter(program=program, pk=run_id).first()
    if run is None:
        raise HttpError(404, f"No run {run_id} in {program}.")
    return services.whatif_adopt(run=run, by=current_user(request))


@router.get("/{slug}/priority", response=PriorityOut, summary="The matching's priority")
def priority(request: HttpRequest, slug: str) -> dict[str, Any]:
    return services.priority_of(_program(request, slug).match_constraints or {})


@router.put("/{slug}/priority", response=PriorityOut, summary="Choose the matching's priority")
def priority_set(request: HttpRequest, slug: str, payload: PriorityIn) -> dict[str, Any]:
    saved = services.matchpriority_set(
        program=_program(request, slug), by=current_user(request), **payload.dict()
    )
    return services.priority_of(saved)


@router.post(
    "/{slug}/publish/preview", response=PublishPreviewOut,
    summary="What publishing will do: pairs, people told, the message each side will get",
)
def publish_preview(request: HttpRequest, slug: str, payload: PublishIn) -> dict[str, Any]:
    preview = services.publish_preview(
        program=_program(request, slug), by=current_user(request), intro=payload.intro
    )
    return preview.__dict__


def _intro(request: HttpRequest) -> str | None:
    """The optional ``intro`` of a JSON body (an empty body is no intro)."""
    import json

    if not request.body or "json" not in (request.content_type or ""):
        return None
    try:
        body = json.loads(request.body)
    except ValueError as exc:
        raise DomainError("The body must be JSON, e.g. {\"intro\": \"…\"}.", field="intro") from exc
    intro = body.get("intro") if isinstance(body, dict) else None
    if intro is not None and not isinstance(intro, str):
        raise DomainError("The introduction must be text.", field="intro")
    return intro


@router.post(
    "/{slug}/publish", response=PublishOut,
    summary="Publish the draft (optional JSON body: {\"intro\": \"first paragraph\"})",
)
def publish(request: HttpRequest, slug: str) -> dict[str, Any]:
    report = services.draft_publish(
        program=_program(request, slug), by=current_user(request), intro=_intro(request)
    )
    return {
        "run": report.run,
        "created": report.created,
        "mode": report.mode,
        "relationship_ids": [r.pk for r in report.relationships],
    }


@router.post(
    "/{slug}/matches/{relationship_id}/withdraw", response={204: None},
    summary="Withdraw a published match nobody has accepted yet (both are told)",
)
def withdraw(
    request: HttpRequest, slug: str, relationship_id: int, payload: WithdrawIn
) -> Status[None]:
    program = _program(request, slug)
    rel = Relationship.objects.filter(pk=relationship_id, program=program).first()
    if rel is None:
        raise HttpError(404, f"No relationship {relationship_id} in {program}.")
    services.match_withdraw(relationship=rel, by=current_user(request), reason=payload.reason)
    return Status(204, None)


@router.get("/{slug}/export", summary="The draft as CSV")
def export(request: HttpRequest, slug: str) -> HttpResponse:
    program = _program(request, slug)
    response = HttpResponse(draft_csv(_draft(program)), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{program.slug}-draft.csv"'
    return response


def _why_heading(why: dict[str, Any]) -> str:
    # The relationship page's wording (matching/_why_matched.html), so both read the same.
    if why["chosen"]:
        return "Why you fit" if why["member"] else "Why they fit"
    return "Why we matched you" if why["member"] else "Why they were matched"


@relationships_router.get(
    "/{pk}/why-matched", response=WhyMatchedOut, summary="Why we matched: the pair's reasons"
)
def why_matched_op(request: HttpRequest, pk: int) -> dict[str, Any]:
    user = current_user(request)
    rel = Relationship.objects.select_related("program", "mentee", "mentor").filter(pk=pk).first()
    if rel is None or not can_view_relationship(user, rel):
        raise HttpError(404, f"No relationship with id {pk} that you can see.")
    # The page's own code: the same privacy rule and each reader's wording.
    why = selectors.why_matched_worded(rel, user)
    if why is None:
        raise HttpError(
            404,
            f"Relationship {pk} has no match explanation: it was not published from a "
            "matching draft nor chosen from recommendations.",
        )
    return {
        "relationship_id": rel.pk,
        "source": "choice" if why["chosen"] else "matching",
        "score": why["score"],
        "score_out_of_100": score_100(why["score"]),
        "pinned": why["pinned"],
        "heading": _why_heading(why),
        "factors": [c for c in why["contributions"] if c["contribution"] > 0],
    }
