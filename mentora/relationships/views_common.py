"""What every relationship view shares: finding what a person may see, running a service,
reporting form errors, and going back where the person came from (never off-site)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.http import url_has_allowed_host_and_scheme

from mentora.lib.http import AuthedRequest
from mentora.lib.views import run_service as run
from mentora.relationships import permissions as perms
from mentora.relationships.models import Relationship


def relationship_for(
    request: AuthedRequest, pk: int, queryset: QuerySet[Relationship] | None = None
) -> Relationship:
    """The relationship if the person may see it; otherwise 404 (its existence stays hidden).
    `queryset` lets a page load what it shows with the relationship, in the same query."""
    if queryset is None:
        queryset = Relationship.objects.select_related("program", "mentee", "mentor")
    relationship = get_object_or_404(queryset, pk=pk)
    if not perms.can_view_relationship(request.user, relationship):
        raise Http404("No such relationship.")
    return relationship


def form_errors(form: forms.Form, prefix: str = "") -> str:
    """A form's errors as one message, each naming its field."""
    text = "; ".join(
        f"{form.fields[name].label if name in form.fields else 'Form'}: {errors[0]}"
        for name, errors in form.errors.items()
    )
    return f"{prefix}: {text}" if prefix else text


def run_form(
    request: AuthedRequest,
    form: forms.Form,
    call: Callable[[dict[str, Any]], Any],
    success: str,
    prefix: str = "",
) -> bool:
    """Validate a posted form, then call the service with its cleaned data (see `run`)."""
    if not form.is_valid():
        messages.error(request, form_errors(form, prefix))
        return False
    return run(request, lambda: call(form.cleaned_data), success)


def back(request: AuthedRequest, default: str) -> HttpResponse:
    """Redirect to the posted `next` page when it is on this site, else to `default`."""
    target = str(request.POST.get("next") or "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect(default)
