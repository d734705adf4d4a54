"""Pages for choosing a mentor: recommendations, my requests, requests to me, do not pair."""

from __future__ import annotations

from itertools import groupby
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from mentora.accounts.models import User
from mentora.lib.errors import DomainError
from mentora.lib.http import AuthedRequest
from mentora.lib.views import run_service as _run
from mentora.people.models import Profile
from mentora.people.permissions import visible_profiles
from mentora.programs.models import Enrollment, Program
from mentora.programs.permissions import can_view_program
from mentora.recommendations import permissions as perms
from mentora.recommendations import services
from mentora.recommendations.forms import (
    DeclineForm,
    FiltersForm,
    MessageForm,
    filters_from,
    parse_request,
)
from mentora.recommendations.models import DoNotPair, MentorChoice
from mentora.recommendations.ranking import recommendations_for
from mentora.recommendations.selectors import choices_of, choices_to, ended_relationships_of
from mentora.relationships.models import Relationship


def _program(request: AuthedRequest, slug: str) -> Program:
    program = get_object_or_404(Program, slug=slug)
    if not can_view_program(request.user, program):
        raise Http404("No such program.")
    return program


def _choice(request: AuthedRequest, pk: int) -> MentorChoice:
    """The request if this person may see it; otherwise 404 (its existence stays hidden)."""
    choice = get_object_or_404(
        MentorChoice.objects.select_related("program", "mentee", "mentor", "relationship"), pk=pk
    )
    if not perms.can_view_choice(request.user, choice):
        raise Http404("No such request.")
    return choice




def _visible_user_ids(viewer: Any, user_ids: set[int]) -> set[int]:
    """Whose profile pages the viewer may open, among these people (one query)."""
    return set(
        visible_profiles(viewer, Profile.objects.filter(user_id__in=user_ids)).values_list(
            "user_id", flat=True
        )
    )


@login_required
def index(request: AuthedRequest) -> HttpResponse:
    user = request.user
    enrollments = list(
        Enrollment.objects.filter(
            user=user, role=Enrollment.Role.MENTEE, status=Enrollment.Status.APPROVED
        )
        .select_related("program")
        .order_by("program__name")
    )
    choosing = [e.program for e in enrollments if perms.can_choose(user, e.program)]
    # Why the others are not listed, in the program's own words (managers match, or the
    # kind of program takes no requests).
    elsewhere = [
        perms.choosing_problem(user, e.program) for e in enrollments if e.program not in choosing
    ]
    live = set(
        Relationship.objects.live()
        .filter(mentee=user, program__in=choosing)
        .values_list("program_id", flat=True)
    )
    return render(
        request,
        "recommendations/index.html",
        {
            "choosing": [(p, p.pk in live) for p in choosing],
            "elsewhere": elsewhere,
            "open_requests": MentorChoice.objects.open().filter(mentee=user).count(),
        },
    )


@login_required
def program_recommendations(request: AuthedRequest, slug: str) -> HttpResponse:
    program = _program(request, slug)
    problem = perms.choosing_problem(request.user, program)
    if problem:
        # Say why, in the page: a bare "403 Forbidden" leaves the person nowhere to go.
        return render(
            request,
            "recommendations/unavailable.html",
            {"program": program, "problem": problem},
            status=403,
        )
    user = request.user
    filters = filters_from(request.GET)
    result = recommendations_for(program=program, mentee=user, filters=filters)
    # The filter choices are every candidate's, whatever the filters: one computation.
    form = FiltersForm(
        request.GET or None, departments=result.departments, languages=result.languages
    )
    form.is_valid()
    mine = list(choices_of(mentee=user, program=program).filter(status__in=MentorChoice.OPEN))
    live = (
        Relationship.objects.live()
        .filter(program=program, mentee=user)
        .select_related("mentor")
        .first()
    )
    slots = max(program.max_mentor_requests - len(mine), 0)
    return render(
        request,
        "recommendations/program.html",
        {
            "program": program,
            "result": result,
            "form": form,
            "filters": filters,
            "mine": mine,
            "live": live,
            "slots": slots,
            "ranks": range(1, slots + 1),
        },
    )


@login_required
@require_POST
def request_submit(request: AuthedRequest, slug: str) -> HttpResponse:
    program = _program(request, slug)
    problem = perms.choosing_problem(request.user, program)
    if problem:
        raise PermissionDenied(problem)
    try:
        open_count = (
            MentorChoice.objects.open().filter(program=program, mentee=request.user).count()
        )
        wanted = parse_request(request.POST, limit=max(program.max_mentor_requests - open_count, 1))
        people = User.objects.in_bulk([mentor_id for mentor_id, _ in wanted])
        missing = [mentor_id for mentor_id, _ in wanted if mentor_id not in people]
        if missing:
            raise DomainError("One of the people you chose no longer exists.", field="rank")
        choices = [(people[mentor_id], note) for mentor_id, note in wanted]
        created = services.mentor_requests_add(
            program=program, mentee=request.user, by=request.user, choices=choices
        )
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("recommendations:program", slug=slug)
    asked = next((c for c in created if c.status == MentorChoice.Status.ASKED), None)
    text = f"Your request{'s are' if len(created) > 1 else ' is'} saved."
    if asked is not None:
        text += f" We asked {asked.mentor} first."
    messages.success(request, text)
    return redirect("recommendations:my_requests")


@login_required
def my_requests(request: AuthedRequest) -> HttpResponse:
    rows = list(choices_of(mentee=request.user))
    groups = []
    for program, items in groupby(rows, key=lambda c: c.program):
        items_list = list(items)
        open_ = sorted(
            (c for c in items_list if c.is_open),
            key=lambda c: (c.status != MentorChoice.Status.ASKED, c.position),
        )
        waiting = [c for c in open_ if c.status == MentorChoice.Status.WAITING]
        for index, c in enumerate(waiting):
            c.can_up, c.can_down = index > 0, index < len(waiting) - 1  # type: ignore[attr-defined]
        groups.append(
            {
                "program": program,
                "open": open_,
                "history": sorted(
                    (c for c in items_list if not c.is_open),
                    key=lambda c: c.answered_at or c.created_at,
                    reverse=True,
                ),
            }
        )
    return render(request, "recommendations/my_requests.html", {"groups": groups})


@login_required
def choice_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    choice = _choice(request, pk)
    user = request.user
    role = "mentee" if user.pk == choice.mentee_id else "mentor"
    other = choice.mentor if role == "mentee" else choice.mentee
    thread = list(choice.messages.select_related("author"))
    return render(
        request,
        "recommendations/choice_detail.html",
        {
            "choice": choice,
            "role": role,
            # A request seen by its mentor belongs under their "Requests to me" navigation.
            "nav_section": "requests_to_me" if role == "mentor" else "",
            "other": other,
            "other_visible": bool(_visible_user_ids(user, {other.pk})),
            "thread": thread,
            "can_answer": perms.can_answer_choice(user, choice),
            "can_change": perms.can_change_choice(user, choice),
            "can_reply": role == "mentee"
            and choice.status == MentorChoice.Status.ASKED
            and any(m.author_id == choice.mentor_id for m in thread),
            "message_form": MessageForm(),
            "decline_form": DeclineForm(),
        },
    )


@login_required
@require_POST
def choice_accept(request: AuthedRequest, pk: int) -> HttpResponse:
    choice = _choice(request, pk)
    ok = _run(
        request,
        lambda: services.mentor_request_accept(choice=choice, by=request.user),
        f"You accepted {choice.mentee}. Next: agree your goals together.",
    )
    if ok and choice.relationship_id:
        return redirect("relationships:detail", pk=choice.relationship_id)
    return redirect("recommendations:choice", pk=pk)


@login_required
@require_POST
def choice_decline(request: AuthedRequest, pk: int) -> HttpResponse:
    choice = _choice(request, pk)
    form = DeclineForm(request.POST)
    if not form.is_valid():
        messages.error(request, f"Why you decline: {form.errors['reason'][0]}")
        return redirect("recommendations:choice", pk=pk)
    reason = form.cleaned_data["reason"]
    ok = _run(
        request,
        lambda: services.mentor_request_decline(choice=choice, by=request.user, reason=reason),
        f"You declined {choice.mentee}'s request; they are told why.",
    )
    return redirect("recommendations:inbox") if ok else redirect("recommendations:choice", pk=pk)


@login_required
@require_POST
def choice_message(request: AuthedRequest, pk: int) -> HttpResponse:
    choice = _choice(request, pk)
    form = MessageForm(request.POST)
    if not form.is_valid():
        messages.error(request, f"Message: {form.errors['body'][0]}")
        return redirect("recommendations:choice", pk=pk)
    body = form.cleaned_data["body"]
    if request.user.pk == choice.mentor_id:
        _run(
            request,
            lambda: services.request_question_ask(choice=choice, by=request.user, body=body),
            f"Your question is sent to {choice.mentee}.",
        )
    else:
        _run(
            request,
            lambda: services.request_question_answer(choice=choice, by=request.user, body=body),
            f"Your answer is sent to {choice.mentor}.",
        )
    return redirect("recommendations:choice", pk=pk)


@login_required
@require_POST
def choice_withdraw(request: AuthedRequest, pk: int) -> HttpResponse:
    choice = _choice(request, pk)
    _run(
        request,
        lambda: services.mentor_request_withdraw(choice=choice, by=request.user),
        f"Your request to {choice.mentor} is withdrawn.",
    )
    return redirect("recommendations:my_requests")


@login_required
@require_POST
def choice_move(request: AuthedRequest, pk: int) -> HttpResponse:
    choice = _choice(request, pk)
    if request.user.pk != choice.mentee_id:
        raise Http404("No such request.")
    waiting = list(
        MentorChoice.objects.filter(
            program=choice.program, mentee=request.user, status=MentorChoice.Status.WAITING
        ).order_by("position", "pk")
    )
    ids = [c.pk for c in waiting]
    if choice.pk not in ids:
        messages.error(request, "Only requests waiting their turn can be moved.")
        return redirect("recommendations:my_requests")
    at = ids.index(choice.pk)
    to = at - 1 if request.POST.get("direction") == "up" else at + 1
    if 0 <= to < len(ids):
        ids[at], ids[to] = ids[to], ids[at]
    _run(
        request,
        lambda: services.mentor_requests_reorder(
            program=choice.program, mentee=request.user, by=request.user, order=ids
        ),
        "Your order of preference is saved.",
    )
    return redirect("recommendations:my_requests")


@login_required
def inbox(request: AuthedRequest) -> HttpResponse:
    rows = list(choices_to(mentor=request.user))
    # Requests made for the mentor by a program manager (matching) or directly: answered on
    # the relationship page, but the mentor looks for every request here.
    matched = list(
        Relationship.objects.filter(mentor=request.user, status=Relationship.Status.REQUESTED)
        .filter(mentor_choice__isnull=True)
        .exclude(requested_by=request.user)
        .select_related("mentee", "program", "requested_by")
        .order_by("requested_at", "pk")
    )
    visible = _visible_user_ids(request.user, {c.mentee_id for c in rows})
    return render(
        request,
        "recommendations/inbox.html",
        {
            "open": [c for c in rows if c.status == MentorChoice.Status.ASKED],
            "answered": [c for c in rows if c.status != MentorChoice.Status.ASKED][:50],
            "matched": matched,
            "visible": visible,
            "nav_section": "requests_to_me",
        },
    )


@login_required
def do_not_pair(request: AuthedRequest) -> HttpResponse:
    user = request.user
    if request.method == "POST":
        relationship = (
            Relationship.objects.select_related("program", "mentee", "mentor")
            .filter(Q(mentee=user) | Q(mentor=user), pk=request.POST.get("relationship") or 0)
            .first()
        )
        if relationship is None:
            raise Http404("No such relationship.")
        other = relationship.other_member(user)
        _run(
            request,
            lambda: services.do_not_pair_create(relationship=relationship, by=user),
            f"You will not be paired with {other} again.",
        )
        return redirect("recommendations:do_not_pair")
    ended = list(ended_relationships_of(user=user))
    marked = {entry.other_id: entry for entry in DoNotPair.objects.filter(user=user)}
    rows = [(r, r.other_member(user), marked.get(r.other_member(user).pk)) for r in ended]
    return render(request, "recommendations/do_not_pair.html", {"rows": rows})


@login_required
@require_POST
def do_not_pair_undo(request: AuthedRequest, pk: int) -> HttpResponse:
    entry = DoNotPair.objects.filter(pk=pk, user=request.user).select_related("other").first()
    if entry is None:
        raise Http404("No such entry.")
    _run(
        request,
        lambda: services.do_not_pair_delete(entry=entry, by=request.user),
        f"Taken back: you may be paired with {entry.other} again.",
    )
    return redirect("recommendations:do_not_pair")
