"""Writes on accounts: creating people who sign in, roles and API tokens."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from mentora.accounts.models import ApiToken, User
from mentora.lib.errors import DomainError


@transaction.atomic
def user_create(
    *, email: str, full_name: str, password: str | None = None, is_org_admin: bool = False
) -> User:
    """Create a person who can sign in; the email must be new."""
    email = email.strip().lower()
    if User.objects.filter(email__iexact=email).exists():
        raise DomainError(f"A person with the email {email} already exists.", field="email")
    user = User.objects.create_user(
        email=email, password=password, full_name=full_name.strip(), is_org_admin=is_org_admin
    )
    from mentora.people.models import Profile

    Profile.objects.get_or_create(user=user)
    return user


@transaction.atomic
def api_token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    """Create a personal API token; the plain key is returned once and never stored."""
    name = name.strip()
    if not name:
        raise DomainError(
            "Give the token a name, such as the script that will use it.", field="name"
        )
    key = ApiToken.generate_key()
    token = ApiToken.objects.create(
        user=user, name=name, key_prefix=key[:10], key_hash=ApiToken.hash_key(key)
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


def api_token_authenticate(key: str) -> User | None:
    """The active user owning this token key, or None."""
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
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
