from typing import Any

from django.apps import AppConfig
from django.core import checks


class OutcomesConfig(AppConfig):
    name = "mentora.outcomes"
    verbose_name = "Outcomes"

    def ready(self) -> None:
        checks.register(check_min_group_size)
        checks.register(check_report_max_age)
        # What outcomes answers for the apps below it (mentora.lib.hooks).
        from mentora.outcomes import provides

        provides.register()


def check_min_group_size(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """MENTORA_MIN_GROUP_SIZE must be a whole number of at least 2."""
    from mentora.outcomes.stats import min_group_size_problem

    problem = min_group_size_problem()
    return [checks.Error(problem, id="outcomes.E001")] if problem else []


def check_report_max_age(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """MENTORA_REPORT_MAX_AGE must be a whole number of seconds, 0 or more."""
    from mentora.outcomes.snapshots import max_age_problem

    problem = max_age_problem()
    return [checks.Error(problem, id="outcomes.E002")] if problem else []
