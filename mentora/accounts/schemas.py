"""Shapes of the accounts API: who am I, personal API tokens."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from ninja import Field, Schema
from pydantic import ConfigDict


class MeOut(Schema):
    """The signed-in person and what they may do."""

    id: int
    email: str
    full_name: str
    is_org_admin: bool
    roles: list[str] = Field(
        description="org_admin, program_manager, and the roles held in approved enrollments "
        "(mentor, mentee, coach, coachee, peer)."
    )
    managed_programs: list[str] = Field(description="Slugs of the programs this person manages.")


class TokenOut(Schema):
    """A personal API token; the key itself is never shown again after creation."""

    id: int
    name: str
    scope: Literal["read", "read_write"] = Field(
        description="read: GET only; read_write: everything its owner may do."
    )
    key_prefix: str = Field(description="The first characters of the key, to recognise it.")
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None
    is_active: bool

    @staticmethod
    def resolve_is_active(obj: object) -> bool:
        return getattr(obj, "revoked_at", None) is None


class TokenCreatedOut(TokenOut):
    """A token just created, with its key: store it now, it is not shown again."""

    key: str


class TokenCreateIn(Schema):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(max_length=100, description="What the token is for, such as a script name.")
    scope: Literal["read", "read_write"] = Field(
        "read_write",
        description="read: the token may only read (GET); read_write (default): it may also "
        "change things, with exactly its owner's permissions.",
    )


class EraseIn(Schema):
    """Confirm erasing my account by sending my email address."""

    model_config = ConfigDict(extra="forbid")

    confirm_email: str = Field(max_length=254, description="Your own email address.")


class ErasedOut(Schema):
    """What erasing an account did."""

    detail: str
    ended_relationships: int
    withdrawn_enrollments: int
    deleted: dict[str, int]

    @classmethod
    def of(cls, report: Any) -> ErasedOut:
        return cls(
            detail="The account was erased.",
            ended_relationships=report.ended_relationships,
            withdrawn_enrollments=report.withdrawn_enrollments,
            deleted=report.deleted,
        )


class StaffPersonOut(Schema):
    """Someone who is program staff."""

    id: int
    full_name: str
    email: str


class ProgramStaffIn(Schema):
    model_config = ConfigDict(extra="forbid")

    program_staff: bool = Field(description="true: may create programs; false: may not.")


class BrandingOut(Schema):
    """The organization's look; `logo_url` is null without a logo."""

    name: str
    accent_colour: str
    logo_url: str | None


class BrandingIn(Schema):
    """Fields left out keep their value; an empty name or colour returns to Mentora's own."""

    model_config = ConfigDict(extra="forbid")

    name: str | None = Field(None, max_length=120)
    accent_colour: str | None = Field(None, max_length=7, description="#rrggbb, readable on white")
    logo_base64: str | None = Field(
        None, max_length=400_000, description="A PNG, JPEG or WebP image, base64-encoded"
    )
    remove_logo: bool = False
