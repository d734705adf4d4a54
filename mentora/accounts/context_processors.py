"""Template context: what the signed-in person may do, for navigation."""

from typing import Any

from django.http import HttpRequest

from mentora.accounts import permissions


def roles(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"is_org_admin": False, "manages_programs": False}
    return {
        "is_org_admin": permissions.is_org_admin(user),
        "manages_programs": permissions.manages_any_program(user),
    }
