"""Programs' rules for a person's data (collected by mentora.accounts.gdpr; docs/gdpr.md)."""

from __future__ import annotations

from typing import Any

from mentora.lib.data_rules import EXCLUDE, INCLUDE, DataRules, data_rules_register
from mentora.programs.models import Enrollment, Program
from mentora.programs.services import enrollment_withdraw


def _withdraw_enrollments(user: Any) -> int:
    """Withdraw the person's open enrollments (waitlists move on) and their program roles."""
    open_statuses = [
        Enrollment.Status.PENDING,
        Enrollment.Status.APPROVED,
        Enrollment.Status.WAITLISTED,
    ]
    count = 0
    for enrollment in Enrollment.objects.filter(user=user, status__in=open_statuses).order_by("pk"):
        enrollment_withdraw(enrollment=enrollment, by=user)
        count += 1
    Program.managers.through.objects.filter(user=user).delete()
    return count


RULES = data_rules_register(
    DataRules(
        app="programs",
        export_rules={
            # Enrollments: one's own (with one's answers), not the ones one decided as a manager.
            "programs.Enrollment.user": INCLUDE,
            "programs.Enrollment.decided_by": EXCLUDE,
            "programs.Program.managers": INCLUDE,
            "programs.Announcement.created_by": INCLUDE,  # emails this person wrote
        },
        erase_steps={"withdrawn_enrollments": _withdraw_enrollments},
    )
)
