"""What people answers for the apps below it (mentora.lib.hooks), plugged in from ready()."""

from __future__ import annotations

from mentora.accounts.services import person_created
from mentora.people.selectors import profile_for


def register() -> None:
    """Plug people's answers into the hooks of lower apps."""
    person_created.provide(lambda *, user: profile_for(user))
