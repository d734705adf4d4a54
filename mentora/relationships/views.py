"""Relationship pages: my relationships, the relationship page and the changes made from it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from mentora.lib import clock
from mentora.lib.errors import DomainError
from mentora.lib.http import AuthedRequest
from mentora.notifications.links import user_timezone
from mentora.relationships import permissions as perms
from mentora.relationships.forms import (
    ActionForm,
    CheckInForm,
    ReflectionForm,
    ScheduleForm,
)
from mentora.relationships.health import health_of, with_health_data
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

TRANSITION_SERVICES: dict[str, Callable[..., Relationship]] = {
    "accept": lifecycle.relationship_accept,
    "decline": lifecycle.relationship_decline,
    "pause": lifecycle.relationship_pause,
    "resume": lifecycle.relationship_resume,
    "complete": lifecycle.relationship_complete,
    "end_early": lifecycle.relationship_end_early,
}
TRANSITION_LABELS = {
    "accept": "Accept",
    "decline": "Decline",
    "pause": "Pause",
    "resume": "Resume",
    "complete": "Mark completed",
    "end_early": "End early",
}
TAKES_REASON = {"decline", "pause", "complete", "end_early"}


def relationship_for(request: AuthedRequest, pk: int) -> Relationship:
    """The relationship if the person may see it; otherwise 404 (its existence stays hidden)."""
    relationship = get_object_or_404(
        Relationship.objects.select_related("program", "mentee", "mentor"), pk=pk
    )
    if not perms.can_view_relationship(request.user, relationship):
        raise Http404("No such relationship.")
    return relationship


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
        {"mine": mine, "overseen": overseen, "stalled": [r for r in overseen if r.health.stalled]},  # type: ignore[attr-defined]
    )


@login_required
def relationship_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    relationship = relationship_for(request, pk)
    user, now = request.user, clock.now()
    content = perms.can_view_content(user, relationship)
    context: dict[str, Any] = {
        "rel": relationship,
        "role": relationship.member_role(user),
        "content": content,
        "can_change": perms.can_change_content(user, relationship),
        "can_nudge": perms.can_nudge(user, relationship)
        and relationship.status == Relationship.Status.ACTIVE,
        "transitions": _transitions_for(user, relationship),
        "events": relationship.events.select_related("by"),
        "health": health_of(relationship, now=now),
        "tz": user_timezone(user),
    }
    if content:
        context["agreement"] = getattr(relationship, "agreement", None)
        context.update(
            upcoming=relationship.meetings.upcoming(now)[:10],
            past=relationship.meetings.filter(starts_at__lt=now).order_by("-starts_at")[:5],
            actions=relationship.action_items.select_related("owner").order_by(
                "status", "due_on", "pk"
            ),
            check_ins=relationship.check_ins.select_related("author")[:10],
            reflections=relationship.reflections.select_related("author"),
            wrote_reflection=relationship.reflections.filter(author=user).exists(),
            can_rematch=relationship.member_role(user) == "mentee"
            and relationship.is_closed
            and not hasattr(relationship, "rematch_request"),
            schedule_form=ScheduleForm(
                initial={"cadence": getattr(context["agreement"], "cadence", "")}
            ),
            action_form=ActionForm(relationship=relationship),
            check_in_form=CheckInForm(),
            reflection_form=ReflectionForm(),
        )
    return render(request, "relationships/relationship_detail.html", context)


def _run(request: AuthedRequest, call: Callable[[], Any], success: str) -> bool:
    try:
        call()
    except DomainError as exc:
        messages.error(request, exc.message)
        return False
    messages.success(request, success)
    return True


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
    _run(request, lambda: service(**kwargs), f"{TRANSITION_LABELS[action]}: done.")
    return redirect("relationships:detail", pk=pk)


@login_required
@require_POST
def check_in_add(request: AuthedRequest, pk: int) -> HttpResponse:
    relationship = relationship_for(request, pk)
    form = CheckInForm(request.POST)
    if not form.is_valid():
        messages.error(
            request,
            "Check-in: "
            + "; ".join(f"{form.fields[f].label}: {e[0]}" for f, e in form.errors.items()),
        )
        return redirect("relationships:detail", pk=pk)
    _run(
        request,
        lambda: check_in_create(relationship=relationship, by=request.user, **form.cleaned_data),
        "Thank you for checking in.",
    )
    return redirect("relationships:detail", pk=pk)


@login_required
@require_POST
def action_add(request: AuthedRequest, pk: int) -> HttpResponse:
    relationship = relationship_for(request, pk)
    form = ActionForm(request.POST, relationship=relationship)
    meeting = None
    if request.POST.get("meeting"):
        meeting = Meeting.objects.filter(
            pk=request.POST["meeting"], relationship=relationship
        ).first()
    back = (
        redirect("relationships:meeting", pk=meeting.pk)
        if meeting
        else redirect("relationships:detail", pk=pk)
    )
    if not form.is_valid():
        messages.error(
            request,
            "Action: "
            + "; ".join(f"{form.fields[f].label}: {e[0]}" for f, e in form.errors.items()),
        )
        return back
    owner = (
        relationship.mentee
        if int(form.cleaned_data["owner"]) == relationship.mentee_id
        else relationship.mentor
    )
    _run(
        request,
        lambda: action_item_add(
            relationship=relationship,
            by=request.user,
            text=form.cleaned_data["text"],
            owner=owner,
            due_on=form.cleaned_data["due_on"],
            meeting=meeting,
        ),
        "Action added.",
    )
    return back


@login_required
@require_POST
def action_toggle(request: AuthedRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(ActionItem.objects.select_related("relationship"), pk=pk)
    if not perms.can_view_content(request.user, item.relationship):
        raise Http404("No such action.")
    _run(
        request,
        lambda: action_item_set_status(
            item=item, by=request.user, done=request.POST.get("done") == "1"
        ),
        "Action updated.",
    )
    return redirect(request.POST.get("next") or f"/relationships/{item.relationship_id}/")


@login_required
@require_POST
def nudge(request: AuthedRequest, pk: int) -> HttpResponse:
    relationship = relationship_for(request, pk)
    _run(
        request,
        lambda: relationship_nudge(
            relationship=relationship, by=request.user, note=request.POST.get("note", "")
        ),
        "Both have been sent a friendly reminder.",
    )
    return redirect("relationships:detail", pk=pk)


@login_required
@require_POST
def reflection_add(request: AuthedRequest, pk: int) -> HttpResponse:
    relationship = relationship_for(request, pk)
    form = ReflectionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Reflection: say what went well.")
        return redirect("relationships:detail", pk=pk)
    _run(
        request,
        lambda: reflection_create(relationship=relationship, by=request.user, **form.cleaned_data),
        "Thank you for your reflection.",
    )
    return redirect("relationships:detail", pk=pk)


@login_required
@require_POST
def rematch(request: AuthedRequest, pk: int) -> HttpResponse:
    relationship = relationship_for(request, pk)
    _run(
        request,
        lambda: rematch_request_create(
            relationship=relationship, by=request.user, note=request.POST.get("note", "")
        ),
        "You are in the queue to be matched again; a program manager will be in touch.",
    )
    return redirect("relationships:detail", pk=pk)
