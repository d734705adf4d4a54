"""Outcome pages: my surveys (and the signed email link), program dashboards, outcome reports,
exports and the survey schedule."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.safestring import mark_safe
from django.utils.timesince import timesince
from django.views.decorators.http import require_POST

from mentora.lib import clock
from mentora.lib.errors import DomainError
from mentora.lib.http import AuthedRequest
from mentora.lib.signing import BadLink, read_link_token
from mentora.outcomes import permissions as perms
from mentora.outcomes.exports import outcomes_export
from mentora.outcomes.forms import ScheduleForm, SurveyForm
from mentora.outcomes.models import SurveyInvitation
from mentora.outcomes.planning import LINK_ACTION, LINK_MAX_AGE
from mentora.outcomes.reports.dashboard import SECTIONS as DASHBOARD_SECTIONS
from mentora.outcomes.reports.overview import CAVEAT, organization_overview
from mentora.outcomes.services import (
    SCHEDULE_FIELDS,
    invitation_questions,
    schedule_for,
    survey_schedule_update,
    survey_submit,
    survey_withdraw,
)
from mentora.outcomes.snapshots import (
    Kind,
    program_snapshot,
    report_from,
    report_snapshot_refresh,
)
from mentora.outcomes.stats import min_group_size
from mentora.outcomes.tables import Report, Table
from mentora.programs.models import Program
from mentora.relationships.models import Relationship


def _invitation(request: AuthedRequest, pk: int) -> SurveyInvitation:
    invitation = get_object_or_404(
        SurveyInvitation.objects.select_related(
            "program", "relationship__mentee", "relationship__mentor"
        ),
        pk=pk,
    )
    if not perms.is_respondent(request.user, invitation):
        raise Http404("No such survey.")
    return invitation


def _program(request: HttpRequest, slug: str) -> Program:
    program = get_object_or_404(Program, slug=slug)
    if not perms.can_view_analytics(request.user, program):
        raise Http404("No such program.")
    return program


def _report(request: HttpRequest, slug: str, kind: str, now: datetime) -> Report:
    """The program's stored report, once the viewer may see the program's analytics."""
    program, snapshot = program_snapshot(slug, kind)
    if program is None or not perms.can_view_analytics(request.user, program):
        raise Http404("No such program.")
    return report_from(program, snapshot, kind=kind, now=now)


def _answer_page(
    request: HttpRequest, invitation: SurveyInvitation, *, respondent: Any, via_link: bool
) -> HttpResponse:
    now = clock.now()
    questions = invitation_questions(invitation)
    status = invitation.status_at(now)
    form = SurveyForm(request.POST if request.method == "POST" else None, questions=questions)
    if request.method == "POST" and status == "open" and form.is_valid():
        try:
            survey_submit(invitation=invitation, by=respondent, answers=form.answers(), now=now)
        except DomainError as exc:
            form.add_error(form.field_for(exc.field or "") if exc.field else None, exc.message)
        else:
            if via_link:
                return render(request, "outcomes/survey_thanks.html", {"invitation": invitation})
            messages.success(request, "Thank you: your answers are saved. Only you can see them.")
            return redirect("outcomes:survey", pk=invitation.pk)
    answers = {}
    # The email link lets whoever holds it answer; reading the answers back is for the
    # respondent signed in (a forwarded link must not show them).
    answers_hidden = via_link and getattr(request.user, "pk", None) != respondent.pk
    if status == "answered" and not answers_hidden:
        given = dict(invitation.answers.values_list("item", "value"))
        answers = {
            q.text: (given.get(q.key), dict(q.scale).get(given.get(q.key, 0), ""))
            for q in questions
        }
    return render(
        request,
        "outcomes/survey_answer.html",
        {
            "invitation": invitation,
            "form": form,
            "status": status,
            "answers": answers,
            "answers_hidden": answers_hidden,
            "via_link": via_link,
            "k": min_group_size(),
            "about": invitation.relationship.other_member(respondent)
            if invitation.relationship
            else None,
        },
    )


@login_required
def survey_list(request: AuthedRequest) -> HttpResponse:
    now = clock.now()
    invitations = list(
        perms.visible_invitations(request.user)
        .filter(opens_at__lte=now)
        .select_related("program")
        .order_by("-opens_at", "-pk")
    )
    for invitation in invitations:
        invitation.status = invitation.status_at(now)  # type: ignore[attr-defined]
    return render(
        request,
        "outcomes/survey_list.html",
        {
            "open": [i for i in invitations if i.status == "open"],  # type: ignore[attr-defined]
            "past": [i for i in invitations if i.status != "open"],  # type: ignore[attr-defined]
            "k": min_group_size(),
        },
    )


@login_required
def survey_answer(request: AuthedRequest, pk: int) -> HttpResponse:
    return _answer_page(request, _invitation(request, pk), respondent=request.user, via_link=False)


@login_required
@require_POST
def survey_withdraw_view(request: AuthedRequest, pk: int) -> HttpResponse:
    invitation = _invitation(request, pk)
    try:
        survey_withdraw(invitation=invitation, by=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "Your answers are deleted; they no longer count anywhere.")
    return redirect("outcomes:survey", pk=invitation.pk)


def answer_link(request: HttpRequest, token: str) -> HttpResponse:
    """The signed email link: opens one survey for its respondent without signing in."""
    try:
        claim = read_link_token(token, max_age=LINK_MAX_AGE)
        if claim.action != LINK_ACTION:
            raise BadLink("This link is not a survey link.")
    except BadLink as exc:
        return render(request, "outcomes/link_problem.html", {"problem": exc.reason}, status=400)
    invitation = (
        SurveyInvitation.objects.select_related(
            "program", "respondent", "relationship__mentee", "relationship__mentor"
        )
        .filter(pk=claim.object_id, respondent_id=claim.user_id, respondent__is_active=True)
        .first()
    )
    if invitation is None:
        return render(
            request,
            "outcomes/link_problem.html",
            {"problem": "This survey no longer exists."},
            status=410,
        )
    return _answer_page(request, invitation, respondent=invitation.respondent, via_link=True)


@login_required
def program_index(request: AuthedRequest) -> HttpResponse:
    programs = list(perms.analytics_programs(request.user).order_by("name"))
    if not programs:
        raise Http404("You manage no programs.")
    return render(request, "outcomes/program_index.html", {"programs": programs})


def _with_charts(tables: list[Table]) -> list[Table]:
    for table in tables:
        # Both made by this app (charts.py from escaped text; the markup rendered from
        # outcomes/_table.html when the snapshot was computed).
        table.chart = mark_safe(table.chart)
        table.html = mark_safe(table.html)
    return tables


OUTCOME_SECTIONS = (
    ("change", "What changed for them", ("outcomes_end", "outcomes_midpoint")),
    ("careers", "Careers", ("career_movement", "advancement")),
    ("surveys", "Surveys", ("response_rates",)),
)


@login_required
def overview(request: AuthedRequest) -> HttpResponse:
    """Every program the viewer may see on one printable page, for leadership."""
    programs = list(
        perms.analytics_programs(request.user)
        .exclude(status=Program.Status.DRAFT)
        .order_by("name")
    )
    if not programs:
        raise Http404("You manage no programs.")
    now = clock.now()
    return render(
        request,
        "outcomes/overview.html",
        {"overview": organization_overview(programs, now=now), "now": now,
         "k": min_group_size(), "caveat": CAVEAT},
    )


def _sections(
    tables: list[Table], layout: tuple[tuple[str, str, tuple[str, ...]], ...]
) -> list[dict[str, Any]]:
    """Tables grouped under the page's section headings; a table no section names goes last."""
    by_key = {t.key: t for t in tables}
    sections = []
    placed: set[str] = set()
    for anchor, title, keys in layout:
        shown = [by_key[key] for key in keys if key in by_key]
        placed.update(keys)
        if shown:
            sections.append({"anchor": anchor, "title": title, "tables": shown})
    rest = [t for t in tables if t.key not in placed]
    if rest:
        sections.append({"anchor": "more", "title": "More figures", "tables": rest})
    return sections


def _freshness(report: Report, now: datetime) -> dict[str, Any]:
    """When the figures were computed, for "Figures as of HH:MM" (UTC, and how long ago)."""
    at = report.computed_at or now
    seconds = (now - at).total_seconds()
    ago = "just now" if seconds < 60 else f"{timesince(at, now, depth=1)} ago"
    shown = f"{at:%H:%M}" if at.date() == now.date() else f"{at:%-d %b %Y, %H:%M}"
    return {"at": at, "shown": f"{shown} UTC", "ago": ago}


def _pairs_to_look_at(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The snapshot's pairs at risk with today's names, in its order (one query)."""
    rows = Relationship.objects.filter(pk__in=[e["pk"] for e in entries]).values_list(
        "pk", "mentee__full_name", "mentee__email", "mentor__full_name", "mentor__email"
    )
    # Named as User.__str__ names people: full name, else email.
    names = {pk: (a or a_mail, b or b_mail) for pk, a, a_mail, b, b_mail in rows}
    pairs = []
    for entry in entries:
        if entry["pk"] in names:  # a relationship deleted since is left out
            mentee, mentor = names[entry["pk"]]
            health = mark_safe(entry["health"])  # rendered from _health.html with the snapshot
            pairs.append(entry | {"mentee": mentee, "mentor": mentor, "health": health})
    return pairs


@login_required
def dashboard(request: AuthedRequest, slug: str) -> HttpResponse:
    now = clock.now()
    report = _report(request, slug, Kind.DASHBOARD, now)
    program = report.program
    return render(
        request,
        "outcomes/dashboard.html",
        {
            "program": program,
            "sections": _sections(_with_charts(report.tables), DASHBOARD_SECTIONS),
            "summary": report.extras.get("summary", []),
            "at_risk": _pairs_to_look_at(report.extras["at_risk"]),
            "at_risk_count": report.extras["at_risk_count"],
            "k": report.extras["min_group_size"],
            "figures": _freshness(report, now),
            "kind": Kind.DASHBOARD,
        },
    )


@login_required
def outcomes(request: AuthedRequest, slug: str) -> HttpResponse:
    now = clock.now()
    report = _report(request, slug, Kind.OUTCOMES, now)
    program = report.program
    return render(
        request,
        "outcomes/outcomes.html",
        {
            "program": program,
            "sections": _sections(_with_charts(report.tables), OUTCOME_SECTIONS),
            "summary": report.extras.get("summary", []),
            "k": report.extras["min_group_size"],
            "schedule": schedule_for(program),
            "figures": _freshness(report, now),
            "kind": Kind.OUTCOMES,
        },
    )


@login_required
@require_POST
def refresh(request: AuthedRequest, slug: str) -> HttpResponse:
    """Refresh now: compute the dashboard or outcome report again for everyone who reads it."""
    program = _program(request, slug)
    kind = request.POST.get("kind", "")
    try:
        report_snapshot_refresh(program=program, kind=kind, now=clock.now())
    except DomainError as exc:
        return HttpResponse(f"kind: {exc.message}", status=400, content_type="text/plain")
    messages.success(request, "The figures are computed again from today's data.")
    return redirect("outcomes:dashboard" if kind == Kind.DASHBOARD else "outcomes:outcomes", slug)


@login_required
def export(request: AuthedRequest, slug: str, fmt: str) -> HttpResponse:
    """Every table as one .xlsx workbook, or one table (?table=key) as .csv — aggregates only."""
    program = _program(request, slug)
    try:
        export = outcomes_export(
            program=program, fmt=fmt, table=request.GET.get("table", ""), now=clock.now()
        )
    except DomainError as exc:
        if exc.field == "format":
            raise Http404(exc.message) from exc
        return HttpResponse(exc.message, status=400, content_type="text/plain")
    return export.response()


@login_required
def schedule(request: AuthedRequest, slug: str) -> HttpResponse:
    program = _program(request, slug)
    current = schedule_for(program)
    form = ScheduleForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in SCHEDULE_FIELDS}
        try:
            survey_schedule_update(program=program, by=request.user, data=data)
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, "The survey schedule is saved.")
            return redirect("outcomes:outcomes", slug=program.slug)
    return render(request, "outcomes/schedule.html", {"program": program, "form": form})
