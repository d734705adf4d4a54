"""Who may see and change what in a relationship — the one place these rules live.

Views, the JSON API, the Django admin and exports all ask these functions; docs/privacy.md is
the same rules as a table. Private notes are the strictest rule: only their author, ever.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from mentora.accounts.permissions import is_org_admin
from mentora.programs.models import Program
from mentora.programs.permissions import is_manager_of
from mentora.relationships.models import PrivateNote, Relationship, RelationshipEvent


def _authed(user: Any) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def is_member(user: Any, relationship: Relationship) -> bool:
    """The mentee or the mentor of this relationship."""
    return _authed(user) and user.pk in (relationship.mentee_id, relationship.mentor_id)


def oversees_program(user: Any, program: Any) -> bool:
    """A manager of this program, or an organization admin."""
    if not _authed(user):
        return False
    return is_org_admin(user) or is_manager_of(user, program)


def oversees(user: Any, relationship: Relationship) -> bool:
    """A program manager of the relationship's program, or an organization admin."""
    return oversees_program(user, relationship.program)


def overseen_programs(user: Any) -> QuerySet[Any]:
    """Programs whose relationships a person oversees (all of them for an org admin)."""

    if not _authed(user):
        return Program.objects.none()
    if is_org_admin(user):
        return Program.objects.all()
    return Program.objects.filter(managers=user)


def can_manage_templates(user: Any, program: Any) -> bool:
    """Create, change and delete a program's agreement templates: its managers."""
    return oversees_program(user, program)


def can_oversee_program_relationships(user: Any, program: Any) -> bool:
    """A program's relationship overview, stalled pairs and rematch queue: its managers."""
    return oversees_program(user, program)


def visible_relationships(user: Any) -> QuerySet[Relationship]:
    """Relationships a person may open: their own, and those in programs they oversee."""
    if not _authed(user):
        return Relationship.objects.none()
    if is_org_admin(user):
        return Relationship.objects.all()
    return Relationship.objects.filter(
        Q(mentee=user) | Q(mentor=user) | Q(program__managers=user)
    ).distinct()


def can_view_relationship(user: Any, relationship: Relationship) -> bool:
    """Status, people, health and the event log: the pair and those who oversee the program."""
    return is_member(user, relationship) or oversees(user, relationship)


# A mentee's wish to be matched with someone new is between them and the program's managers.
MENTEE_AND_STAFF_EVENTS = ("rematch_requested", "rematch_handled")


def events_hidden_from_mentor(user: Any) -> Q:
    """Events of the relationships `user` mentors that a mentor does not read (for exports
    that cover many relationships at once; `visible_events` is the per-relationship rule)."""
    return Q(relationship__mentor=user, action__in=MENTEE_AND_STAFF_EVENTS)


# The mentee's words when asking (why this mentor): for the pair only, like the request's note
# on the mentor's request page; overseers see that the request was made, not what it said.
PAIR_ONLY_REASONS = ("request",)


def visible_events(user: Any, relationship: Relationship) -> list[RelationshipEvent]:
    """The event log as this person may read it (pages, API, exports): all of it for the
    mentee; the mentor does not see the rematch request; the program's overseers see every
    event but not the words of the request."""
    events = relationship.events.select_related("by")
    member = is_member(user, relationship)
    if _authed(user) and user.pk == relationship.mentor_id and not oversees(user, relationship):
        events = events.exclude(action__in=MENTEE_AND_STAFF_EVENTS)
    rows = list(events)
    if not member:
        for event in rows:
            if event.action in PAIR_ONLY_REASONS:
                event.reason = ""  # shown, never saved
    return rows


def can_view_content(user: Any, relationship: Relationship) -> bool:
    """Agreement text, agenda, shared notes, actions and check-ins: the pair only."""
    return is_member(user, relationship)


def can_change_content(user: Any, relationship: Relationship) -> bool:
    """Add agenda, notes, actions and check-ins, schedule meetings: the pair, until it ends."""
    return is_member(user, relationship) and relationship.status in Relationship.HOLDING_PLACE


def can_answer_request(user: Any, relationship: Relationship) -> bool:
    """Accept or decline: the mentor asked, or a program manager on their behalf."""
    return (_authed(user) and user.pk == relationship.mentor_id) or oversees(user, relationship)


def can_steer(user: Any, relationship: Relationship) -> bool:
    """Pause, resume, complete or end early: either member or the program's managers."""
    return is_member(user, relationship) or oversees(user, relationship)


def can_nudge(user: Any, relationship: Relationship) -> bool:
    """Remind a stalled pair: the program's managers."""
    return oversees(user, relationship)


def can_request(user: Any, *, mentee: Any, mentor: Any, program: Any) -> bool:
    """Either future member may ask; a program manager (or matching) may pair people."""
    if not _authed(user):
        return False
    if user.pk in (mentee.pk, mentor.pk) or is_org_admin(user):
        return True
    return program.managers.filter(pk=user.pk).exists()


def can_view_private_note(user: Any, note: PrivateNote) -> bool:
    """Only the author, ever: not the other side, managers, admins or superusers."""
    return _authed(user) and note.author_id == user.pk


def visible_private_notes(user: Any, queryset: QuerySet[PrivateNote]) -> QuerySet[PrivateNote]:
    """Restrict private notes to those the user wrote (used by views, API and admin)."""
    if not _authed(user):
        return queryset.none()
    return queryset.filter(author=user)
