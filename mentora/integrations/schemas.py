"""Shapes of the integrations API."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from ninja import Field, Schema


class EndpointIn(Schema):
    """A webhook endpoint to register."""

    name: str = Field(..., max_length=100)
    url: str = Field(..., max_length=500, description="https:// URL that receives POSTs.")
    events: list[str] = Field(..., description="Event names, e.g. relationship.accepted.")
    is_active: bool = True


class EndpointPatch(Schema):
    """Fields to change; those left out stay as they are."""

    name: str | None = Field(None, max_length=100)
    url: str | None = Field(None, max_length=500)
    events: list[str] | None = None
    is_active: bool | None = None


class RotateIn(Schema):
    """How long the old secret keeps signing deliveries beside the new one."""

    grace_hours: int = Field(24, ge=0, le=168)


class EndpointOut(Schema):
    """A webhook endpoint (its secret is only ever returned by create and rotate)."""

    id: int
    name: str
    url: str
    events: list[str]
    is_active: bool
    secret_hint: str
    previous_secret_expires_at: datetime | None
    created_at: datetime
    updated_at: datetime


class EndpointSecretOut(EndpointOut):
    """An endpoint with its new signing secret, shown this once."""

    secret: str


class DeliveryOut(Schema):
    """One delivery of an event to an endpoint."""

    id: int
    endpoint_id: int
    event_id: UUID
    event: str
    status: str
    attempts: int
    created_at: datetime
    available_at: datetime
    last_attempt_at: datetime | None
    delivered_at: datetime | None
    last_status_code: int | None
    last_error: str
    resent_from_id: int | None
    payload: dict[str, Any]


class EventOut(Schema):
    """An event an endpoint can subscribe to."""

    name: str
    description: str
