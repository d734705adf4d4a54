"""What growth answers for the apps below it (mentora.lib.hooks), plugged in from ready()."""

from __future__ import annotations

from mentora.growth.selectors import occupation_choices
from mentora.growth.services import career_roles_set
from mentora.people import forms as people_forms


def register() -> None:
    """Plug growth's answers into the hooks of lower apps."""
    people_forms.occupation_choices.provide(occupation_choices)
    people_forms.career_roles_save.provide(career_roles_set)
