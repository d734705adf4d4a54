"""Feedback on strengths and areas for improvement, asked for and given."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import transaction
from django.urls import reverse

from mentora.careers.models import Element
from mentora.growth import permissions as perms
from mentora.growth.models import (
    Feedback,
    FeedbackItem,
    FeedbackRequest,
    Goal,
)
from mentora.growth.services.common import (
    clean_text,
    notify_person,
    refuse_unless,
)
from mentora.lib import clock
from mentora.lib.errors import DomainError


@transaction.atomic
def feedback_request_create(
    *, requester: Any, giver: Any, message: str = "", now: datetime | None = None
) -> FeedbackRequest:
    """Ask a mentor, coach or colleague for feedback; they are emailed."""
    now = now or clock.now()
    if not perms._authed(requester):
        raise DomainError("Sign in to ask for feedback.", code="forbidden")
    if giver is None or not giver.is_active:
        raise DomainError("Choose someone with an active account to ask.", field="giver")
    if giver.pk == requester.pk:
        raise DomainError("Ask someone other than yourself.", field="giver")
    if FeedbackRequest.objects.filter(
        requester=requester, giver=giver, status=FeedbackRequest.Status.OPEN
    ).exists():
        raise DomainError(
            f"You already asked {giver}; wait for the answer.", field="giver", code="conflict"
        )
    request = FeedbackRequest.objects.create(
        requester=requester,
        giver=giver,
        message=clean_text(message, field="message", label="Message", required=False, limit=2000),
        created_at=now,
    )
    notify_person(
        to=giver,
        kind="growth.feedback_request",
        context={"requester": requester, "message": request.message.strip()},
        url=reverse("growth:feedback_give", args=[requester.pk]) + f"?request={request.pk}",
        now=now,
    )
    return request


@transaction.atomic
def feedback_request_decline(
    *, request: FeedbackRequest, by: Any, now: datetime | None = None
) -> FeedbackRequest:
    """The person asked declines (or the asker withdraws) an open request."""
    now = now or clock.now()
    refuse_unless(perms.can_view_feedback_request(by, request), "This request is not yours.")
    if request.status != FeedbackRequest.Status.OPEN:
        raise DomainError("This request is already closed.", code="conflict")
    request.status, request.answered_at = FeedbackRequest.Status.DECLINED, now
    request.save(update_fields=["status", "answered_at"])
    return request


@dataclass(frozen=True)
class ItemFields:
    """One strength or area for improvement as typed by the giver."""

    kind: str
    observation: str
    example: str
    element_id: str = ""
    skill: str = ""
    goal_id: int | None = None


def _item(fields: ItemFields, *, index: int, recipient: Any) -> FeedbackItem:
    prefix = f"items.{index}"
    if fields.kind not in FeedbackItem.Kind.values:
        raise DomainError(
            f"Item {index + 1}: kind must be “strength” or “improvement”.", field=f"{prefix}.kind"
        )
    element_name, goal = "", None
    if fields.goal_id is not None:
        goal = Goal.objects.filter(pk=fields.goal_id, plan__owner=recipient).first()
        if goal is None:
            raise DomainError(
                f"Item {index + 1}: {recipient} has no goal with id {fields.goal_id}.",
                field=f"{prefix}.goal_id",
            )
    if fields.element_id:
        element_name = (
            Element.objects.filter(id=fields.element_id).values_list("name", flat=True).first()
            or ""
        )
        if not element_name:
            raise DomainError(
                f"Item {index + 1}: no skill with O*NET id “{fields.element_id}”.",
                field=f"{prefix}.element_id",
            )
    elif fields.skill:
        element_name = clean_text(
            fields.skill, field=f"{prefix}.skill", label="The skill", limit=200
        )
    if not element_name and goal is None:
        raise DomainError(
            f"Item {index + 1}: tie it to a skill or a goal.", field=f"{prefix}.skill"
        )
    return FeedbackItem(
        kind=fields.kind,
        element_id=fields.element_id,
        element_name=element_name,
        goal=goal,
        goal_outcome=goal.outcome if goal else "",
        observation=clean_text(
            fields.observation,
            field=f"{prefix}.observation",
            label=f"Item {index + 1}: what you observed",
            limit=4000,
        ),
        example=clean_text(
            fields.example,
            field=f"{prefix}.example",
            label=f"Item {index + 1}: an example",
            limit=4000,
        ),
    )


@transaction.atomic
def feedback_give(
    *,
    giver: Any,
    recipient: Any,
    items: Sequence[ItemFields],
    visibility: str = Feedback.Visibility.RECIPIENT,
    request: FeedbackRequest | None = None,
    now: datetime | None = None,
) -> Feedback:
    """Give structured feedback: strengths and areas for improvement, each tied to a skill or
    goal with an example. Answers ``request`` when given; the recipient is emailed."""
    now = now or clock.now()
    if request is not None:
        request = FeedbackRequest.objects.select_for_update().get(pk=request.pk)
    refuse_unless(
        perms.can_give_feedback(giver, recipient, request),
        "You can give feedback to the people you mentor or coach, and to anyone who asked you.",
    )
    if visibility not in Feedback.Visibility.values:
        raise DomainError(
            f"Visibility must be one of: {', '.join(Feedback.Visibility.values)}.",
            field="visibility",
        )
    if not items:
        raise DomainError("Add at least one strength or area for improvement.", field="items")
    rows = [_item(fields, index=i, recipient=recipient) for i, fields in enumerate(items)]
    feedback = Feedback.objects.create(
        giver=giver, recipient=recipient, visibility=visibility, request=request, created_at=now
    )
    for row in rows:
        row.feedback = feedback
    FeedbackItem.objects.bulk_create(rows)
    if request is not None:
        request.status, request.answered_at = FeedbackRequest.Status.ANSWERED, now
        request.save(update_fields=["status", "answered_at"])
    notify_person(
        to=recipient,
        kind="growth.feedback_received",
        context={"giver": giver, "points": len(rows)},
        url=reverse("growth:feedback"),
        now=now,
    )
    return feedback


# Situations ----------------------------------------------------------------------------------
