"""What a directory profile offers its reader: ask this person for mentoring."""

from __future__ import annotations

from typing import Any

from django import template

from mentora.programs.models import Enrollment, Program
from mentora.recommendations.permissions import CHOOSING_MODES, ONE_TO_ONE, RUNNING

register = template.Library()


@register.simple_tag
def programs_to_ask_in(viewer: Any, person: Any) -> list[Program]:
    """Programs where the viewer, an approved mentee, may choose and the person is an approved
    mentor or coach: where "Ask for mentoring" leads (one query)."""
    if not getattr(viewer, "is_authenticated", False) or viewer.pk == person.pk:
        return []
    approved = Enrollment.Status.APPROVED
    return list(
        Program.objects.filter(
            kind__in=ONE_TO_ONE,
            status__in=RUNNING,
            matching_mode__in=CHOOSING_MODES,
            enrollments__user_id=viewer.pk,
            enrollments__role=Enrollment.Role.MENTEE,
            enrollments__status=approved,
        )
        .filter(
            pk__in=Enrollment.objects.filter(
                user_id=person.pk, role=Enrollment.Role.MENTOR, status=approved
            ).values("program_id")
        )
        .distinct()
        .order_by("name")
    )
