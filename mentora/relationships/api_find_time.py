"""JSON API for finding a time: free slots for both, proposals, confirming; a series' cancel."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError

from mentora.accounts.api import current_user
from mentora.notifications.links import local_time_text
from mentora.relationships import permissions as perms
from mentora.relationships.models import (
    MeetingProposal,
    MeetingSeries,
    ProposedSlot,
    Relationship,
)
from mentora.relationships.services.meetings import meeting_series_cancel
from mentora.relationships.services.proposals import (
    meeting_proposal_confirm,
    meeting_propose,
    meeting_suggestions,
)

router = Router(tags=["relationships"])


class SlotOut(Schema):
    id: int | None = None
    starts_at: datetime
    starts_local: str


class ProposalOut(Schema):
    id: int
    proposed_by: str
    mine: bool
    status: str
    duration_minutes: int
    count: int
    cadence: str
    slots: list[SlotOut]


class ProposalIn(Schema):
    starts: list[datetime] = Field(..., description="1 to 5 aware ISO start times.")
    duration_minutes: int = 45
    count: int = Field(1, description="More than 1: a series at the cadence.")
    cadence: str | None = None


class ConfirmIn(Schema):
    slot_id: int


class ConfirmedOut(Schema):
    meeting_ids: list[int]
    series_id: int | None = None


class CancelledOut(Schema):
    cancelled: int


def _pair(request: HttpRequest, pk: int) -> Relationship:
    rel = Relationship.objects.select_related("mentee", "mentor", "agreement").filter(pk=pk).first()
    if rel is None or not perms.can_view_content(current_user(request), rel):
        raise HttpError(404, f"No relationship with id {pk} that you can see.")
    return rel


def _proposal_out(proposal: MeetingProposal, user: Any) -> dict[str, Any]:
    return {
        "id": proposal.pk,
        "proposed_by": str(proposal.proposed_by),
        "mine": proposal.proposed_by_id == user.pk,
        "status": proposal.status,
        "duration_minutes": proposal.duration_minutes,
        "count": proposal.count,
        "cadence": proposal.cadence,
        "slots": [
            {
                "id": s.pk,
                "starts_at": s.starts_at,
                "starts_local": local_time_text(s.starts_at, user),
            }
            for s in proposal.slots.all()
        ],
    }


@router.get("/{pk}/find-a-time", response=list[SlotOut], summary="Start times that suit you both")
def find_a_time(request: HttpRequest, pk: int, duration_minutes: int = 45) -> list[dict]:
    user = current_user(request)
    starts = meeting_suggestions(
        relationship=_pair(request, pk), by=user, duration_minutes=duration_minutes
    )
    return [{"starts_at": s, "starts_local": local_time_text(s, user)} for s in starts]


@router.get("/{pk}/proposals", response=list[ProposalOut], summary="Times proposed in the pair")
def proposal_list(request: HttpRequest, pk: int) -> list[dict[str, Any]]:
    user = current_user(request)
    proposals = (
        MeetingProposal.objects.filter(relationship=_pair(request, pk))
        .select_related("proposed_by")
        .prefetch_related("slots")[:20]
    )
    return [_proposal_out(p, user) for p in proposals]


@router.post("/{pk}/proposals", response={201: ProposalOut}, summary="Propose times")
def proposal_create(request: HttpRequest, pk: int, payload: ProposalIn) -> Any:
    user = current_user(request)
    proposal = meeting_propose(
        relationship=_pair(request, pk),
        by=user,
        starts=payload.starts,
        duration_minutes=payload.duration_minutes,
        count=payload.count,
        cadence=payload.cadence,
    )
    return Status(201, _proposal_out(proposal, user))


@router.post("/proposals/{pk}/confirm", response=ConfirmedOut, summary="Confirm one proposed time")
def proposal_confirm(request: HttpRequest, pk: int, payload: ConfirmIn) -> Any:
    user = current_user(request)
    proposal = MeetingProposal.objects.select_related("relationship").filter(pk=pk).first()
    if proposal is None or not perms.can_view_content(user, proposal.relationship):
        raise HttpError(404, f"No proposal with id {pk} that you can see.")
    slot = (
        ProposedSlot.objects.filter(proposal=proposal, pk=payload.slot_id).first()
        if 0 < payload.slot_id < 2**31
        else None
    )
    if slot is None:
        raise HttpError(422, "slot_id: choose one of this proposal's times.")
    meetings = meeting_proposal_confirm(proposal=proposal, slot=slot, by=user)
    return {"meeting_ids": [m.pk for m in meetings], "series_id": meetings[0].series_id}


@router.post("/series/{pk}/cancel", response=CancelledOut, summary="Cancel a whole series")
def series_cancel(request: HttpRequest, pk: int) -> Any:
    user = current_user(request)
    series = MeetingSeries.objects.select_related("relationship").filter(pk=pk).first()
    if series is None or not perms.can_view_content(user, series.relationship):
        raise HttpError(404, f"No series with id {pk} that you can see.")
    return {"cancelled": meeting_series_cancel(series=series, by=user)}
