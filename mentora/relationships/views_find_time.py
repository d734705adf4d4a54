"""Find a time: free slots for both people, proposing some, confirming one; a series' cancel."""

from __future__ import annotations

from datetime import datetime

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from mentora.calendars.selectors import has_calendar
from mentora.lib import clock
from mentora.lib.choices import Cadence
from mentora.lib.errors import DomainError
from mentora.lib.http import AuthedRequest
from mentora.notifications.links import local_time_text, user_timezone
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
from mentora.relationships.views_common import form_errors, relationship_for, run


class SeriesForm(forms.Form):
    """How many meetings and how often: the finder looks for the first meeting's time."""

    count = forms.IntegerField(
        label="Number of meetings",
        min_value=1,
        max_value=52,
        initial=1,
        help_text="More than 1 sends one invitation for the whole series, same local time.",
    )
    cadence = forms.ChoiceField(label="How often", choices=Cadence.choices, initial="biweekly")


class FindTimeForm(SeriesForm):
    """The series, and how long each meeting lasts."""

    duration_minutes = forms.IntegerField(
        label="Length in minutes", min_value=5, max_value=480, initial=45
    )


def _pair_relationship(request: AuthedRequest, pk: int) -> Relationship:
    relationship = relationship_for(request, pk)
    if not perms.can_view_content(request.user, relationship):
        raise Http404("No such relationship.")
    return relationship


def _parse_starts(values: list[str]) -> list[datetime]:
    starts = []
    for value in values:
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            raise DomainError("Times: choose them from the list.", field="starts") from None
        starts.append(moment)
    return starts


@login_required
def find_time(request: AuthedRequest, pk: int) -> HttpResponse:
    relationship = _pair_relationship(request, pk)
    other = relationship.other_member(request.user)
    agreement = getattr(relationship, "agreement", None)
    initial = {
        "duration_minutes": agreement.meeting_minutes if agreement else 45,
        "cadence": agreement.cadence if agreement else "biweekly",
        "count": 1,
    }
    if request.method == "POST":
        form = FindTimeForm(request.POST)
        if not form.is_valid():
            messages.error(request, form_errors(form))
            return redirect("relationships:find_time", pk=pk)
        data = form.cleaned_data
        try:
            proposal = meeting_propose(
                relationship=relationship,
                by=request.user,
                starts=_parse_starts(request.POST.getlist("starts")),
                duration_minutes=data["duration_minutes"],
                count=data["count"],
                cadence=data["cadence"],
            )
        except DomainError as exc:
            messages.error(request, exc.message)
            return redirect("relationships:find_time", pk=pk)
        n = proposal.slots.count()
        messages.success(
            request,
            f"We sent {other} {'the time' if n == 1 else f'{n} times'} you chose. When "
            f"{other} confirms one, you both get the calendar invitation.",
        )
        return redirect("relationships:detail", pk=pk)
    duration = int(initial["duration_minutes"])
    try:
        asked = int(request.GET.get("duration_minutes", duration))
    except ValueError:
        asked = -1
    if 5 <= asked <= 480:
        duration = asked
    else:
        messages.error(request, "Length in minutes: give a number from 5 to 480.")
    can_change = perms.can_change_content(request.user, relationship)
    suggestions: list[datetime] = []
    if can_change:
        try:
            suggestions = meeting_suggestions(
                relationship=relationship, by=request.user, duration_minutes=duration
            )
        except DomainError as exc:
            messages.error(request, exc.message)
    open_proposal = (
        MeetingProposal.objects.filter(
            relationship=relationship, status=MeetingProposal.Status.OPEN
        )
        .prefetch_related("slots")
        .first()
    )
    return render(
        request,
        "relationships/find_time.html",
        {
            "rel": relationship,
            "other": other,
            "tz": user_timezone(request.user),
            "form": SeriesForm(initial=initial),
            "duration": duration,
            "suggestions": [(s.isoformat(), local_time_text(s, request.user)) for s in suggestions],
            "open_proposal": open_proposal,
            "proposal_slots": [
                (slot, local_time_text(slot.starts_at, request.user))
                for slot in (open_proposal.slots.all() if open_proposal else [])
            ],
            "mine": open_proposal is not None and open_proposal.proposed_by_id == request.user.pk,
            "has_calendar": has_calendar(request.user),
            "can_change": can_change,
        },
    )


@login_required
@require_POST
def proposal_confirm(request: AuthedRequest, pk: int) -> HttpResponse:
    proposal = get_object_or_404(
        MeetingProposal.objects.select_related(
            "relationship__mentee", "relationship__mentor", "proposed_by"
        ),
        pk=pk,
    )
    if not perms.can_view_content(request.user, proposal.relationship):
        raise Http404("No such proposal.")
    chosen = str(request.POST.get("slot") or "")
    slot = (
        ProposedSlot.objects.filter(proposal=proposal, pk=int(chosen)).first()
        if chosen.isdigit() and len(chosen) < 10
        else None
    )
    if slot is None:
        messages.error(request, "Choose one of the proposed times.")
        return redirect("relationships:find_time", pk=proposal.relationship_id)
    other = proposal.proposed_by
    done = run(
        request,
        lambda: meeting_proposal_confirm(proposal=proposal, slot=slot, by=request.user),
        f"You confirmed {local_time_text(slot.starts_at, request.user)}. You and {other} "
        "each get the calendar invitation by email.",
    )
    if not done:
        return redirect("relationships:find_time", pk=proposal.relationship_id)
    return redirect("relationships:detail", pk=proposal.relationship_id)


@login_required
def series_cancel(request: AuthedRequest, pk: int) -> HttpResponse:
    """GET asks first (what will happen); POST cancels every meeting still to come."""
    series = get_object_or_404(
        MeetingSeries.objects.select_related("relationship__mentee", "relationship__mentor"),
        pk=pk,
    )
    relationship = series.relationship
    if not perms.can_view_content(request.user, relationship):
        raise Http404("No such series.")
    if request.method == "POST":
        run(
            request,
            lambda: meeting_series_cancel(series=series, by=request.user),
            "Series cancelled: every meeting still to come is off, and both of you get one "
            "cancellation for your calendars.",
        )
        return redirect("relationships:detail", pk=relationship.pk)
    upcoming = list(series.meetings.upcoming(clock.now()))
    return render(
        request,
        "relationships/series_cancel.html",
        {
            "rel": relationship,
            "series": series,
            "other": relationship.other_member(request.user),
            "upcoming": [local_time_text(m.starts_at, request.user) for m in upcoming],
        },
    )
