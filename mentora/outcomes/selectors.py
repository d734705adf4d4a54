"""The old import path of the report builders; they live in mentora.outcomes.reports."""

from mentora.outcomes.reports import dashboard_report, outcomes_report

__all__ = ["dashboard_report", "outcomes_report"]
