"""A program's analytics as aggregate tables: the dashboard and the outcome report."""

from mentora.outcomes.reports.dashboard import dashboard_report
from mentora.outcomes.reports.outcomes import outcomes_report

__all__ = ["dashboard_report", "outcomes_report"]
