"""Who may read and write a conversation — the one place these rules live.

Only the two people ever read it: not program managers, not organization admins (they see
that a pair works together, never the words). A mentee's request to a mentor is a
relationship in "requested" state, so the mentor reads it from the moment they are asked.
Writing needs the relationship to be live (requested, accepted, active or paused); after it
ends the two can still read what they wrote.
"""

from __future__ import annotations

from typing import Any

from mentora.relationships.models import Relationship


def _authed(user: Any) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def can_read(user: Any, relationship: Relationship) -> bool:
    """The mentee or the mentor of the relationship, nobody else."""
    return _authed(user) and user.pk in (relationship.mentee_id, relationship.mentor_id)


def is_open(relationship: Relationship) -> bool:
    """Whether new messages may be written: the relationship (or request) is live."""
    return relationship.status in Relationship.LIVE


def can_write(user: Any, relationship: Relationship) -> bool:
    """One of the two people, while the relationship is live."""
    return can_read(user, relationship) and is_open(relationship)
