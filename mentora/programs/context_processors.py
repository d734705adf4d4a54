"""Template context: what the signed-in person may do, for navigation.

It lives with programs because the roles the navigation needs beyond organization admin
(manages a program, mentors in one) are program roles.
"""

from functools import cache
from typing import Any

from django.db.models import Exists, OuterRef
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from mentora.accounts import permissions
from mentora.accounts.models import User
from mentora.programs.models import Enrollment, Program


def roles(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"is_org_admin": False, "manages_programs": False, "mentors_somewhere": False}
    admin = permissions.is_org_admin(user)

    @cache
    def both() -> dict[str, bool]:
        # The header reads both on every page: one query answers them together.
        row = (
            User.objects.filter(pk=user.pk)
            .annotate(
                manages=Exists(Program.managers.through.objects.filter(user_id=OuterRef("pk"))),
                mentors=Exists(
                    Enrollment.objects.filter(
                        user_id=OuterRef("pk"),
                        role=Enrollment.Role.MENTOR,
                        status=Enrollment.Status.APPROVED,
                    )
                ),
            )
            .values("manages", "mentors")
            .first()
        ) or {"manages": False, "mentors": False}
        return {"manages": admin or bool(row["manages"]), "mentors": bool(row["mentors"])}

    return {
        "is_org_admin": admin,
        # Every page renders this processor; asking the database only when a template reads
        # the value keeps a query off every page that does not.
        "manages_programs": SimpleLazyObject(lambda: both()["manages"]),
        # Read by the navigation: "Requests to me" only for people who mentor or coach.
        "mentors_somewhere": SimpleLazyObject(lambda: both()["mentors"]),
    }
