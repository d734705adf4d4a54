"""The `data` of each webhook event, built from models (docs/api.md#webhooks shows them).

Payloads carry only what an organization admin may see in Mentora itself (docs/privacy.md):
ids, event types, statuses, counts, the program and the two people of a relationship (whom
admins see on every relationship's page). Never notes, reasons, survey answers, meeting times
or places (admins see meetings only as counts), nor who answered a survey (admins see survey
answers only in aggregate): whoever runs the receiving system is not in the relationship.
"""

from __future__ import annotations

from typing import Any


def _time(value: Any) -> str | None:
    return value.isoformat().replace("+00:00", "Z") if value is not None else None


def person(user: Any) -> dict[str, Any]:
    """{id, email, full_name} of a person."""
    return {"id": user.pk, "email": user.email, "full_name": user.full_name}


def program(program: Any) -> dict[str, Any]:
    """{id, slug, name, kind} of a program."""
    return {"id": program.pk, "slug": program.slug, "name": program.name, "kind": program.kind}


def relationship(rel: Any) -> dict[str, Any]:
    """The `data` of relationship.* events."""
    return {
        "relationship": {
            "id": rel.pk,
            "kind": rel.kind,
            "status": rel.status,
            "program": program(rel.program),
            "mentee": person(rel.mentee),
            "mentor": person(rel.mentor),
            "requested_at": _time(rel.requested_at),
            "accepted_at": _time(rel.accepted_at),
            "started_at": _time(rel.started_at),
            "ended_at": _time(rel.ended_at),
        }
    }


def meeting(meeting: Any) -> dict[str, Any]:
    """The `data` of meeting.* events: the meeting and its relationship."""
    return {
        "meeting": {
            "id": meeting.pk,
            "uid": meeting.uid,
            "status": meeting.status,
            "sequence": meeting.sequence,
            "series_id": meeting.series_id,
        },
        **relationship(meeting.relationship),
    }


def match_published(*, program_obj: Any, relationships: list[Any]) -> dict[str, Any]:
    """The `data` of match.published: the program and the relationships it created."""
    return {
        "program": program(program_obj),
        "relationships": [
            {"id": rel.pk, "mentee_id": rel.mentee_id, "mentor_id": rel.mentor_id}
            for rel in relationships
        ],
        "count": len(relationships),
    }


def survey_completed(
    *, survey_id: int, survey_kind: str, program_obj: Any | None, respondent: Any, at: Any
) -> dict[str, Any]:
    """The `data` of survey.completed: which survey, when — never whose, never the answers.

    `respondent` is accepted and left out on purpose: answers are confidential and only shown
    in aggregate, so the webhook must not say who just answered.
    """
    del respondent
    return {
        "survey": {"id": survey_id, "kind": survey_kind},
        "program": program(program_obj) if program_obj is not None else None,
        "completed_at": _time(at),
    }
