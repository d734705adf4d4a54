"""Program pages: list, detail and enrollment, create/edit, and the manager's roster."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from mentora.lib.errors import DomainError
from mentora.lib.http import AuthedRequest
from mentora.people.permissions import can_import_people
from mentora.programs.forms import (
    DecisionForm,
    DuplicateForm,
    EnrollForm,
    ProgramForm,
    QuestionFormSet,
)
from mentora.programs.kinds import TEMPLATES, rhythm_sentence
from mentora.programs.models import Enrollment, Program
from mentora.programs.permissions import (
    can_create_program,
    can_manage_program,
    can_view_program,
    can_view_roster,
    visible_programs,
)
from mentora.programs.selectors import program_counts, program_counts_for
from mentora.programs.services import (
    eligibility_problem,
    enrollment_approve,
    enrollment_create,
    enrollment_decline,
    enrollment_withdraw,
    enrollments_decide,
    program_archive,
    program_create_from_template,
    program_duplicate,
    program_set_managers,
    program_set_questions,
    program_update,
    waitlist_position,
)


def _program_for(request: HttpRequest, slug: str) -> Program:
    program = get_object_or_404(Program, slug=slug)
    if not can_view_program(request.user, program):
        raise Http404("No such program.")
    return program


@login_required
def program_list(request: AuthedRequest) -> HttpResponse:
    archived = request.GET.get("show") == "archived"
    # No managers prefetched: the list shows none (and counts come from one selector).
    programs = visible_programs(request.user).order_by("name", "pk")
    programs = (
        programs.filter(status=Program.Status.ARCHIVED)
        if archived
        else programs.exclude(status=Program.Status.ARCHIVED)
    )
    programs_list = list(programs)
    counts = program_counts(program_ids=[p.pk for p in programs_list])
    mine = {
        e.program_id: e
        for e in Enrollment.objects.filter(user=request.user).exclude(
            status=Enrollment.Status.WITHDRAWN
        )
    }
    rows = [(program, counts[program.pk], mine.get(program.pk)) for program in programs_list]
    return render(
        request,
        "programs/program_list.html",
        {
            "rows": rows,
            "can_create": can_create_program(request.user),
            "can_import": can_import_people(request.user),
            "archived": archived,
        },
    )


@login_required
def program_detail(request: AuthedRequest, slug: str) -> HttpResponse:
    program = _program_for(request, slug)
    mine = list(
        Enrollment.objects.filter(program=program, user=request.user).exclude(
            status__in=[Enrollment.Status.WITHDRAWN, Enrollment.Status.DECLINED]
        )
    )
    for enrollment in mine:
        enrollment.position = waitlist_position(enrollment)  # type: ignore[attr-defined]
    form = EnrollForm(request.POST or None, program=program)
    if request.method == "POST" and form.is_valid():
        try:
            enrollment = enrollment_create(
                program=program,
                user=request.user,
                role=form.cleaned_data["role"],
                answers=form.answers(),
                capacity=form.cleaned_data.get("capacity"),
            )
        except DomainError as exc:
            target = exc.field.replace("answers.", "q_") if exc.field else None
            form.add_error(target if target in form.fields else None, exc.message)
        else:
            messages.success(request, _enrolled_message(enrollment))
            return redirect("programs:detail", slug=program.slug)
    counts = program_counts_for(program)
    return render(
        request,
        "programs/program_detail.html",
        {
            "program": program,
            "form": form,
            "mine": mine,
            "counts": counts,
            "rhythm": rhythm_sentence(program),
            "can_manage": can_manage_program(request.user, program),
            "can_duplicate": can_manage_program(request.user, program)
            and can_create_program(request.user),
            "open": program.enrollment_open(),
            "mentee_problem": eligibility_problem(
                program=program, user=request.user, role="mentee"
            ),
        },
    )


def _enrolled_message(enrollment: Enrollment) -> str:
    if enrollment.status == Enrollment.Status.WAITLISTED:
        place = waitlist_position(enrollment)
        return (
            f"The program is full, so you are on the waitlist (place {place}). "
            "You will get the first free place."
        )
    if enrollment.status == Enrollment.Status.PENDING:
        return "Thank you: a program manager will review your enrollment."
    return f"You are enrolled in {enrollment.program.name}."


@login_required
@require_POST
def enrollment_withdraw_view(request: AuthedRequest, pk: int) -> HttpResponse:
    enrollment = get_object_or_404(Enrollment.objects.select_related("program"), pk=pk)
    if enrollment.user_id != request.user.pk and not can_manage_program(
        request.user, enrollment.program
    ):
        raise Http404("No such enrollment.")
    try:
        enrollment_withdraw(enrollment=enrollment, by=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"Withdrawn from {enrollment.program.name}.")
    return redirect("programs:detail", slug=enrollment.program.slug)


@login_required
def program_create_view(request: AuthedRequest) -> HttpResponse:
    """Choose a kind of program, then edit the settings its template starts with."""
    if not can_create_program(request.user):
        # Not the generic 403 page: say who can open this door.
        return render(request, "programs/program_create_refused.html", status=403)
    kind = request.GET.get("kind") or request.POST.get("kind") or ""
    if kind not in TEMPLATES:
        return render(
            request,
            "programs/program_choose.html",
            {"templates": list(TEMPLATES.values()), "unknown": bool(kind)},
        )
    template = TEMPLATES[kind]
    form = ProgramForm(
        request.POST or None,
        initial={**template.settings, "kind": kind},
        template_kind=kind,
    )
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                program = program_create_from_template(
                    by=request.user, kind=kind, data=form.program_data()
                )
                if form.manager_email_list():
                    program_set_managers(
                        program=program, by=request.user, emails=form.manager_email_list()
                    )
        except DomainError as exc:
            field = "manager_emails" if exc.field == "managers" else exc.field
            form.add_error(field if field in form.fields else None, exc.message)
        else:
            messages.success(
                request,
                f"{program.name} is created as a draft that only its managers see. Check its "
                "application questions, then set it to open when people may enroll.",
            )
            return redirect("programs:detail", slug=program.slug)
    return render(
        request,
        "programs/program_form.html",
        {"form": form, "program": None, "template": template},
    )


@login_required
def program_duplicate_view(request: AuthedRequest, slug: str) -> HttpResponse:
    """Start the next cohort of a program: its settings, questions and templates, no people."""
    program = _program_for(request, slug)
    if not (can_manage_program(request.user, program) and can_create_program(request.user)):
        raise PermissionDenied(
            "Only this program's managers who may create programs can duplicate it."
        )
    form = DuplicateForm(request.POST or None, initial={"name": f"{program.name} (next cohort)"})
    if request.method == "POST" and form.is_valid():
        try:
            cohort = program_duplicate(
                program=program,
                by=request.user,
                name=form.cleaned_data["name"],
                slug=form.cleaned_data.get("slug") or "",
            )
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(
                request,
                f"{cohort.name} is created as a draft with {program.name}'s settings, "
                "questions and agreement templates, and nobody enrolled yet. Set its "
                "enrollment dates, then open it.",
            )
            return redirect("programs:edit", slug=cohort.slug)
    return render(
        request,
        "programs/program_duplicate.html",
        {
            "program": program,
            "form": form,
            "questions": program.questions.count(),
            "templates": program.agreement_templates.count(),  # type: ignore[attr-defined]
        },
    )


@login_required
def program_archive_view(request: AuthedRequest, slug: str) -> HttpResponse:
    """Ask first, then archive (or restore) the program."""
    program = _program_for(request, slug)
    if not can_manage_program(request.user, program):
        raise PermissionDenied("Only this program's managers can archive it.")
    restoring = program.is_archived
    if request.method == "POST":
        try:
            program_archive(program=program, by=request.user, archived=not restoring)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(
                request,
                f"{program.name} is restored and closed to enrollment; open it again from "
                "its settings."
                if restoring
                else f"{program.name} is archived: it no longer shows on Programs, and "
                "nobody can enroll. Its relationships and reports stay as they are.",
            )
        return redirect("programs:detail", slug=program.slug)
    counts = program_counts_for(program)
    return render(
        request,
        "programs/program_archive.html",
        {"program": program, "counts": counts, "restoring": restoring},
    )


@login_required
def program_edit(request: AuthedRequest, slug: str) -> HttpResponse:
    program = _program_for(request, slug)
    if not can_manage_program(request.user, program):
        raise PermissionDenied("Only this program's managers can change it.")
    form = ProgramForm(request.POST or None, instance=program, template_kind=None)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                program = program_update(program=program, by=request.user, data=form.program_data())
                program_set_managers(
                    program=program, by=request.user, emails=form.manager_email_list()
                )
        except DomainError as exc:
            field = "manager_emails" if exc.field == "managers" else exc.field
            form.add_error(field if field in form.fields else None, exc.message)
        else:
            messages.success(request, "Program saved.")
            return redirect("programs:detail", slug=program.slug)
    return render(request, "programs/program_form.html", {"form": form, "program": program})


@login_required
def roster(request: AuthedRequest, slug: str) -> HttpResponse:
    program = _program_for(request, slug)
    if not can_view_roster(request.user, program):
        raise PermissionDenied("Only this program's managers can see who enrolled.")
    status = request.GET.get("status", "")
    enrollments = program.enrollments.select_related("user", "user__profile").order_by(
        "role", "status", "created_at", "pk"
    )
    if status in Enrollment.Status.values:
        enrollments = enrollments.filter(status=status)
    questions = {str(q.pk): q.text for q in program.questions.all()}
    counts = program_counts_for(program)
    return render(
        request,
        "programs/roster.html",
        {
            "program": program,
            "enrollments": enrollments,
            "questions": questions,
            "status": status,
            "statuses": Enrollment.Status.choices,
            "counts": counts,
            "decision_form": DecisionForm(),
        },
    )


@login_required
@require_POST
def enrollment_decide(request: AuthedRequest, pk: int, decision: str) -> HttpResponse:
    enrollment = get_object_or_404(Enrollment.objects.select_related("program", "user"), pk=pk)
    if not can_manage_program(request.user, enrollment.program):
        raise PermissionDenied("Only this program's managers can decide enrollments.")
    form = DecisionForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        if decision == "approve":
            enrollment_approve(enrollment=enrollment, by=request.user)
            messages.success(request, f"{enrollment.user.full_name} is enrolled.")
        else:
            enrollment_decline(enrollment=enrollment, by=request.user, note=note)
            messages.success(request, f"{enrollment.user.full_name}'s enrollment was declined.")
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("programs:roster", slug=enrollment.program.slug)


@login_required
@require_POST
def enrollments_bulk_decide(request: AuthedRequest, slug: str) -> HttpResponse:
    """Approve or decline the chosen applications: a page that asks first, then does it."""
    program = _program_for(request, slug)
    if not can_manage_program(request.user, program):
        raise PermissionDenied("Only this program's managers can decide enrollments.")
    decision = request.POST.get("decision", "")
    ids = [int(v) for v in request.POST.getlist("enrollments") if v.isdigit()]
    if decision not in ("approve", "decline") or not ids:
        messages.error(
            request, "Tick the applications to decide first, then choose Approve or Decline."
        )
        return redirect("programs:roster", slug=program.slug)
    chosen = list(
        program.enrollments.filter(
            pk__in=ids, status__in=[Enrollment.Status.PENDING, Enrollment.Status.WAITLISTED]
        ).select_related("user")
    )
    if request.POST.get("confirm") != "yes":
        return render(
            request,
            "programs/roster_confirm.html",
            {
                "program": program,
                "decision": decision,
                "chosen": chosen,
                "skipped": len(set(ids)) - len(chosen),
            },
        )
    note = str(request.POST.get("note", ""))[:300]
    try:
        decided = enrollments_decide(
            program=program,
            by=request.user,
            enrollment_ids=[e.pk for e in chosen],
            decision=decision,
            note=note,
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        n = len(decided)
        people = "person" if n == 1 else "people"
        if decision == "approve":
            messages.success(request, f"{n} {people} enrolled in {program.name}.")
        else:
            messages.success(request, f"{n} {people}'s applications declined.")
    return redirect("programs:roster", slug=program.slug)


@login_required
def questions_edit(request: AuthedRequest, slug: str) -> HttpResponse:
    program = _program_for(request, slug)
    if not can_manage_program(request.user, program):
        raise PermissionDenied("Only this program's managers can change its questions.")
    initial = [
        {
            "text": q.text,
            "audience": q.audience,
            "choices": ", ".join(q.choices),
            "required": q.required,
        }
        for q in program.questions.all()
    ]
    formset = QuestionFormSet(
        request.POST or None, initial=initial, prefix="q", form_kwargs={"program": program}
    )
    error = None
    if request.method == "POST" and formset.is_valid():
        specs = [
            {
                "text": f.cleaned_data["text"],
                "audience": f.cleaned_data["audience"],
                "choices": [c.strip() for c in f.cleaned_data["choices"].split(",") if c.strip()],
                "required": f.cleaned_data["required"],
            }
            for f in formset.forms
            if f.cleaned_data.get("text")
        ]
        try:
            program_set_questions(program=program, by=request.user, questions=specs)
        except DomainError as exc:
            error = exc.message
        else:
            messages.success(request, "Application questions saved.")
            return redirect("programs:detail", slug=program.slug)
    return render(
        request,
        "programs/questions_edit.html",
        {"program": program, "formset": formset, "error": error},
    )
