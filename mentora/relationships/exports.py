"""A member's export of a relationship: everything they may read, as plain JSON values.

The same permission functions as the pages decide what goes in, so the export can never
hold more than its reader may see: the other side's private notes are never in it.
"""

from __future__ import annotations

from typing import Any

from mentora.lib.errors import DomainError
from mentora.relationships import permissions as perms
from mentora.relationships.models import PrivateNote, Relationship


def _person(user: Any) -> dict[str, Any]:
    return {"id": user.pk, "full_name": user.full_name, "email": user.email}


def relationship_record(*, relationship: Relationship, user: Any) -> dict[str, Any]:
    """The relationship as `user` may read it (the pair only): agreement with its history,
    meetings with agenda, shared notes and the user's own private notes, actions,
    check-ins, reflections and the event log."""
    if not perms.can_view_content(user, relationship):
        raise DomainError("Only the two people in a relationship can export it.", code="not_found")
    agreement = getattr(relationship, "agreement", None)
    own_private = perms.visible_private_notes(
        user, PrivateNote.objects.filter(meeting__relationship=relationship)
    )
    private_by_meeting: dict[int, list[dict[str, Any]]] = {}
    for note in own_private:
        private_by_meeting.setdefault(note.meeting_id, []).append(
            {"body": note.body, "created_at": note.created_at.isoformat()}
        )
    meetings = relationship.meetings.prefetch_related("agenda_items", "shared_notes__author")
    return {
        "relationship": {
            "id": relationship.pk,
            "program": relationship.program.slug,
            "kind": relationship.kind,
            "status": relationship.status,
            "mentee": _person(relationship.mentee),
            "mentor": _person(relationship.mentor),
            "sessions_planned": relationship.sessions_planned,
            "ends_on": relationship.ends_on.isoformat() if relationship.ends_on else None,
            "end_reason": relationship.end_reason,
        },
        "agreement": None
        if agreement is None
        else {
            "current": agreement.content() | {"version": agreement.version},
            "versions": [
                {
                    "number": v.number,
                    "content": v.content,
                    "created_at": v.created_at.isoformat(),
                    "mentee_signed_at": v.mentee_signed_at and v.mentee_signed_at.isoformat(),
                    "mentor_signed_at": v.mentor_signed_at and v.mentor_signed_at.isoformat(),
                }
                for v in agreement.versions.order_by("number")
            ],
        },
        "meetings": [
            {
                "starts_at": m.starts_at.isoformat(),
                "duration_minutes": m.duration_minutes,
                "status": m.status,
                "location": m.location,
                "agenda": [a.text for a in m.agenda_items.all()],
                "shared_notes": [
                    {
                        "author": str(n.author),
                        "body": n.body,
                        "created_at": n.created_at.isoformat(),
                    }
                    for n in m.shared_notes.all()
                ],
                "my_private_notes": private_by_meeting.get(m.pk, []),
            }
            for m in meetings
        ],
        "action_items": [
            {
                "text": a.text,
                "owner": str(a.owner),
                "due_on": a.due_on and a.due_on.isoformat(),
                "status": a.status,
                "done_at": a.done_at and a.done_at.isoformat(),
            }
            for a in relationship.action_items.select_related("owner")
        ],
        "check_ins": [
            {
                "author": str(c.author),
                "progress": c.progress,
                "blockers": c.blockers,
                "confidence": c.confidence,
                "next_step": c.next_step,
                "created_at": c.created_at.isoformat(),
            }
            for c in relationship.check_ins.select_related("author")
        ],
        "reflections": [
            {
                "author": str(r.author),
                "what_went_well": r.what_went_well,
                "what_to_improve": r.what_to_improve,
            }
            for r in relationship.reflections.select_related("author")
        ],
        "events": event_rows(relationship, viewer=user, iso=True),
    }


def event_rows(
    relationship: Relationship, *, viewer: Any, iso: bool = False
) -> list[dict[str, Any]]:
    """The event log as plain values (who, what, from → to, when, why), as the viewer may
    read it."""
    return [
        {
            "action": e.action,
            "from_status": e.from_status,
            "to_status": e.to_status,
            "by": str(e.by) if e.by else None,
            "at": e.at.isoformat() if iso else e.at,
            "reason": e.reason,
        }
        for e in perms.visible_events(viewer, relationship)
    ]
