"""JSON API for accounts: who am I, and personal API tokens."""

from django.http import HttpRequest
from ninja import Router, Status
from ninja.errors import HttpError
from ninja.pagination import PageNumberPagination, paginate

from mentora.accounts.models import ApiToken, User
from mentora.accounts.permissions import is_org_admin
from mentora.accounts.schemas import MeOut, TokenCreatedOut, TokenCreateIn, TokenOut
from mentora.accounts.services import api_token_create, api_token_revoke
from mentora.programs.models import Enrollment, Program

router = Router(tags=["accounts"])


def current_user(request: HttpRequest) -> User:
    """The authenticated person (every operation here requires authentication)."""
    return request.auth  # type: ignore[attr-defined,no-any-return]


@router.get("/me", response=MeOut, summary="Who am I, and my roles")
def me(request: HttpRequest) -> MeOut:
    user = current_user(request)
    managed = list(
        Program.objects.filter(managers=user).order_by("slug").values_list("slug", flat=True)
    )
    roles: set[str] = set()
    if is_org_admin(user):
        roles.add("org_admin")
    if managed:
        roles.add("program_manager")
    enrollments = Enrollment.objects.approved().filter(user=user).select_related("program")
    for enrollment in enrollments:
        program = enrollment.program
        mentoring = enrollment.role == Enrollment.Role.MENTOR
        roles.add(program.mentor_label if mentoring else program.mentee_label)
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
    token, key = api_token_create(user=current_user(request), name=payload.name)
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
