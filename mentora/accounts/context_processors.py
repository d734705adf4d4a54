"""Template context: what the signed-in person may do, for navigation."""

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from mentora.accounts import permissions


def roles(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"is_org_admin": False, "manages_programs": False, "mentors_somewhere": False}
    return {
        "is_org_admin": permissions.is_org_admin(user),
        # Every page renders this processor; asking the database only when a template reads
        # the value keeps a query off every page that does not.
        "manages_programs": SimpleLazyObject(lambda: permissions.manages_any_program(user)),
        # Read by the navigation: "Requests to me" only for people who mentor or coach.
        "mentors_somewhere": SimpleLazyObject(lambda: permissions.mentors_somewhere(user)),
    }
