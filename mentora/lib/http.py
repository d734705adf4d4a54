"""Typing help for views behind @login_required."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest

if TYPE_CHECKING:
    from mentora.accounts.models import User


class AuthedRequest(HttpRequest):
    """A request whose user is signed in (views decorated with @login_required)."""

    user: User  # type: ignore[assignment]


def current_user(request: HttpRequest) -> User:
    """The authenticated person of an API operation (every operation requires authentication)."""
    return request.auth  # type: ignore[attr-defined,no-any-return]
