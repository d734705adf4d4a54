"""JSON API for accounts: who am I, personal API tokens, and my data (export, erase)."""

import base64
import binascii
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from ninja import Router, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from mentora.accounts.branding import branding_look, branding_update
from mentora.accounts.gdpr import gdpr_erase, gdpr_export, gdpr_export_send
from mentora.accounts.models import ApiToken, User
from mentora.accounts.permissions import is_org_admin
from mentora.accounts.schemas import (
    BrandingIn,
    BrandingOut,
    ErasedOut,
    EraseIn,
    MeOut,
    ProgramStaffIn,
    StaffPersonOut,
    TokenCreatedOut,
    TokenCreateIn,
    TokenOut,
)
from mentora.accounts.services import (
    api_token_create,
    api_token_revoke,
    user_set_program_staff,
)
from mentora.lib.errors import DomainError
from mentora.lib.hooks import Hook
from mentora.lib.http import current_user
from mentora.lib.pagination import PageNumberPagination
from mentora.notifications.links import absolute

router = Router(tags=["accounts"])

# The programs a person manages (slugs) and the role words of the programs they take part in;
# programs (above accounts) answers from its AppConfig.ready().
programs_of: Hook[[Any], tuple[list[str], set[str]]] = Hook(
    "accounts.programs_of", default=lambda user: ([], set())
)


@router.get("/me", response=MeOut, summary="Who am I, and my roles")
def me(request: HttpRequest) -> MeOut:
    user = current_user(request)
    managed, program_roles = programs_of(user)
    roles: set[str] = set(program_roles)
    if is_org_admin(user):
        roles.add("org_admin")
    if managed:
        roles.add("program_manager")
    if user.is_program_staff and user.is_active:
        roles.add("program_staff")
    return MeOut(
        id=user.pk,
        email=user.email,
        full_name=user.full_name,
        is_org_admin=is_org_admin(user),
        roles=sorted(roles),
        managed_programs=managed,
    )


@router.get("/tokens", response=list[TokenOut], summary="My API tokens (never their keys)")
@paginate(PageNumberPagination)
def token_list(request: HttpRequest) -> object:
    return ApiToken.objects.filter(user=current_user(request)).order_by("-created_at", "-pk")


@router.post(
    "/tokens", response={201: TokenCreatedOut}, summary="Create a token (the key is shown once)"
)
def token_create(request: HttpRequest, payload: TokenCreateIn) -> Status[TokenCreatedOut]:
    token, key = api_token_create(
        user=current_user(request), name=payload.name, scope=payload.scope
    )
    return Status(201, TokenCreatedOut(**TokenOut.from_orm(token).model_dump(), key=key))


@router.delete("/tokens/{token_id}", response={204: None}, summary="Revoke one of my tokens")
def token_revoke(request: HttpRequest, token_id: int) -> Status[None]:
    user = current_user(request)
    # Someone else's token answers like a missing one, so ids reveal nothing.
    token = ApiToken.objects.filter(user=user, pk=token_id).first()
    if token is None:
        raise HttpError(404, f"You have no API token with id {token_id}.")
    api_token_revoke(token=token, by=user)
    return Status(204, None)


@router.get("/me/data", response=dict[str, Any], summary="Download all my data (GDPR export)")
def my_data(request: HttpRequest) -> dict[str, Any]:
    user = current_user(request)
    return gdpr_export(user=user, by=user)


@router.post("/me/erase", response=ErasedOut, summary="Erase my account (cannot be undone)")
def my_erase(request: HttpRequest, payload: EraseIn) -> ErasedOut:
    user = current_user(request)
    if payload.confirm_email.strip().lower() != user.email.lower():
        raise DomainError(
            "confirm_email must be your own email address; nothing was erased.",
            field="confirm_email",
        )
    report = gdpr_erase(user=user, by=user)
    return ErasedOut.of(report)


def _person(request: HttpRequest, user_id: int) -> User:
    if not is_org_admin(current_user(request)):
        raise HttpError(403, "Only organization admins can send someone their data or erase them.")
    person = User.objects.filter(pk=user_id).first()
    if person is None:
        raise HttpError(404, f"No person with id {user_id}.")
    return person


@router.post(
    "/people/{user_id}/data/send",
    response={202: dict[str, str]},
    summary="Email a person a link to their own data (organization admins; a subject-access "
    "request)",
)
def person_data_send(request: HttpRequest, user_id: int) -> Any:
    person = _person(request, user_id)
    gdpr_export_send(user=person, by=current_user(request))
    return Status(
        202,
        {"detail": f"Emailed {person.email} a link to download their data; it works for them "
         "only, signed in, for 7 days."},
    )


@router.post(
    "/people/{user_id}/erase",
    response=ErasedOut,
    summary="Erase a person's account (organization admins)",
)
def person_erase(request: HttpRequest, user_id: int) -> ErasedOut:
    report = gdpr_erase(user=_person(request, user_id), by=current_user(request))
    return ErasedOut.of(report)


def _admin(request: HttpRequest) -> User:
    me = current_user(request)
    if not is_org_admin(me):
        raise HttpError(403, "Only organization admins can change organization settings.")
    return me


@router.get(
    "/program-staff",
    response=list[StaffPersonOut],
    summary="Who is program staff (may create programs; organization admins)",
)
@paginate(PageNumberPagination)
def program_staff_list(request: HttpRequest) -> object:
    _admin(request)
    return User.objects.filter(is_program_staff=True).order_by("full_name", "pk")


@router.put(
    "/people/{user_id}/program-staff",
    response=StaffPersonOut,
    summary="Make someone program staff, or stop (organization admins)",
)
def program_staff_set(request: HttpRequest, user_id: int, payload: ProgramStaffIn) -> User:
    me = _admin(request)
    person = User.objects.filter(pk=user_id).first()
    if person is None:
        raise HttpError(404, f"No person with id {user_id}.")
    return user_set_program_staff(user=person, is_program_staff=payload.program_staff, by=me)


def _branding_out() -> dict[str, Any]:
    look = branding_look()
    return {
        "name": look.name,
        "accent_colour": look.accent,
        "logo_url": absolute(reverse("accounts:branding_logo")) + f"?v={look.version}"
        if look.has_logo
        else None,
    }


@router.get("/branding", response=BrandingOut, summary="The organization's name, logo and colour")
def branding_get(request: HttpRequest) -> dict[str, Any]:
    return _branding_out()


@router.patch(
    "/branding", response=BrandingOut, summary="Change the organization look (org admins)"
)
def branding_patch(request: HttpRequest, payload: BrandingIn) -> dict[str, Any]:
    me = _admin(request)
    logo = None
    if payload.logo_base64:
        try:
            logo = base64.b64decode(payload.logo_base64, validate=True)
        except (binascii.Error, ValueError):
            raise DomainError("logo_base64 is not valid base64.", field="logo_base64") from None
    try:
        branding_update(
            by=me,
            name=payload.name,
            accent_colour=payload.accent_colour,
            logo=logo,
            remove_logo=payload.remove_logo,
        )
    except DomainError as exc:
        if exc.field == "logo":
            exc.field = "logo_base64"
        raise
    return _branding_out()
