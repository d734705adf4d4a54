"""What people answers for the apps below it (mentora.lib.hooks), plugged in from ready()."""

from __future__ import annotations

from typing import Any

from mentora.accounts.services import person_created
from mentora.people.selectors import profile_for


def _empty_profile(*, user: Any) -> None:
    """A new person's profile, created empty."""
    profile_for(user)


def register() -> None:
    """Plug people's answers into the hooks of lower apps."""
    person_created.provide(_empty_profile)
