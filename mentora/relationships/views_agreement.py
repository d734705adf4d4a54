"""The agreement page: read, edit, sign, and its version history."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from mentora.lib.errors import DomainError
from mentora.lib.http import AuthedRequest
from mentora.notifications.links import user_timezone
from mentora.relationships import permissions as perms
from mentora.relationships.forms import AgreementForm, ApplyTemplateForm
from mentora.relationships.models import Agreement, AgreementTemplate, Relationship
from mentora.relationships.services.agreements import (
    agreement_apply_template,
    agreement_ensure,
    agreement_sign,
    agreement_update,
)
from mentora.relationships.views_common import relationship_for, run_form


def _agreement_for(request: AuthedRequest, pk: int) -> Agreement:
    relationship = relationship_for(request, pk)
    if not perms.can_view_content(request.user, relationship):
        raise Http404("No such agreement.")
    agreement = getattr(relationship, "agreement", None)
    if agreement is None:
        if not perms.can_change_content(request.user, relationship):
            raise Http404("This relationship has no agreement yet.")
        agreement = agreement_ensure(relationship=relationship)
    return agreement


def _agreement_page(request: AuthedRequest, pk: int, *, editing: bool) -> HttpResponse:
    agreement = _agreement_for(request, pk)
    relationship = agreement.relationship
    can_change = perms.can_change_content(request.user, relationship)
    form = AgreementForm(request.POST or None, instance=agreement)
    if request.method == "POST":
        if not can_change:
            raise Http404("This agreement can no longer change.")
        editing = True
        if form.is_valid():
            before = agreement.version
            try:
                saved = agreement_update(
                    agreement=Agreement.objects.get(pk=agreement.pk),
                    by=request.user,
                    data=form.content(),
                )
            except DomainError as exc:
                field = "goals_text" if exc.field == "goals" else exc.field
                form.add_error(field if field in form.fields else None, exc.message)
            else:
                other = relationship.other_member(request.user)
                if saved.version == before:
                    messages.info(request, "Nothing changed: the agreement stays as it was.")
                else:
                    messages.success(
                        request,
                        f"Your change is proposed as version {saved.version}. It takes effect "
                        f"when you and {other} have both signed it: read it and sign below.",
                    )
                return redirect("relationships:agreement", pk=pk)
    elif editing and not can_change:
        raise Http404("This agreement can no longer change.")
    role = relationship.member_role(request.user)
    program = relationship.program
    return render(
        request,
        "relationships/agreement_edit.html" if editing else "relationships/agreement_detail.html",
        {
            "rel": relationship,
            "agreement": agreement,
            "form": form,
            "can_change": can_change,
            "role": role,
            "other": relationship.other_member(request.user),
            "mentee_word": program.mentee_label,
            "mentor_word": program.mentor_label,
            "signed_by_me": bool(getattr(agreement, f"{role}_signed_at", None)),
            "versions": agreement.versions.select_related("changed_by"),
            "tz": user_timezone(request.user),
            "apply_form": ApplyTemplateForm(program=program)
            if can_change and AgreementTemplate.objects.filter(program=program).exists()
            else None,
        },
    )


@login_required
def agreement_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    """The agreement as both signed it (or will sign it); a POST proposes a change."""
    return _agreement_page(request, pk, editing=False)


@login_required
def agreement_change(request: AuthedRequest, pk: int) -> HttpResponse:
    """The form that proposes a change to the agreement (a new version both sign)."""
    return _agreement_page(request, pk, editing=True)


@login_required
@require_POST
def agreement_sign_view(request: AuthedRequest, pk: int) -> HttpResponse:
    agreement = _agreement_for(request, pk)
    starting = agreement.relationship.status == Relationship.Status.ACCEPTED
    try:
        agreement_sign(agreement=agreement, by=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        other = agreement.relationship.other_member(request.user)
        if not agreement.fully_signed:
            done = (
                f"You signed version {agreement.version}. It takes effect when {other} signs too."
            )
        elif starting:
            done = (
                "Signed by both of you: the relationship has started. "
                "Next: schedule your first meeting."
            )
        else:
            done = f"Signed: version {agreement.version} is now agreed by both of you."
        messages.success(request, done)
    if agreement.fully_signed and starting:
        return redirect("relationships:detail", pk=pk)
    return redirect("relationships:agreement", pk=pk)


@login_required
@require_POST
def agreement_template_apply(request: AuthedRequest, pk: int) -> HttpResponse:
    agreement = _agreement_for(request, pk)
    run_form(
        request,
        ApplyTemplateForm(request.POST, program=agreement.relationship.program),
        lambda data: agreement_apply_template(
            agreement=agreement, template=data["template"], by=request.user
        ),
        "The template's text is proposed as a new version; both of you sign it to agree it.",
        prefix="Template",
    )
    return redirect("relationships:agreement", pk=pk)
