"""Program pages: list, detail and enrollment, create/edit, and the manager's roster."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from mentora.lib.errors import DomainError
from mentora.lib.http import AuthedRequest
from mentora.programs.forms import DecisionForm, EnrollForm, ProgramForm, QuestionFormSet
from mentora.programs.models import Enrollment, Program
from mentora.programs.permissions import (
    can_create_program,
    can_manage_program,
    can_view_program,
    can_view_roster,
    visible_programs,
)
from mentora.programs.services import (
    eligibility_problem,
    enrollment_approve,
    enrollment_create,
    enrollment_decline,
    enrollment_withdraw,
    program_create,
    program_set_managers,
    program_set_questions,
    program_update,
    waitlist_position,
)

LIVE = [Enrollment.Status.APPROVED, Enrollment.Status.PENDING]


def _program_for(request: HttpRequest, slug: str) -> Program:
    program = get_object_or_404(Program, slug=slug)
    if not can_view_program(request.user, program):
        raise Http404("No such program.")
    return program


@login_required
def program_list(request: AuthedRequest) -> HttpResponse:
    programs = (
        visible_programs(request.user)
        .annotate(
            mentee_count=Count(
                "enrollments", filter=Q(enrollments__role="mentee", enrollments__status__in=LIVE)
            ),
            mentor_count=Count(
                "enrollments", filter=Q(enrollments__role="mentor", enrollments__status__in=LIVE)
            ),
        )
        .order_by("name")
    )
    mine = {
        e.program_id: e
        for e in Enrollment.objects.filter(user=request.user).exclude(
            status=Enrollment.Status.WITHDRAWN
        )
    }
    rows = [(program, mine.get(program.pk)) for program in programs]
    return render(
        request,
        "programs/program_list.html",
        {"rows": rows, "can_create": can_create_program(request.user)},
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
    counts = program.enrollments.filter(status__in=LIVE).aggregate(
        mentees=Count("pk", filter=Q(role="mentee")), mentors=Count("pk", filter=Q(role="mentor"))
    )
    return render(
        request,
        "programs/program_detail.html",
        {
            "program": program,
            "form": form,
            "mine": mine,
            "counts": counts,
            "can_manage": can_manage_program(request.user, program),
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
    if not can_create_program(request.user):
        raise PermissionDenied("Only organization admins can create programs.")
    form = ProgramForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                program = program_create(by=request.user, data=form.program_data())
                if form.manager_email_list():
                    program_set_managers(
                        program=program, by=request.user, emails=form.manager_email_list()
                    )
        except DomainError as exc:
            field = "manager_emails" if exc.field == "managers" else exc.field
            form.add_error(field if field in form.fields else None, exc.message)
        else:
            messages.success(request, f"Program “{program.name}” created.")
            return redirect("programs:detail", slug=program.slug)
    return render(request, "programs/program_form.html", {"form": form, "program": None})


@login_required
def program_edit(request: AuthedRequest, slug: str) -> HttpResponse:
    program = _program_for(request, slug)
    if not can_manage_program(request.user, program):
        raise PermissionDenied("Only this program's managers can change it.")
    form = ProgramForm(request.POST or None, instance=program)
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
    return render(
        request,
        "programs/roster.html",
        {
            "program": program,
            "enrollments": enrollments,
            "questions": questions,
            "status": status,
            "statuses": Enrollment.Status.choices,
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
    formset = QuestionFormSet(request.POST or None, initial=initial, prefix="q")
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
