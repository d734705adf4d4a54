"""Pages for program managers: a program's relationships (stalled first, nudge both), the
stalled pairs of every program they manage, the rematch queue, and agreement templates."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from mentora.lib import clock
from mentora.lib.errors import DomainError
from mentora.lib.http import AuthedRequest
from mentora.programs.models import Program
from mentora.relationships import permissions as perms
from mentora.relationships.forms import AgreementTemplateForm, ResolveForm
from mentora.relationships.health import stalled_days
from mentora.relationships.models import AgreementTemplate, RematchRequest
from mentora.relationships.selectors import (
    program_relationships,
    rematch_queue,
    stalled_relationships,
    stuck_days,
)
from mentora.relationships.services.ending import rematch_request_resolve
from mentora.relationships.services.templates import (
    agreement_template_create,
    agreement_template_delete,
    agreement_template_update,
)
from mentora.relationships.views_common import back, run, run_form


def _managed_program(request: AuthedRequest, slug: str) -> Program:
    program = get_object_or_404(Program, slug=slug)
    if not perms.can_oversee_program_relationships(request.user, program):
        raise PermissionDenied("Only this program's managers can see its relationships.")
    return program


@login_required
def program_overview(request: AuthedRequest, slug: str) -> HttpResponse:
    """Every ongoing relationship of a program with its health; stalled pairs first."""
    program = _managed_program(request, slug)
    now = clock.now()
    rows = program_relationships(program=program, now=now)
    return render(
        request,
        "relationships/program_overview.html",
        {
            "program": program,
            "rows": rows,
            # Silent active pairs and pairs stuck in Requested or Accepted, as on "Stalled".
            "stalled": stalled_relationships(
                programs=Program.objects.filter(pk=program.pk), now=now
            ),
            "stalled_days": stalled_days(),
            "stuck_days": stuck_days(),
            "waiting": RematchRequest.objects.filter(
                program=program, resolved_at__isnull=True
            ).count(),
            "templates": AgreementTemplate.objects.filter(program=program).count(),
        },
    )


@login_required
def stalled(request: AuthedRequest) -> HttpResponse:
    """Stalled pairs in every program the person manages (optionally one program)."""
    programs = perms.overseen_programs(request.user).order_by("name")
    if not programs.exists():
        raise PermissionDenied("Only program managers see stalled relationships.")
    chosen = str(request.GET.get("program", ""))
    scope = programs.filter(slug=chosen) if chosen else programs
    return render(
        request,
        "relationships/stalled.html",
        {
            "rows": stalled_relationships(programs=scope, now=clock.now()),
            "programs": programs,
            "chosen": chosen,
            "stalled_days": stalled_days(),
            "stuck_days": stuck_days(),
        },
    )


@login_required
def rematch_queue_view(request: AuthedRequest, slug: str) -> HttpResponse:
    """The program's rematch queue: who asked to be matched again, after which relationship."""
    program = _managed_program(request, slug)
    handled = request.GET.get("show") == "handled"
    return render(
        request,
        "relationships/rematch_queue.html",
        {
            "program": program,
            "requests": rematch_queue(program=program, handled=handled),
            "handled": handled,
            "form": ResolveForm(),
        },
    )


@login_required
@require_POST
def rematch_handle(request: AuthedRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(RematchRequest.objects.select_related("program", "mentee"), pk=pk)
    if not perms.can_oversee_program_relationships(request.user, item.program):
        raise Http404("No such rematch request.")  # by id: 404, as in the API
    run_form(
        request,
        ResolveForm(request.POST),
        lambda data: rematch_request_resolve(
            rematch_request=item, by=request.user, resolution=data["resolution"]
        ),
        f"{item.mentee}'s request is marked handled.",
    )
    return back(request, reverse("relationships:rematch_queue", args=[item.program.slug]))


@login_required
def templates(request: AuthedRequest, slug: str) -> HttpResponse:
    """A program's agreement templates, and a form for a new one."""
    program = _managed_program(request, slug)
    form = AgreementTemplateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            template = agreement_template_create(
                program=program, by=request.user, data=form.content()
            )
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, f"Template “{template.name}” saved.")
            return redirect("relationships:templates", slug=slug)
    return render(
        request,
        "relationships/templates.html",
        {
            "program": program,
            "templates": AgreementTemplate.objects.filter(program=program),
            "form": form,
        },
    )


def _form_error(form: AgreementTemplateForm, exc: DomainError) -> None:
    field = "goals_text" if exc.field == "goals" else exc.field
    form.add_error(field if field in form.fields else None, exc.message)


def _template_for(request: AuthedRequest, pk: int) -> AgreementTemplate:
    template = get_object_or_404(AgreementTemplate.objects.select_related("program"), pk=pk)
    if not perms.can_manage_templates(request.user, template.program):
        raise Http404("No such agreement template.")  # by id: 404, as in the API
    return template


@login_required
def template_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    template = _template_for(request, pk)
    form = AgreementTemplateForm(request.POST or None, instance=template)
    if request.method == "POST" and form.is_valid():
        try:
            agreement_template_update(
                template=AgreementTemplate.objects.get(pk=pk), by=request.user, data=form.content()
            )
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, "Template saved. New agreements start from it.")
            return redirect("relationships:templates", slug=template.program.slug)
    return render(
        request,
        "relationships/template_edit.html",
        {"program": template.program, "template": template, "form": form},
    )


@login_required
@require_POST
def template_delete(request: AuthedRequest, pk: int) -> HttpResponse:
    template = _template_for(request, pk)
    run(
        request,
        lambda: agreement_template_delete(template=template, by=request.user),
        f"Template “{template.name}” deleted; agreements drafted from it keep their text.",
    )
    return redirect("relationships:templates", slug=template.program.slug)
