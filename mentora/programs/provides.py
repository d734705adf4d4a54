"""What programs answers for the apps below it (mentora.lib.hooks), plugged in from ready()."""

from __future__ import annotations

from mentora.accounts import api as accounts_api
from mentora.people import permissions as people_permissions
from mentora.programs import selectors


def register() -> None:
    """Plug programs' answers into the hooks of lower apps."""
    people_permissions.shares_a_program.provide(selectors.shares_a_program)
    people_permissions.program_mates.provide(selectors.program_mates)
    accounts_api.programs_of.provide(selectors.programs_of)
