"""The agreement page: read, edit, sign, and its version history."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from mentora.lib.errors import DomainError
from mentora.lib.http import AuthedRequest
from mentora.relationships import permissions as perms
from mentora.relationships.forms import AgreementForm
from mentora.relationships.models import Agreement
from mentora.relationships.services.agreements import (
    agreement_ensure,
    agreement_sign,
    agreement_update,
)
from mentora.relationships.views import relationship_for


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
        },
    )


@login_required
@require_POST
def agreement_sign_view(request: AuthedRequest, pk: int) -> HttpResponse:
    agreement = _agreement_for(request, pk)
    try:
        agreement_sign(agreement=agreement, by=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            "Signed. The relationship is now active."
            if agreement.fully_signed
            else "Signed. It takes effect when both of you have signed.",
        )
    return redirect("relationships:agreement", pk=pk)
