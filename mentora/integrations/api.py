"""Integrations JSON API: webhook endpoints, secrets and delivery log (organization admins)."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Router
from ninja.errors import HttpError
from ninja.pagination import paginate
from ninja.responses import Status

from mentora.accounts.api import current_user
from mentora.integrations.models import EVENTS, WebhookDelivery, WebhookEndpoint
from mentora.integrations.permissions import can_manage_webhooks
from mentora.integrations.schemas import (
    DeliveryOut,
    EndpointIn,
    EndpointOut,
    EndpointPatch,
    EndpointSecretOut,
    EventOut,
    RotateIn,
)
from mentora.integrations.selectors import delivery_log
from mentora.integrations.services import (
    webhook_delivery_resend,
    webhook_endpoint_create,
    webhook_endpoint_delete,
    webhook_endpoint_ping,
    webhook_endpoint_rotate_secret,
    webhook_endpoint_update,
)
from mentora.lib.pagination import PageNumberPagination

router = Router(tags=["integrations"])


def _admin(request: HttpRequest) -> None:
    if not can_manage_webhooks(current_user(request)):
        raise HttpError(403, "Only organization admins can manage webhooks.")


def _endpoint(request: HttpRequest, endpoint_id: int) -> WebhookEndpoint:
    _admin(request)
    endpoint = WebhookEndpoint.objects.filter(pk=endpoint_id).first()
    if endpoint is None:
        raise HttpError(404, f"No webhook endpoint has id {endpoint_id}.")
    return endpoint


def _with_secret(endpoint: WebhookEndpoint, secret: str) -> EndpointSecretOut:
    return EndpointSecretOut(**EndpointOut.from_orm(endpoint).model_dump(), secret=secret)


@router.get("/webhooks/events", response=list[EventOut], summary="Events endpoints can receive")
def event_list(request: HttpRequest) -> list[EventOut]:
    _admin(request)
    return [EventOut(name=name, description=text) for name, text in EVENTS.items()]


@router.get("/webhooks", response=list[EndpointOut], summary="Webhook endpoints")
def endpoint_list(request: HttpRequest) -> QuerySet[WebhookEndpoint]:
    _admin(request)
    return WebhookEndpoint.objects.order_by("name", "pk")


@router.post(
    "/webhooks",
    response={201: EndpointSecretOut},
    summary="Register an endpoint (its signing secret is shown once)",
)
def endpoint_create(request: HttpRequest, payload: EndpointIn) -> Status[EndpointSecretOut]:
    _admin(request)
    user = current_user(request)
    endpoint, secret = webhook_endpoint_create(
        by=user, name=payload.name, url=payload.url, events=payload.events
    )
    if not payload.is_active:
        endpoint = webhook_endpoint_update(
            endpoint=endpoint, by=user, name=endpoint.name, url=endpoint.url,
            events=endpoint.events, is_active=False,
        )
    return Status(201, _with_secret(endpoint, secret))


@router.get("/webhooks/{endpoint_id}", response=EndpointOut, summary="One endpoint")
def endpoint_detail(request: HttpRequest, endpoint_id: int) -> WebhookEndpoint:
    return _endpoint(request, endpoint_id)


@router.patch("/webhooks/{endpoint_id}", response=EndpointOut, summary="Change an endpoint")
def endpoint_update(
    request: HttpRequest, endpoint_id: int, payload: EndpointPatch
) -> WebhookEndpoint:
    endpoint = _endpoint(request, endpoint_id)
    return webhook_endpoint_update(
        endpoint=endpoint,
        by=current_user(request),
        name=payload.name if payload.name is not None else endpoint.name,
        url=payload.url if payload.url is not None else endpoint.url,
        events=payload.events if payload.events is not None else endpoint.events,
        is_active=payload.is_active if payload.is_active is not None else endpoint.is_active,
    )


@router.delete("/webhooks/{endpoint_id}", response={204: None}, summary="Delete an endpoint")
def endpoint_delete(request: HttpRequest, endpoint_id: int) -> Status[None]:
    webhook_endpoint_delete(endpoint=_endpoint(request, endpoint_id), by=current_user(request))
    return Status(204, None)


@router.post(
    "/webhooks/{endpoint_id}/rotate-secret",
    response=EndpointSecretOut,
    summary="New signing secret; the old one keeps signing for grace_hours",
)
def endpoint_rotate(request: HttpRequest, endpoint_id: int, payload: RotateIn) -> EndpointSecretOut:
    endpoint, secret = webhook_endpoint_rotate_secret(
        endpoint=_endpoint(request, endpoint_id),
        by=current_user(request),
        grace_hours=payload.grace_hours,
    )
    return _with_secret(endpoint, secret)


@router.post(
    "/webhooks/{endpoint_id}/ping",
    response={202: DeliveryOut},
    summary="Queue a test event to this endpoint",
)
def endpoint_ping(request: HttpRequest, endpoint_id: int) -> Status[WebhookDelivery]:
    delivery = webhook_endpoint_ping(
        endpoint=_endpoint(request, endpoint_id), by=current_user(request)
    )
    return Status(202, delivery)


@router.get(
    "/webhooks/{endpoint_id}/deliveries",
    response=list[DeliveryOut],
    summary="An endpoint's delivery log, newest first",
)
@paginate(PageNumberPagination)
def delivery_list(
    request: HttpRequest, endpoint_id: int, status: str = ""
) -> QuerySet[WebhookDelivery]:
    endpoint = _endpoint(request, endpoint_id)
    if status and status not in WebhookDelivery.Status.values:
        raise HttpError(422, f"status: one of {', '.join(WebhookDelivery.Status.values)}.")
    return delivery_log(endpoint, status=status)


@router.post(
    "/deliveries/{delivery_id}/resend",
    response={202: DeliveryOut},
    summary="Send a delivery's event again (same event id)",
)
def delivery_resend(request: HttpRequest, delivery_id: int) -> Status[WebhookDelivery]:
    _admin(request)
    delivery = WebhookDelivery.objects.filter(pk=delivery_id).first()
    if delivery is None:
        raise HttpError(404, f"No webhook delivery has id {delivery_id}.")
    return Status(202, webhook_delivery_resend(delivery=delivery, by=current_user(request)))
