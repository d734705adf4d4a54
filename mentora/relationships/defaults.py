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


def template_for(program: Any) -> dict[str, str]:
    """Starting text for an agreement in this program: its own template, else the default."""
    base = dict(DEFAULTS.get(program.kind, DEFAULTS["mentoring"]))
    template = getattr(program, "agreement_template", None)
    if template is not None:
        for field in base:
            value = getattr(template, field, "")
            if value:
                base[field] = value
    return base
