"""Who may use the matching workbench and who may read why a pair was matched."""

from __future__ import annotations

from typing import Any

from mentora.programs.models import Program
from mentora.programs.permissions import can_manage_program


def can_use_workbench(user: Any, program: Program) -> bool:
    """Runs, drafts, scores, rules, previews, publishing and exports: the program's managers
    and organization admins only. A mentee or mentor never sees drafts or others' scores."""
    return bool(getattr(user, "is_authenticated", False)) and can_manage_program(user, program)


def can_view_why_matched(user: Any, relationship: Any) -> bool:
    """The two people of a published pair, and whoever manages the program."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.pk in (relationship.mentee_id, relationship.mentor_id):
        return True
    return can_manage_program(user, relationship.program)
