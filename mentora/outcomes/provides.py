"""What outcomes answers for the apps below it (mentora.lib.hooks), plugged in from ready()."""

from __future__ import annotations

from mentora.outcomes import planning
from mentora.relationships.services import lifecycle


def register() -> None:
    """Plug outcomes' answers into the hooks of lower apps."""
    lifecycle.exit_survey_due.provide(planning.exit_survey_due)
    lifecycle.exit_surveys_send.provide(planning.exit_surveys_send)
