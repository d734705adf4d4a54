"""The program manager's matching workbench: run, review, steer, preview, publish, export."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from mentora.lib.errors import DomainError
from mentora.lib.http import AuthedRequest
from mentora.matching import selectors, services
from mentora.matching.engine.factors import DEFAULT_WEIGHTS
from mentora.matching.export import draft_csv
from mentora.matching.features import resolve_settings
from mentora.matching.forms import PriorityForm, PublishForm, RuleForm, WhatIfForm, WithdrawForm
from mentora.matching.models import MatchRule, MatchRun
from mentora.matching.permissions import can_use_workbench
from mentora.matching.reasons import CONSTRAINT_TEXT, people_name, plural, unmatched_text, worded
from mentora.matching.scores import score_100, score_text
from mentora.programs.models import Program
from mentora.programs.permissions import can_view_program
from mentora.relationships.models import Relationship

PAGE_SIZE = 50


def _program(request: AuthedRequest, slug: str) -> Program:
    program = get_object_or_404(Program, slug=slug)
    if not can_view_program(request.user, program):
        raise Http404("No such program.")
    if not can_use_workbench(request.user, program):
        raise PermissionDenied("Only this program's managers can use its matching.")
    return program


def _back(slug: str, query: str = "") -> HttpResponse:
    from django.urls import reverse

    return redirect(reverse("matching:workbench", args=[slug]) + query)


def _priority_initial(program: Program) -> dict[str, Any]:
    return _floor_initial(program.match_constraints or {})


def _floor_initial(constraints: dict[str, Any]) -> dict[str, Any]:
    saved = services.priority_of(constraints)
    initial = {k: v for k, v in saved.items() if k != "label"}
    if saved["priority"] == "as_many":  # what "only good fits" would start from
        initial["floor_role"] = True
    return initial


@login_required
def workbench(request: AuthedRequest, slug: str) -> HttpResponse:
    program = _program(request, slug)
    show = request.GET.get("show", "all")
    show = show if show in selectors.FILTERS else "all"
    department = request.GET.get("department", "")
    draft = selectors.latest_draft(program)
    active = selectors.active_run(program)
    last = selectors.latest_run(program)
    context: dict[str, Any] = {
        "program": program,
        "draft": draft,
        "active": active,
        "failed": last if last and last.status == MatchRun.Status.FAILED else None,
        "show": show,
        "department": department,
        # In the program's own words: "Unmatched coachees" in a coaching program.
        "filters": {
            k: v.replace("mentees", plural(program.mentee_label))
            for k, v in selectors.FILTERS.items()
        },
        "rules": selectors.program_rules(program),
        "rule_form": RuleForm(program=program),
        "priority": services.priority_of(program.match_constraints or {}),
        "priority_form": PriorityForm(program=program, initial=_priority_initial(program)),
    }
    if draft is not None:
        pinned_pairs = set(
            selectors.program_rules(program)
            .filter(kind=MatchRule.Kind.FORBID)
            .values_list("mentee_id", "mentor_id")
        )
        context["forbidden_pairs"] = pinned_pairs
        context["departments"] = selectors.draft_departments(draft)
        context["histogram"] = selectors.score_histogram(draft)
        unmatched = list(selectors.unmatched_mentees(draft, department=department))
        for u in unmatched:
            u.reason = unmatched_text(  # type: ignore[attr-defined]
                u.code, u.params, mentee=people_name(u.mentee), program=program.name,
                mentor_word=program.mentor_label, mentee_word=program.mentee_label,
            )
            u.closest = u.params.get("closest", [])  # type: ignore[attr-defined]
        context["unmatched"] = unmatched
        context["draft_priority"] = services.priority_of(draft.constraints or {})
        context["withdrawable"] = (
            selectors.withdrawable_matches(draft) if draft.published_at else {}
        )
        if show != "unmatched":
            page = Paginator(
                selectors.draft_pairs(draft, show=show, department=department), PAGE_SIZE
            ).get_page(request.GET.get("page"))
            for pair in page.object_list:
                pair.forbidden = (pair.mentee_id, pair.mentor_id) in pinned_pairs
                # A manager reads every factor about both people, by name.
                pair.reasons = worded(
                    pair.contributions,
                    voice="manager",
                    mentee=people_name(pair.mentee),
                    mentor=people_name(pair.mentor),
                    mentor_word=program.mentor_label,
                    mentee_word=program.mentee_label,
                )
                pair.lead = next((r for r in pair.reasons if r.is_reason), None)
            context["page"] = page
    return render(request, "matching/workbench.html", context)


@login_required
@require_POST
def run_start(request: AuthedRequest, slug: str) -> HttpResponse:
    program = _program(request, slug)
    try:
        run = services.matchrun_start(program=program, by=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
        return _back(slug)
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "matching/_progress.html", {"program": program, "run": run})
    messages.success(request, "The matching run is queued; this page shows its progress.")
    return _back(slug)


@login_required
def run_progress(request: AuthedRequest, slug: str, pk: int) -> HttpResponse:
    program = _program(request, slug)
    run = get_object_or_404(MatchRun, pk=pk, program=program)
    response = render(request, "matching/_progress.html", {"program": program, "run": run})
    if not run.in_progress and request.htmx:  # type: ignore[attr-defined]
        # The run finished: reload the page so the draft (or the preview) shows.
        target = (
            f"/matching/{slug}/what-if/{run.pk}/"
            if run.purpose == MatchRun.Purpose.PREVIEW
            else f"/matching/{slug}/"
        )
        response["HX-Redirect"] = target
    return response


@login_required
@require_POST
def rule_add(request: AuthedRequest, slug: str) -> HttpResponse:
    program = _program(request, slug)
    form = RuleForm(request.POST, program=program)
    if not form.is_valid():
        problems = "; ".join(
            f"{form.fields[k].label}: {' '.join(str(e) for e in v)}"
            for k, v in form.errors.items()
            if k in form.fields
        )
        messages.error(
            request,
            problems or f"Choose a rule, a {program.mentee_label} and a {program.mentor_label}.",
        )
        return _back(slug)
    users = get_user_model().objects.in_bulk(
        [form.cleaned_data["mentee"], form.cleaned_data["mentor"]]
    )
    try:
        rule = services.matchrule_set(
            program=program,
            mentee=users[form.cleaned_data["mentee"]],
            mentor=users[form.cleaned_data["mentor"]],
            kind=form.cleaned_data["kind"],
            note=form.cleaned_data["note"],
            by=request.user,
        )
    except DomainError as exc:
        messages.error(request, exc.message)
        return _back(slug)
    verb = "pinned to" if rule.kind == MatchRule.Kind.PIN else "will never be paired with"
    messages.success(
        request, f"{rule.mentee} {verb} {rule.mentor}. Run the matching again to apply it."
    )
    return _back(slug)


@login_required
@require_POST
def rule_delete(request: AuthedRequest, slug: str, pk: int) -> HttpResponse:
    program = _program(request, slug)
    rule = get_object_or_404(MatchRule, pk=pk, program=program)
    try:
        services.matchrule_delete(rule=rule, by=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
        return _back(slug)
    messages.success(request, "Rule removed.")
    return _back(slug)


@login_required
def move(request: AuthedRequest, slug: str, mentee_id: int) -> HttpResponse:
    program = _program(request, slug)
    mentee = get_object_or_404(get_user_model(), pk=mentee_id)
    if request.method == "POST":
        mentor = get_user_model().objects.filter(pk=request.POST.get("mentor") or 0).first()
        if mentor is None:
            messages.error(
                request, f"Choose a {program.mentor_label} to move {people_name(mentee)} to."
            )
            return redirect(request.path)
        try:
            result = services.draft_move(
                program=program, mentee=mentee, mentor=mentor, by=request.user
            )
        except DomainError as exc:
            messages.error(request, exc.message)
            return redirect(request.path)
        change = (
            f" (score {score_100(result.old_score)} → {score_text(result.new_score)})"
            if result.old_score is not None
            else f" (score {score_text(result.new_score)})"
        )
        broken = (
            " It breaks a hard rule: "
            f"{', '.join(CONSTRAINT_TEXT.get(c, c) for c in result.failed)}."
            if result.failed
            else ""
        )
        messages.success(
            request,
            f"{people_name(mentee)} moved to {people_name(mentor)} and pinned{change}.{broken}",
        )
        return _back(slug)
    try:
        options = services.move_options(program=program, mentee=mentee, by=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
        return _back(slug)
    return render(
        request,
        "matching/move.html",
        {
            "program": program,
            "mentee": mentee,
            "options": options,
            "movable": any(not o.current for o in options),
        },
    )


@login_required
def whatif(request: AuthedRequest, slug: str) -> HttpResponse:
    program = _program(request, slug)
    draft = selectors.latest_draft(program)
    base_w = draft.weights if draft else resolve_settings(program)[2]
    base_c = draft.constraints if draft else resolve_settings(program)[3]
    initial = {**base_c, "objective": draft.objective if draft else "total",
               **_floor_initial(base_c)}
    form = WhatIfForm(request.POST or None, weights=base_w, initial=initial, program=program)
    if request.method == "POST" and form.is_valid():
        try:
            run = services.whatif_preview(
                program=program,
                by=request.user,
                weights=form.weights(),
                constraints=form.constraints(),
                objective=form.cleaned_data["objective"],
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            return redirect("matching:whatif_result", slug=slug, pk=run.pk)
    return render(
        request, "matching/whatif.html", {"program": program, "form": form, "draft": draft}
    )


_FLOOR_LABELS = {
    "fit_floor": "Priority",
    "floor_role": "A good fit has held the target role, a related role or one in its family",
    "floor_skills": "Or shares at least this many of the skills wanted",
    "min_score": "And scores at least (out of 100)",
}


def _setting_value(key: str, value: Any) -> str:
    """A weight or constraint's value as people read it (no True/None on a page)."""
    if key == "fit_floor":
        return services.PRIORITIES["good_fits" if value else "as_many"]
    if key == "min_score":
        return str(round(float(value or 0) * 100)) if value else "Off"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if value is None:
        return "Off"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _setting_label(key: str, weights: dict) -> str:
    """A weight or constraint as the what-if form names it."""
    if key in _FLOOR_LABELS:
        return _FLOOR_LABELS[key]
    if key in weights:
        return f"Weight: {services.FACTOR_LABELS.get(key, key.replace('_', ' '))}"
    field = WhatIfForm.base_fields.get(key)
    return str(field.label) if field is not None else key.replace("_", " ").capitalize()


@login_required
def whatif_result(request: AuthedRequest, slug: str, pk: int) -> HttpResponse:
    program = _program(request, slug)
    run = get_object_or_404(MatchRun, pk=pk, program=program)
    draft = selectors.latest_draft(program)
    comparison = None
    if run.status == MatchRun.Status.DONE and draft is not None and draft.pk != run.pk:
        comparison = selectors.compare_runs(draft, run)
    rows = []
    if draft is not None:
        for key in list(run.weights) + list(run.constraints):
            # a factor newer than the draft weighed its default there
            before = {**DEFAULT_WEIGHTS, **draft.weights, **draft.constraints}.get(key)
            after = {**run.weights, **run.constraints}.get(key)
            rows.append((_setting_label(key, run.weights), _setting_value(key, before),
                         _setting_value(key, after), before != after))
    return render(
        request,
        "matching/whatif_result.html",
        {
            "program": program,
            "run": run,
            "draft": draft,
            "comparison": comparison,
            "settings_rows": rows,
        },
    )


@login_required
@require_POST
def whatif_adopt(request: AuthedRequest, slug: str, pk: int) -> HttpResponse:
    program = _program(request, slug)
    run = get_object_or_404(MatchRun, pk=pk, program=program)
    try:
        services.whatif_adopt(run=run, by=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("matching:whatif_result", slug=slug, pk=pk)
    messages.success(
        request, "Saved: these weights and constraints now apply, and this is the draft."
    )
    return _back(slug)


@login_required
def publish(request: AuthedRequest, slug: str) -> HttpResponse:
    """GET: what publishing will do (pairs, people told, both messages) with an editable
    introduction. POST with ``confirm``: publish; without it: preview the edited text."""
    program = _program(request, slug)
    form = PublishForm(request.POST or None)
    intro = None
    if request.method == "POST":
        if not form.is_valid():
            problems = " ".join(str(e) for e in form.errors.get("intro", []))
            messages.error(request, f"Introduction: {problems}")
            return redirect(request.path)
        intro = form.cleaned_data["intro"]
        if request.POST.get("confirm") == "yes":
            try:
                report = services.draft_publish(program=program, by=request.user, intro=intro)
            except DomainError as exc:
                messages.error(request, exc.message)
                return _back(slug)
            what = (
                f"each {program.mentor_label} is asked to accept"
                if report.mode == Program.PublishMode.REQUESTS
                else "the relationships are active"
            )
            told = len({r.mentee_id for r in report.relationships}
                       | {r.mentor_id for r in report.relationships})
            messages.success(
                request,
                f"Published {report.created} pair{'s' if report.created != 1 else ''} and told "
                f"{told} people why they were matched; {what}. Until a pair is accepted you can "
                "withdraw it below.",
            )
            return _back(slug)
    try:
        preview = services.publish_preview(program=program, by=request.user, intro=intro)
    except DomainError as exc:
        messages.error(request, exc.message)
        return _back(slug)
    if request.method != "POST":
        form = PublishForm(initial={"intro": preview.intro})
    return render(request, "matching/publish_preview.html",
                  {"program": program, "preview": preview, "form": form})


@login_required
@require_POST
def priority(request: AuthedRequest, slug: str) -> HttpResponse:
    program = _program(request, slug)
    form = PriorityForm(request.POST, program=program)
    if not form.is_valid():
        problems = "; ".join(
            f"{form.fields[k].label}: {' '.join(str(e) for e in v)}"
            for k, v in form.errors.items() if k in form.fields
        )
        messages.error(request, problems or "Choose a priority.")
        return _back(slug)
    try:
        services.matchpriority_set(program=program, by=request.user, **form.cleaned_data)
    except DomainError as exc:
        messages.error(request, exc.message)
        return _back(slug)
    label = services.PRIORITIES[form.cleaned_data["priority"]]
    messages.success(request, f"Saved: {label.lower()}. Run the matching again to apply it.")
    return _back(slug)


@login_required
def withdraw(request: AuthedRequest, slug: str, pk: int) -> HttpResponse:
    """Withdraw a published match nobody has accepted yet (asks first, tells both)."""
    program = _program(request, slug)
    rel = get_object_or_404(Relationship.objects.select_related("mentee", "mentor"), pk=pk,
                            program=program)
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.match_withdraw(relationship=rel, by=request.user,
                                    reason=form.cleaned_data["reason"])
        except DomainError as exc:
            messages.error(request, exc.message)
            return _back(slug)
        messages.success(
            request,
            f"Withdrew the match of {people_name(rel.mentee)} with {people_name(rel.mentor)}; "
            f"both were told. {people_name(rel.mentee)} is waiting for a match again.",
        )
        return _back(slug)
    return render(request, "matching/withdraw_confirm.html",
                  {"program": program, "relationship": rel, "form": form})


@login_required
def export(request: AuthedRequest, slug: str) -> HttpResponse:
    program = _program(request, slug)
    draft = selectors.latest_draft(program)
    if draft is None:
        messages.error(request, "There is no draft to export yet: run the matching first.")
        return _back(slug)
    response = HttpResponse(draft_csv(draft), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{program.slug}-draft-{draft.pk}.csv"'
    return response
