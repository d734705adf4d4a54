"""Who may choose, see and answer requests to mentors (the one place these rules live).

A mentee sees only their own recommendations, scores and requests; a mentor sees only the
requests that were actually sent to them (never a choice still waiting its turn, never another
mentor's); program managers oversee the resulting relationships in the relationships app.
"""

from __future__ import annotations

from typing import Any

from mentora.programs.models import Enrollment, Program
from mentora.recommendations.models import MentorChoice
from mentora.relationships.models import Relationship

CHOOSING_MODES = (Program.MatchingMode.MENTEE_CHOICE, Program.MatchingMode.BOTH)
# Peer mentoring is 1:1 too: a participant looking for a peer chooses among those offering
# (docs/decisions/0006-peer-programs.md).
ONE_TO_ONE = (Program.Kind.MENTORING, Program.Kind.COACHING, Program.Kind.PEER)
RUNNING = (Program.Status.OPEN, Program.Status.CLOSED)
ENDED = (Relationship.Status.COMPLETED, Relationship.Status.ENDED_EARLY)


def _authed(user: Any) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def choosing_problem(user: Any, program: Program) -> str | None:
    """Why this person cannot choose a mentor in this program now, or None when they can."""
    if not _authed(user):
        return "Sign in to choose a mentor or coach."
    if program.kind not in ONE_TO_ONE:
        return (
            f"{program} does not take requests in Mentora yet: only 1:1 mentoring, coaching "
            "and peer programs do."
        )
    if program.status not in RUNNING:
        return f"{program} does not take requests for a {program.mentor_label}."
    if program.matching_mode not in CHOOSING_MODES:
        return f"In {program}, the program managers match {program.mentee_label}s."
    enrolled = Enrollment.objects.filter(
        program=program,
        user_id=user.pk,
        role=Enrollment.Role.MENTEE,
        status=Enrollment.Status.APPROVED,
    ).exists()
    if not enrolled:
        return (
            f"Only {program.mentee_label}s enrolled in {program} can choose a "
            f"{program.mentor_label}."
        )
    return None


def can_choose(user: Any, program: Program) -> bool:
    """An approved mentee of a running 1:1 program where mentees choose."""
    return choosing_problem(user, program) is None


def can_view_choice(user: Any, choice: MentorChoice) -> bool:
    """The mentee always; the mentor once the request was sent to them (not while it waits)."""
    if not _authed(user):
        return False
    if user.pk == choice.mentee_id:
        return True
    return user.pk == choice.mentor_id and choice.asked_at is not None


def can_answer_choice(user: Any, choice: MentorChoice) -> bool:
    """Accept, decline or ask a question: the mentor asked, while the request is open."""
    return (
        _authed(user) and user.pk == choice.mentor_id and choice.status == MentorChoice.Status.ASKED
    )


def can_change_choice(user: Any, choice: MentorChoice) -> bool:
    """Reorder, withdraw, answer a question: the mentee, while the choice is open."""
    return _authed(user) and user.pk == choice.mentee_id and choice.is_open


def can_mark_do_not_pair(user: Any, relationship: Relationship) -> bool:
    """Either member, once the relationship has ended (completed or ended early)."""
    return (
        _authed(user)
        and user.pk in (relationship.mentee_id, relationship.mentor_id)
        and relationship.status in ENDED
    )
