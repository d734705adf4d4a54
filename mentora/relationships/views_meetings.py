"""Meeting pages: schedule, the meeting page (agenda, notes, actions), reschedule and cancel."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from mentora.lib.errors import DomainError
from mentora.lib.http import AuthedRequest
from mentora.notifications.links import user_timezone
from mentora.relationships import permissions as perms
from mentora.relationships.forms import (
    ActionForm,
    NoteForm,
    RescheduleForm,
    ScheduleForm,
    TextForm,
)
from mentora.relationships.models import Meeting, PrivateNote
from mentora.relationships.selectors import meeting_actions
from mentora.relationships.services.meetings import (
    agenda_item_add,
    meeting_cancel,
    meeting_confirm,
    meeting_reschedule,
    meeting_schedule,
    meeting_schedule_recurring,
    private_note_add,
    shared_note_add,
)
from mentora.relationships.views_common import back, form_errors, relationship_for, run, run_form


@login_required
@require_POST
def meeting_new(request: AuthedRequest, pk: int) -> HttpResponse:
    relationship = relationship_for(request, pk)
    form = ScheduleForm(request.POST)
    if not form.is_valid():
        messages.error(request, form_errors(form))
        return redirect("relationships:detail", pk=pk)
    tz = user_timezone(request.user)
    local = form.cleaned_data["starts_at"].replace(tzinfo=None)
    try:
        if form.cleaned_data["repeat"] > 1:
            meeting_schedule_recurring(
                relationship=relationship,
                by=request.user,
                local_start=local,
                count=form.cleaned_data["repeat"],
                cadence=form.cleaned_data["cadence"] or None,
                tz=tz,
                location=form.cleaned_data["location"],
            )
            done = (
                f"{form.cleaned_data['repeat']} meetings scheduled; invitations are on their way."
            )
        else:
            meeting_schedule(
                relationship=relationship,
                by=request.user,
                starts_at=local.replace(tzinfo=ZoneInfo(tz)),
                location=form.cleaned_data["location"],
            )
            done = "Meeting scheduled; invitations are on their way."
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, done)
    return redirect("relationships:detail", pk=pk)


def _meeting_for(request: AuthedRequest, pk: int) -> Meeting:
    meeting = get_object_or_404(
        Meeting.objects.select_related(
            "relationship__program", "relationship__mentee", "relationship__mentor", "organiser"
        ),
        pk=pk,
    )
    # Agenda and notes are the pair's: managers see meeting dates on the relationship page.
    if not perms.can_view_content(request.user, meeting.relationship):
        raise Http404("No such meeting.")
    return meeting


@login_required
def meeting_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    meeting = _meeting_for(request, pk)
    relationship = meeting.relationship
    private = perms.visible_private_notes(request.user, PrivateNote.objects.filter(meeting=meeting))
    role = relationship.member_role(request.user)
    other_role = "mentor" if role == "mentee" else "mentee"
    return render(
        request,
        "relationships/meeting_detail.html",
        {
            "meeting": meeting,
            "rel": relationship,
            "role": role,
            "my_confirmed": getattr(meeting, f"{role}_confirmed_at", None),
            "other_confirmed": getattr(meeting, f"{other_role}_confirmed_at", None),
            "tz": user_timezone(request.user),
            "other_tz": user_timezone(relationship.other_member(request.user)),
            "other": relationship.other_member(request.user),
            "agenda": meeting.agenda_items.select_related("added_by"),
            "shared_notes": meeting.shared_notes.select_related("author"),
            "private_notes": private,
            "actions": meeting_actions(meeting=meeting),
            "can_change": perms.can_change_content(request.user, relationship),
            "agenda_form": TextForm(),
            "note_form": NoteForm(),
            "action_form": ActionForm(relationship=relationship),
            "reschedule_form": RescheduleForm(),
            "kind_word": "coaching" if relationship.kind == "coaching" else "mentoring",
        },
    )


@login_required
@require_POST
def agenda_add(request: AuthedRequest, pk: int) -> HttpResponse:
    meeting = _meeting_for(request, pk)
    run_form(
        request,
        TextForm(request.POST),
        lambda data: agenda_item_add(meeting=meeting, by=request.user, text=data["text"]),
        "" if request.htmx else "Added to the agenda.",  # type: ignore[attr-defined]
    )
    return back(request, reverse("relationships:meeting", args=[pk]))


@login_required
@require_POST
def note_add(request: AuthedRequest, pk: int) -> HttpResponse:
    meeting = _meeting_for(request, pk)
    form = NoteForm(request.POST)
    private = form.is_valid() and form.cleaned_data["private"]
    run_form(
        request,
        form,
        lambda data: (private_note_add if data["private"] else shared_note_add)(
            meeting=meeting, by=request.user, body=data["body"]
        ),
        "Private note saved." if private else "Note shared.",
    )
    return redirect("relationships:meeting", pk=pk)


@login_required
@require_POST
def meeting_move(request: AuthedRequest, pk: int) -> HttpResponse:
    meeting = _meeting_for(request, pk)
    tz = ZoneInfo(user_timezone(request.user))
    run_form(
        request,
        RescheduleForm(request.POST),
        lambda data: meeting_reschedule(
            meeting=meeting,
            by=request.user,
            starts_at=data["starts_at"].replace(tzinfo=None).replace(tzinfo=tz),
        ),
        "Meeting moved; both of you get an updated invitation.",
    )
    return redirect("relationships:meeting", pk=pk)


@login_required
@require_POST
def meeting_drop(request: AuthedRequest, pk: int) -> HttpResponse:
    meeting = _meeting_for(request, pk)
    run(
        request,
        lambda: meeting_cancel(
            meeting=meeting, by=request.user, reason=request.POST.get("reason", "")
        ),
        "Meeting cancelled; both of you get a cancellation.",
    )
    return redirect("relationships:detail", pk=meeting.relationship_id)


@login_required
@require_POST
def meeting_confirm_view(request: AuthedRequest, pk: int) -> HttpResponse:
    meeting = _meeting_for(request, pk)
    run(
        request,
        lambda: meeting_confirm(meeting=meeting, by=request.user),
        "Thank you: you confirmed this meeting.",
    )
    return redirect("relationships:meeting", pk=pk)
