"""Writes on accounts: creating people who sign in, roles and API tokens."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from mentora.accounts import permissions
from mentora.accounts.models import ApiToken, User
from mentora.audit.services import audit_record
from mentora.lib.errors import DomainError
from mentora.lib.hooks import Hook


def _nothing_to_set_up(*, user: Any) -> None:
    """Without people installed a new person needs nothing more."""


# A new person starts with an empty profile; profiles belong to people (above accounts), which
# answers this from its AppConfig.ready().
person_created: Hook[..., object] = Hook("accounts.person_created", default=_nothing_to_set_up)


@transaction.atomic
def user_create(
    *,
    email: str,
    full_name: str,
    password: str | None = None,
    is_org_admin: bool = False,
    by: Any | None = None,
) -> User:
    """Create a person who can sign in; the email must be new."""
    email = email.strip().lower()
    if User.objects.filter(email__iexact=email).exists():
        raise DomainError(f"A person with the email {email} already exists.", field="email")
    user = User.objects.create_user(
        email=email, password=password, full_name=full_name.strip(), is_org_admin=is_org_admin
    )
    person_created(user=user)
    if is_org_admin:
        audit_record(
            actor=by,
            action="user.org_admin_grant",
            target_type="accounts.user",
            target_id=user.pk,
            details={"new_account": True},
        )
    return user


@transaction.atomic
def user_set_org_admin(*, user: User, is_org_admin: bool, by: Any | None) -> User:
    """Grant or revoke organization admin; recorded in the audit log when it changes."""
    if by is not None and not permissions.is_org_admin(by):
        raise DomainError("Only organization admins can change who is one.", code="forbidden")
    if by is not None and by.pk == user.pk and not is_org_admin:
        raise DomainError(
            "You cannot revoke your own organization admin role; ask another admin.",
            field="is_org_admin",
        )
    if user.is_org_admin == is_org_admin:
        return user
    user.is_org_admin = is_org_admin
    user.save(update_fields=["is_org_admin"])
    record_org_admin_change(user=user, granted=is_org_admin, by=by)
    return user


def record_org_admin_change(*, user: User, granted: bool, by: Any | None) -> None:
    """Write the audit entry for a change of organization admin (the Django admin uses it too)."""
    audit_record(
        actor=by,
        action="user.org_admin_grant" if granted else "user.org_admin_revoke",
        target_type="accounts.user",
        target_id=user.pk,
        details={},
    )


@transaction.atomic
def api_token_create(
    *, user: User, name: str, scope: str = ApiToken.Scope.READ_WRITE
) -> tuple[ApiToken, str]:
    """Create a personal API token; the plain key is returned once and never stored."""
    name = name.strip()
    if not name:
        raise DomainError(
            "Give the token a name, such as the script that will use it.", field="name"
        )
    if scope not in ApiToken.Scope.values:
        choices = " or ".join(ApiToken.Scope.values)
        raise DomainError(f"Scope must be {choices}, not “{scope}”.", field="scope")
    key = ApiToken.generate_key()
    token = ApiToken.objects.create(
        user=user, name=name, scope=scope, key_prefix=key[:10], key_hash=ApiToken.hash_key(key)
    )
    audit_record(
        actor=user,
        action="token.create",
        target_type="accounts.apitoken",
        target_id=token.pk,
        details={"name": name, "scope": scope, "key_prefix": token.key_prefix},
    )
    return token, key


@transaction.atomic
def api_token_revoke(*, token: ApiToken, by: User) -> ApiToken:
    """Revoke a token so no script can use it again."""
    if token.user_id != by.pk:
        raise DomainError("You can only revoke your own tokens.", code="forbidden")
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def api_token_authenticate(key: str, *, write: bool = False) -> User | None:
    """The active user owning this token key, or None; a read-only token may not `write`."""
    if not key or not key.startswith(ApiToken.PREFIX):
        return None
    token = (
        ApiToken.objects.usable()
        .select_related("user")
        .filter(key_hash=ApiToken.hash_key(key))
        .first()
    )
    if token is None:
        return None
    if write and not token.can_write:
        raise DomainError(
            f"The API token “{token.name}” is read-only: it can read but not change anything. "
            "Create a read-write token for this script.",
            code="forbidden",
        )
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


@transaction.atomic
def user_set_program_staff(*, user: User, is_program_staff: bool, by: Any | None) -> User:
    """Grant or revoke "program staff" (may create programs); audited when it changes.

    `by` is an organization admin, or None for the command line and the HRIS import.
    """
    if by is not None and not permissions.is_org_admin(by):
        raise DomainError(
            "Only organization admins can change who is program staff.", code="forbidden"
        )
    if is_program_staff and not user.is_active:
        raise DomainError(
            f"{user} has been deactivated and cannot become program staff.", field="user"
        )
    if user.is_program_staff == is_program_staff:
        return user
    user.is_program_staff = is_program_staff
    user.save(update_fields=["is_program_staff"])
    audit_record(
        actor=by,
        action="user.program_staff_grant" if is_program_staff else "user.program_staff_revoke",
        target_type="accounts.user",
        target_id=user.pk,
        details={},
    )
    return user
