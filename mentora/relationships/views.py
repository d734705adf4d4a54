"""Relationship pages: my relationships, the relationship page and the changes made from it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from mentora.lib import clock
from mentora.lib.http import AuthedRequest
from mentora.notifications.links import user_timezone
from mentora.programs.models import Enrollment, Program
from mentora.relationships import permissions as perms
from mentora.relationships.exports import relationship_record
from mentora.relationships.forms import (
    ActionForm,
    CheckInForm,
    ReflectionForm,
    ScheduleForm,
)
from mentora.relationships.health import health_of, with_health_data, wrap_up_reason
from mentora.relationships.models import ActionItem, Meeting, Relationship, SharedNote
from mentora.relationships.selectors import relationships_for
from mentora.relationships.services import lifecycle
from mentora.relationships.services.actions import (
    action_item_add,
    action_item_set_status,
    check_in_create,
)
from mentora.relationships.services.ending import reflection_create, rematch_request_create
from mentora.relationships.services.nudges import NUDGEABLE, relationship_nudge
from mentora.relationships.views_common import back, relationship_for, run, run_form
from mentora.relationships.workspace import next_step

TRANSITION_SERVICES = lifecycle.PERSON_TRANSITIONS
# The lifecycle menu's words; the first three ask first on their own page.
TRANSITION_LABELS = {
    "accept": "Accept",
    "decline": "Decline",
    "pause": "Pause",
    "resume": "Resume",
    "complete": "Mark as completed",
    "end_early": "End early",
}
CONFIRMED = frozenset({"decline", "pause", "complete", "end_early"})
DONE_WORDS = {
    "decline": "declined",
    "pause": "paused",
    "complete": "completed",
    "end_early": "ended early",
}
TAKES_REASON = lifecycle.TAKES_REASON


def _transitions_for(user: Any, relationship: Relationship) -> list[tuple[str, str, bool]]:
    out = []
    for action in lifecycle.allowed_actions(relationship):
        if action not in TRANSITION_SERVICES:
            continue
        check = perms.can_answer_request if action in ("accept", "decline") else perms.can_steer
        if check(user, relationship):
            out.append((action, TRANSITION_LABELS[action], action in CONFIRMED))
    return out


def _done_message(action: str, rel: Relationship, user: Any, cancelled: int) -> str:
    """What happened and what comes next, after a lifecycle change."""
    member = rel.member_role(user)
    other = rel.other_member(user) if member else None
    told = f"{other} has been told" if member else f"{rel.mentee} and {rel.mentor} have been told"
    meetings = (
        f" {cancelled} upcoming meeting{'s' if cancelled != 1 else ''} cancelled; calendar "
        "cancellations are on their way."
        if cancelled
        else ""
    )
    if action == "accept":
        return (
            f"You accepted the request from {rel.mentee}. Next: agree your goals in the "
            "agreement; it starts when both of you have signed."
        )
    if action == "decline":
        return f"You declined the request from {rel.mentee}."
    if action == "resume":
        return "Resumed. Next: schedule your next meeting."
    if action == "pause":
        return f"Paused.{meetings} {told}. Resume from this page when you are ready."
    ending = "Completed" if action == "complete" else "Ended"
    return f"{ending}.{meetings} {told}. Next: write your final reflection."


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
            # With no relationship yet, what comes next depends on how the person takes part.
            "enrollments": [] if mine else _approved_enrollments(user),
            "mine": mine,
            "overseen": overseen,
            "stalled": [r for r in overseen if r.health.stalled],  # type: ignore[attr-defined]
            "overseen_programs": perms.overseen_programs(user).order_by("name") if overseen else [],
        },
    )


def _approved_enrollments(user: Any) -> list[Enrollment]:
    """The person's approved enrollments in running one-to-one programs (one query)."""
    return list(
        Enrollment.objects.filter(
            user=user,
            status=Enrollment.Status.APPROVED,
            program__status__in=[Program.Status.OPEN, Program.Status.CLOSED],
            program__kind__in=[Program.Kind.MENTORING, Program.Kind.COACHING, Program.Kind.PEER],
        )
        .select_related("program")
        .order_by("program__name")
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


def _members_context(rel: Relationship, user: Any, now: datetime, held: int) -> dict[str, Any]:
    """What the pair's workspace shows: the next meeting and its agenda, the last meeting held,
    open actions, recent notes and check-ins (a fixed number of queries, whatever the sizes)."""
    notes_of = (
        SharedNote.objects.filter(meeting=OuterRef("pk"))
        .order_by()
        .values("meeting")
        .annotate(n=Count("pk"))
        .values("n")
    )
    upcoming = list(rel.meetings.upcoming(now)[:10])
    next_meeting = upcoming[0] if upcoming else None
    past = list(
        rel.meetings.filter(starts_at__lt=now)
        .annotate(notes_n=Coalesce(Subquery(notes_of, output_field=IntegerField()), 0))
        .order_by("-starts_at")[:5]
    )
    last_held = next((m for m in past if m.status == Meeting.Status.SCHEDULED), None)
    actions = list(rel.action_items.select_related("owner").order_by("status", "due_on", "pk"))
    agenda = list(next_meeting.agenda_items.select_related("added_by")) if next_meeting else []
    return {
        "upcoming": upcoming,
        "next_meeting": next_meeting,
        "next_agenda": agenda,
        "past": past,
        "last_held": last_held,
        "open_actions": [a for a in actions if a.status == ActionItem.Status.OPEN],
        "done_actions": [a for a in actions if a.status == ActionItem.Status.DONE],
        "recent_notes": list(
            SharedNote.objects.filter(meeting__relationship=rel)
            .select_related("author", "meeting")
            .order_by("-created_at")[:3]
        ),
        "check_ins": rel.check_ins.select_related("author")[:10],
    }


@login_required
def relationship_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    user, now = request.user, clock.now()
    relationship = relationship_for(request, pk, _detail_queryset(now))
    content = perms.can_view_content(user, relationship)
    role = relationship.member_role(user)
    held = relationship.held_total  # type: ignore[attr-defined]
    context: dict[str, Any] = {
        "rel": relationship,
        "role": role,
        "other": relationship.other_member(user) if role else None,
        "content": content,
        "can_change": perms.can_change_content(user, relationship),
        "can_nudge": perms.can_nudge(user, relationship) and relationship.status in NUDGEABLE,
        "transitions": _transitions_for(user, relationship),
        "events": perms.visible_events(user, relationship),
        "health": health_of(relationship, now=now),
        "tz": user_timezone(user),
        "oversees": perms.oversees(user, relationship),
        "held": held,
        "wrap_up": wrap_up_reason(relationship, held=held, today=now.date()),
        "mentor_word": relationship.program.mentor_label,
        "mentee_word": relationship.program.mentee_label,
        "kind_word": "coaching" if relationship.kind == Relationship.Kind.COACHING else "mentoring",
    }
    wrote_reflection = False
    if content:
        context["agreement"] = getattr(relationship, "agreement", None)
        context.update(_members_context(relationship, user, now, held))
        if relationship.is_closed:  # reflections and rematch belong to a closed relationship
            reflections = list(relationship.reflections.select_related("author"))
            wrote_reflection = any(r.author_id == user.pk for r in reflections)
            context.update(
                reflections=reflections,
                wrote_reflection=wrote_reflection,
                can_rematch=role == "mentee" and not hasattr(relationship, "rematch_request"),
            )
    context["step"] = next_step(
        relationship,
        user=user,
        now=now,
        agreement=context.get("agreement"),
        next_meeting=context.get("next_meeting"),
        next_agenda=len(context.get("next_agenda", [])),
        last_held=context.get("last_held"),
        last_held_notes=(
            context["last_held"].notes_n
            + sum(
                1
                for a in context["open_actions"] + context["done_actions"]
                if a.meeting_id == context["last_held"].pk
            )
        )
        if context.get("last_held")
        else 0,
        held=held,
        wrap_up=context["wrap_up"],
        wrote_reflection=wrote_reflection,
    )
    return render(request, "relationships/relationship_detail.html", context)


@login_required
def relationship_confirm(request: AuthedRequest, pk: int, action: str) -> HttpResponse:
    """Ask before declining, pausing, completing or ending: say exactly what will happen."""
    relationship = relationship_for(request, pk)
    allowed = {a for a, _, confirm in _transitions_for(request.user, relationship) if confirm}
    if action not in CONFIRMED:
        raise Http404("No such action.")
    if action not in allowed:
        messages.error(
            request,
            f"This relationship is {relationship.get_status_display().lower()}: it cannot be "
            f"{DONE_WORDS[action]} now.",
        )
        return redirect("relationships:detail", pk=pk)
    effects = (
        lifecycle.closing_effects(relationship=relationship, action=action, by=request.user)
        if action in lifecycle.CLOSING
        else None
    )
    return render(
        request,
        "relationships/relationship_confirm.html",
        {
            "rel": relationship,
            "action": action,
            "label": TRANSITION_LABELS[action],
            "effects": effects,
            "role": relationship.member_role(request.user),
            "other": relationship.other_member(request.user)
            if relationship.member_role(request.user)
            else None,
            "tz": user_timezone(request.user),
            "kind_word": "coaching"
            if relationship.kind == Relationship.Kind.COACHING
            else "mentoring",
            "reason_required": action == "end_early",
        },
    )


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
    if action == "end_early" and not str(reason).strip():
        messages.error(request, "Reason: say why the relationship is ending early.")
        return redirect("relationships:confirm", pk=pk, action=action)
    upcoming = (
        relationship.meetings.upcoming(clock.now()).count() if action in lifecycle.CLOSING else 0
    )
    ok = run(
        request,
        lambda: service(**kwargs),
        "",
    )
    if ok:
        messages.success(request, _done_message(action, relationship, request.user, upcoming))
    return redirect("relationships:detail", pk=pk)


# The forms the workspace opens on request: who may open each, and what it needs.
FORM_TITLES = {
    "schedule": "Schedule a meeting with {other}",
    "action": "Add an action",
    "check_in": "Check in with {other}",
    "reflection": "Your final reflection",
    "feedback": "Ask {other} for feedback",
    "agenda": "Add a topic to the agenda",
    "nudge": "Send {rel.mentee} and {rel.mentor} a friendly reminder",
}
PANELS = tuple(FORM_TITLES)


@login_required
def relationship_form(request: AuthedRequest, pk: int, name: str) -> HttpResponse:
    """One form of the relationship page, fetched into place by htmx (the fragment) or opened
    as a page of its own without JavaScript."""
    relationship = relationship_for(request, pk)
    user, now = request.user, clock.now()
    if name not in PANELS:
        raise Http404("No such form.")
    if name == "nudge":
        allowed = perms.can_nudge(user, relationship)
    elif name in ("reflection", "feedback"):
        allowed = perms.is_member(user, relationship)
    else:
        allowed = perms.can_change_content(user, relationship)
    if not allowed:
        raise Http404("No such form.")
    role = relationship.member_role(user)
    other = relationship.other_member(user) if role else None
    context: dict[str, Any] = {
        "rel": relationship,
        "name": name,
        "other": other,
        "role": role,
        "tz": user_timezone(user),
        "back": reverse("relationships:detail", args=[pk]),
    }
    target = str(request.GET.get("next") or "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        context["next"] = target  # opened from a meeting page: come back there
    if name == "schedule":
        agreement = getattr(relationship, "agreement", None)
        context["form"] = ScheduleForm(initial={"cadence": getattr(agreement, "cadence", "")})
    elif name == "action":
        context["form"] = ActionForm(relationship=relationship)
    elif name == "check_in":
        context["form"] = CheckInForm()
    elif name == "reflection":
        context["form"] = ReflectionForm()
    elif name == "agenda":
        meeting = relationship.meetings.upcoming(now).first()
        if meeting is None:
            messages.error(request, "No meeting is planned yet: schedule one first.")
            return redirect("relationships:form", pk=pk, name="schedule")
        context["meeting"] = meeting
    title = FORM_TITLES[name]
    if name == "nudge" and relationship.status == Relationship.Status.REQUESTED:
        title = "Remind {rel.mentor} to answer {rel.mentee}'s request"
    context["title"] = title.format(other=other, rel=relationship)
    template = f"relationships/forms/_{name}.html"
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, template, context)
    context["template"] = template
    return render(request, "relationships/relationship_form.html", context)


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
        (
            f"We reminded {relationship.mentor} to answer {relationship.mentee}'s request."
            if relationship.status == Relationship.Status.REQUESTED
            else f"{relationship.mentee} and {relationship.mentor} have been sent a friendly "
            "reminder."
        ),
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
