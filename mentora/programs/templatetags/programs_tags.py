"""Template filters for program pages: an enrollment's role in the program's own words."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.filter
def role_word(enrollment: Any, program: Any) -> str:
    """ "mentor", "coachee", "peer": the enrollment's role as its program names it."""
    if enrollment.role == "mentor":
        return str(program.mentor_label)
    return str(program.mentee_label)
