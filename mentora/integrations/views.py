"""Webhook pages: endpoints (create, change, rotate, test, delete) and the delivery log."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from mentora.integrations.forms import EndpointForm, RotateForm
from mentora.integrations.models import EVENTS, WebhookDelivery, WebhookEndpoint
from mentora.integrations.permissions import can_manage_webhooks
from mentora.integrations.selectors import delivery_log, endpoints_with_counts
from mentora.integrations.services import (
    webhook_delivery_resend,
    webhook_endpoint_create,
    webhook_endpoint_delete,
    webhook_endpoint_ping,
    webhook_endpoint_rotate_secret,
    webhook_endpoint_update,
)
from mentora.lib.errors import DomainError
from mentora.lib.http import AuthedRequest

PAGE_SIZE = 25


def _admin_only(request: AuthedRequest) -> None:
    if not can_manage_webhooks(request.user):
        raise PermissionDenied("Only organization admins can manage webhooks.")


def _form_error(form: Any, exc: DomainError) -> None:
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)


@login_required
def endpoint_list(request: AuthedRequest) -> HttpResponse:
    _admin_only(request)
    return render(
        request,
        "integrations/endpoint_list.html",
        {"endpoints": endpoints_with_counts(), "events": EVENTS},
    )


@login_required
def endpoint_create(request: AuthedRequest) -> HttpResponse:
    _admin_only(request)
    form = EndpointForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            endpoint, secret = webhook_endpoint_create(
                by=request.user, name=data["name"], url=data["url"], events=data["events"]
            )
        except DomainError as exc:
            _form_error(form, exc)
        else:
            if not data["is_active"]:
                webhook_endpoint_update(
                    endpoint=endpoint, by=request.user, name=endpoint.name, url=endpoint.url,
                    events=endpoint.events, is_active=False,
                )
            return _detail(request, endpoint, new_secret=secret, created=True)
    status = 422 if form.errors else 200
    return render(request, "integrations/endpoint_form.html", {"form": form}, status=status)


def _detail(
    request: AuthedRequest,
    endpoint: WebhookEndpoint,
    *,
    form: EndpointForm | None = None,
    rotate_form: RotateForm | None = None,
    new_secret: str = "",
    created: bool = False,
    status: int = 200,
) -> HttpResponse:
    wanted = request.GET.get("status", "")
    if wanted not in WebhookDelivery.Status.values:
        wanted = ""
    page = Paginator(delivery_log(endpoint, status=wanted), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    form = form or EndpointForm(
        initial={
            "name": endpoint.name,
            "url": endpoint.url,
            "events": endpoint.events,
            "is_active": endpoint.is_active,
        }
    )
    context = {
        "endpoint": endpoint,
        "form": form,
        "rotate_form": rotate_form or RotateForm(),
        "new_secret": new_secret,
        "created": created,
        "page": page,
        "status_filter": wanted,
        "statuses": WebhookDelivery.Status.choices,
    }
    return render(request, "integrations/endpoint_detail.html", context, status=status)


@login_required
def endpoint_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    _admin_only(request)
    endpoint = get_object_or_404(WebhookEndpoint, pk=pk)
    if request.method != "POST":
        return _detail(request, endpoint)
    form = EndpointForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            webhook_endpoint_update(
                endpoint=endpoint, by=request.user, name=data["name"], url=data["url"],
                events=data["events"], is_active=data["is_active"],
            )
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, f"Saved “{endpoint.name}”.")
            return redirect("integrations:endpoint", pk=endpoint.pk)
    return _detail(request, endpoint, form=form, status=422)


@login_required
@require_POST
def endpoint_rotate(request: AuthedRequest, pk: int) -> HttpResponse:
    _admin_only(request)
    endpoint = get_object_or_404(WebhookEndpoint, pk=pk)
    form = RotateForm(request.POST)
    if form.is_valid():
        try:
            endpoint, secret = webhook_endpoint_rotate_secret(
                endpoint=endpoint, by=request.user, grace_hours=form.cleaned_data["grace_hours"]
            )
        except DomainError as exc:
            _form_error(form, exc)
        else:
            return _detail(request, endpoint, new_secret=secret)
    return _detail(request, endpoint, rotate_form=form, status=422)


@login_required
@require_POST
def endpoint_ping(request: AuthedRequest, pk: int) -> HttpResponse:
    _admin_only(request)
    endpoint = get_object_or_404(WebhookEndpoint, pk=pk)
    webhook_endpoint_ping(endpoint=endpoint, by=request.user)
    messages.success(
        request, "A test event is queued; the worker sends it within seconds. Reload to see it."
    )
    return redirect("integrations:endpoint", pk=endpoint.pk)


@login_required
@require_POST
def endpoint_delete(request: AuthedRequest, pk: int) -> HttpResponse:
    _admin_only(request)
    endpoint = get_object_or_404(WebhookEndpoint, pk=pk)
    name = endpoint.name
    webhook_endpoint_delete(endpoint=endpoint, by=request.user)
    messages.success(request, f"Deleted the endpoint “{name}” and its delivery log.")
    return redirect("integrations:endpoints")


@login_required
@require_POST
def delivery_resend(request: AuthedRequest, pk: int) -> HttpResponse:
    _admin_only(request)
    delivery = get_object_or_404(WebhookDelivery, pk=pk)
    webhook_delivery_resend(delivery=delivery, by=request.user)
    messages.success(request, f"The {delivery.event} event is queued to be sent again.")
    return redirect("integrations:endpoint", pk=delivery.endpoint_id)
