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


@login_required
def agreement_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    agreement = _agreement_for(request, pk)
    relationship = agreement.relationship
    can_change = perms.can_change_content(request.user, relationship)
    form = AgreementForm(request.POST or None, instance=agreement)
    if request.method == "POST":
        if not can_change:
            raise Http404("This agreement can no longer change.")
        if form.is_valid():
            try:
                agreement_update(
                    agreement=Agreement.objects.get(pk=agreement.pk),
                    by=request.user,
                    data=form.content(),
                )
            except DomainError as exc:
                field = "goals_text" if exc.field == "goals" else exc.field
                form.add_error(field if field in form.fields else None, exc.message)
            else:
                messages.success(request, "Agreement saved. Both of you sign the new version.")
                return redirect("relationships:agreement", pk=pk)
    role = relationship.member_role(request.user)
    rel_program = relationship.program
    return render(
        request,
        "relationships/agreement_edit.html",
        {
            "rel": relationship,
            "agreement": agreement,
            "form": form,
            "can_change": can_change,
            "signed_by_me": bool(getattr(agreement, f"{role}_signed_at", None)),
            "versions": agreement.versions.select_related("changed_by"),
            "tz": user_timezone(request.user),
            "apply_form": ApplyTemplateForm(program=relationship.program)
            if can_change and AgreementTemplate.objects.filter(program=rel_program).exists()
            else None,
        },
    )


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
        if not agreement.fully_signed:
            done = "Signed. It takes effect when both of you have signed."
        elif starting:
            done = "Signed. The relationship is now active."
        else:
            done = f"Signed. Both of you have signed version {agreement.version}."
        messages.success(request, done)
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
        "Agreement rewritten from the template. Both of you sign the new version.",
        prefix="Template",
    )
    return redirect("relationships:agreement", pk=pk)
