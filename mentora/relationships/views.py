"""Relationship pages: my relationships, the relationship page and the changes made from it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from mentora.lib import clock
from mentora.lib.http import AuthedRequest
from mentora.notifications.links import user_timezone
from mentora.relationships import permissions as perms
from mentora.relationships.exports import relationship_record
from mentora.relationships.forms import (
    ActionForm,
    CheckInForm,
    ReflectionForm,
    ScheduleForm,
)
from mentora.relationships.health import health_of, with_health_data, wrap_up_reason
from mentora.relationships.models import ActionItem, Meeting, Relationship
from mentora.relationships.selectors import relationships_for
from mentora.relationships.services import lifecycle
from mentora.relationships.services.actions import (
    action_item_add,
    action_item_set_status,
    check_in_create,
)
from mentora.relationships.services.ending import reflection_create, rematch_request_create
from mentora.relationships.services.nudges import relationship_nudge
from mentora.relationships.views_common import back, relationship_for, run, run_form

TRANSITION_SERVICES = lifecycle.PERSON_TRANSITIONS
TRANSITION_LABELS = {
    "accept": "Accept",
    "decline": "Decline",
    "pause": "Pause",
    "resume": "Resume",
    "complete": "Mark completed",
    "end_early": "End early",
}
TAKES_REASON = lifecycle.TAKES_REASON


def _transitions_for(user: Any, relationship: Relationship) -> list[tuple[str, str, bool]]:
    out = []
    for action in lifecycle.allowed_actions(relationship):
        if action not in TRANSITION_SERVICES:
            continue
        check = perms.can_answer_request if action in ("accept", "decline") else perms.can_steer
        if check(user, relationship):
            out.append((action, TRANSITION_LABELS[action], action in TAKES_REASON))
    return out


@login_required
def relationship_list(request: AuthedRequest) -> HttpResponse:
    now = clock.now()
    user = request.user
    rows = list(with_health_data(relationships_for(user), now=now))
    mine = [r for r in rows if r.member_role(user)]
    overseen = [r for r in rows if not r.member_role(user)]
    for r in rows:
        r.health = health_of(r, now=now)  # type: ignore[attr-defined]
    return render(
        request,
        "relationships/relationship_list.html",
        {
            "mine": mine,
            "overseen": overseen,
            "stalled": [r for r in overseen if r.health.stalled],  # type: ignore[attr-defined]
            "overseen_programs": perms.overseen_programs(user).order_by("name") if overseen else [],
        },
    )


def _detail_queryset(now: datetime) -> QuerySet[Relationship]:
    """The relationship with what its page needs before the lists: people, program, agreement,
    health figures and meetings held in one query; the program's managers in a second."""
    held = (
        Meeting.objects.held(now)
        .filter(relationship=OuterRef("pk"))
        .order_by()
        .values("relationship")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        with_health_data(
            Relationship.objects.select_related("program", "mentee", "mentor", "agreement"),
            now=now,
        )
        .annotate(held_total=Coalesce(Subquery(held, output_field=IntegerField()), 0))
        # Who may steer, nudge, oversee and read why they were matched is asked up to seven
        # times per page: the program's managers, loaded once, answer every time.
        .prefetch_related("program__managers")
    )


@login_required
def relationship_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    user, now = request.user, clock.now()
    relationship = relationship_for(request, pk, _detail_queryset(now))
    content = perms.can_view_content(user, relationship)
    context: dict[str, Any] = {
        "rel": relationship,
        "role": relationship.member_role(user),
        "content": content,
        "can_change": perms.can_change_content(user, relationship),
        "can_nudge": perms.can_nudge(user, relationship)
        and relationship.status == Relationship.Status.ACTIVE,
        "transitions": _transitions_for(user, relationship),
        "events": perms.visible_events(user, relationship),
        "health": health_of(relationship, now=now),
        "tz": user_timezone(user),
        "oversees": perms.oversees(user, relationship),
    }
    held = relationship.held_total  # type: ignore[attr-defined]
    context["held"] = held
    context["wrap_up"] = wrap_up_reason(relationship, held=held, today=now.date())
    if content:
        context["agreement"] = getattr(relationship, "agreement", None)
        context.update(
            upcoming=relationship.meetings.upcoming(now)[:10],
            past=relationship.meetings.filter(starts_at__lt=now).order_by("-starts_at")[:5],
            actions=relationship.action_items.select_related("owner").order_by(
                "status", "due_on", "pk"
            ),
            check_ins=relationship.check_ins.select_related("author")[:10],
            schedule_form=ScheduleForm(
                initial={"cadence": getattr(context["agreement"], "cadence", "")}
            ),
            action_form=ActionForm(relationship=relationship),
            check_in_form=CheckInForm(),
        )
        if relationship.is_closed:  # reflections and rematch belong to a closed relationship
            context.update(
                reflections=relationship.reflections.select_related("author"),
                wrote_reflection=relationship.reflections.filter(author=user).exists(),
                can_rematch=relationship.member_role(user) == "mentee"
                and not hasattr(relationship, "rematch_request"),
                reflection_form=ReflectionForm(),
            )
    return render(request, "relationships/relationship_detail.html", context)


@login_required
@require_POST
def relationship_transition(request: AuthedRequest, pk: int, action: str) -> HttpResponse:
    relationship = relationship_for(request, pk)
    service = TRANSITION_SERVICES.get(action)
    if service is None:
        raise Http404("No such action.")
    reason = request.POST.get("reason", "")
    kwargs: dict[str, Any] = {"relationship": relationship, "by": request.user}
    if action in TAKES_REASON:
        kwargs["reason"] = str(reason)
    run(request, lambda: service(**kwargs), f"{TRANSITION_LABELS[action]}: done.")
    return redirect("relationships:detail", pk=pk)


def _posted_form_view(
    form_class: type[forms.Form], service: Callable[..., Any], success: str, prefix: str
) -> Callable[[AuthedRequest, int], HttpResponse]:
    """A view that validates a posted form and passes its data to a relationship service."""

    @login_required
    @require_POST
    def view(request: AuthedRequest, pk: int) -> HttpResponse:
        relationship = relationship_for(request, pk)
        run_form(
            request,
            form_class(request.POST),
            lambda data: service(relationship=relationship, by=request.user, **data),
            success,
            prefix=prefix,
        )
        return redirect("relationships:detail", pk=pk)

    return view


check_in_add = _posted_form_view(
    CheckInForm, check_in_create, "Thank you for checking in.", "Check-in"
)
reflection_add = _posted_form_view(
    ReflectionForm, reflection_create, "Thank you for your reflection.", "Reflection"
)


@login_required
@require_POST
def action_add(request: AuthedRequest, pk: int) -> HttpResponse:
    relationship = relationship_for(request, pk)
    meeting = None
    if str(request.POST.get("meeting", "")).isdigit():
        meeting = relationship.meetings.filter(pk=int(request.POST["meeting"])).first()

    def add(data: dict[str, Any]) -> ActionItem:
        owner = relationship.mentee if int(data["owner"]) == relationship.mentee_id else None
        return action_item_add(
            relationship=relationship,
            by=request.user,
            text=data["text"],
            owner=owner or relationship.mentor,
            due_on=data["due_on"],
            meeting=meeting,
        )

    run_form(
        request,
        ActionForm(request.POST, relationship=relationship),
        add,
        "Action added.",
        prefix="Action",
    )
    if meeting is not None:
        return redirect("relationships:meeting", pk=meeting.pk)
    return redirect("relationships:detail", pk=pk)


@login_required
@require_POST
def action_toggle(request: AuthedRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(ActionItem.objects.select_related("relationship"), pk=pk)
    if not perms.can_view_content(request.user, item.relationship):
        raise Http404("No such action.")
    run(
        request,
        lambda: action_item_set_status(
            item=item, by=request.user, done=request.POST.get("done") == "1"
        ),
        "Action updated.",
    )
    return back(request, reverse("relationships:detail", args=[item.relationship_id]))


@login_required
@require_POST
def nudge(request: AuthedRequest, pk: int) -> HttpResponse:
    relationship = relationship_for(request, pk)
    run(
        request,
        lambda: relationship_nudge(
            relationship=relationship, by=request.user, note=request.POST.get("note", "")
        ),
        f"{relationship.mentee} and {relationship.mentor} have been sent a friendly reminder.",
    )
    return back(request, reverse("relationships:detail", args=[pk]))


@login_required
@require_POST
def rematch(request: AuthedRequest, pk: int) -> HttpResponse:
    relationship = relationship_for(request, pk)
    run(
        request,
        lambda: rematch_request_create(
            relationship=relationship, by=request.user, note=request.POST.get("note", "")
        ),
        "You are in the queue to be matched again; a program manager will be in touch.",
    )
    return redirect("relationships:detail", pk=pk)


@login_required
def relationship_export(request: AuthedRequest, pk: int) -> HttpResponse:
    """Download everything this person may read about the relationship, as JSON."""
    relationship = relationship_for(request, pk)
    if not perms.can_view_content(request.user, relationship):
        raise Http404("No such relationship.")
    record = relationship_record(relationship=relationship, user=request.user)
    response = JsonResponse(record, json_dumps_params={"indent": 2, "ensure_ascii": False})
    response["Content-Disposition"] = f'attachment; filename="mentora-relationship-{pk}.json"'
    return response
