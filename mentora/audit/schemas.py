"""Shapes of the audit log API."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from ninja import Field, Schema

from mentora.audit.models import ACTIONS

ActionCode = Literal[tuple(sorted(ACTIONS))]  # type: ignore[valid-type]


class AuditFilters(Schema):
    """Query parameters of the audit log; every filter is optional."""

    action: ActionCode | None = None  # type: ignore[valid-type]
    actor: str = Field("", max_length=200, description="Email or name of who did it (contains).")
    target_type: str = Field("", max_length=60, description="e.g. accounts.user, programs.program")
    target_id: str = Field("", max_length=64)
    program: str = Field("", max_length=80, description="A program's address: entries about it.")
    page: int = Field(1, ge=1)
    since: date | None = Field(None, description="From this day (inclusive).")
    until: date | None = Field(None, description="Until this day (inclusive).")


class AuditActorOut(Schema):
    """Who did it."""

    id: int
    full_name: str
    email: str


class AuditEntryOut(Schema):
    """One administrative action."""

    id: int
    at: datetime
    actor: AuditActorOut | None = Field(description="null when the command line or worker did it.")
    action: str
    action_label: str
    target_type: str
    target_id: str
    details: dict[str, Any]


class AuditEntryReadOut(AuditEntryOut):
    """One administrative action, with the sentence a person reads."""

    sentence: str = Field(description="What happened, with names, e.g. “Olga Petrova …”.")


class AuditPageOut(Schema):
    """A page of 100 entries, newest first."""

    count: int
    items: list[AuditEntryReadOut]
