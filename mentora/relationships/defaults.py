"""Default agreement text per program kind, used when a program has no template of its own."""

from __future__ import annotations

from typing import Any

DEFAULTS: dict[str, dict[str, str]] = {
    "mentoring": {
        "channel": "Video call",
        "confidentiality": (
            "What we discuss stays between us unless we both agree to share it. "
            "Private notes are seen only by their author."
        ),
        "mentee_commitments": (
            "Come prepared with an agenda, follow through on agreed actions, "
            "and say early when something is not working."
        ),
        "mentor_commitments": (
            "Keep our meetings, share experience honestly, ask questions before giving advice, "
            "and give candid, kind feedback."
        ),
        "feedback": "A short check at the end of each meeting; a fuller review halfway through.",
    },
    "coaching": {
        "channel": "Video call",
        "confidentiality": (
            "Coaching conversations are confidential. The coach shares nothing with managers "
            "or HR without the coachee's consent, except where the law requires it."
        ),
        "mentee_commitments": (
            "Choose the focus of each session, try agreed experiments between sessions, "
            "and reflect on what happened."
        ),
        "mentor_commitments": (
            "Hold the agenda, ask rather than tell, keep to the agreed sessions, and follow "
            "the coaching code of ethics."
        ),
        "feedback": "We review progress against the goals every third session.",
    },
}


TEXT_FIELDS = ("channel", "confidentiality", "mentee_commitments", "mentor_commitments", "feedback")


def template_for(program: Any, template: Any = None) -> dict[str, Any]:
    """Starting content for an agreement: the given template, else the program's default one,
    else the default text per program kind. Blank template fields keep the default text."""
    from mentora.relationships.models import AgreementTemplate

    base: dict[str, Any] = dict(DEFAULTS.get(program.kind, DEFAULTS["mentoring"]))
    base["cadence"] = program.default_cadence
    if template is None:
        template = AgreementTemplate.objects.filter(program=program, is_default=True).first()
    if template is not None:
        for field in TEXT_FIELDS:
            value = getattr(template, field, "")
            if value:
                base[field] = value
        if template.goals:
            base["goals"] = list(template.goals)
        if template.cadence:
            base["cadence"] = template.cadence
        if template.meeting_minutes:
            base["meeting_minutes"] = template.meeting_minutes
    return base
