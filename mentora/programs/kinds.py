"""Starting points for a new program, one per kind: sensible settings a manager then edits.

A template is data, not behaviour: `program_create_from_template` copies its settings and
questions into a new program, and everything stays editable afterwards
(docs/decisions/0070-program-staff-and-templates.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from mentora.programs.models import Program


@dataclass(frozen=True)
class ProgramTemplate:
    """The defaults a program of one kind starts from."""

    kind: str
    title: str
    summary: str  # one sentence on the choice page
    settings: dict[str, Any]
    questions: list[dict[str, Any]] = field(default_factory=list)


TEMPLATES: dict[str, ProgramTemplate] = {
    Program.Kind.MENTORING: ProgramTemplate(
        kind=Program.Kind.MENTORING,
        title="1:1 mentoring",
        summary="Pairs meet every two weeks for six months, agree goals and follow a plan.",
        settings={
            "duration_weeks": 26,
            "default_cadence": "biweekly",
            "mentor_capacity": 2,
            "matching_mode": Program.MatchingMode.MANAGER,
            "sessions_per_pair": None,
            "uses_agreement": True,
            "feedback_form": Program.FeedbackForm.FULL,
        },
        questions=[
            {
                "text": "What would you like to get out of mentoring?",
                "audience": "mentee",
                "required": True,
            },
        ],
    ),
    Program.Kind.COACHING: ProgramTemplate(
        kind=Program.Kind.COACHING,
        title="Coaching engagements",
        summary="Six coaching sessions, one a fortnight, with an agreement and full feedback.",
        settings={
            "duration_weeks": 12,
            "default_cadence": "biweekly",
            "mentor_capacity": 4,
            "matching_mode": Program.MatchingMode.MENTEE_CHOICE,
            "sessions_per_pair": 6,
            "uses_agreement": True,
            "feedback_form": Program.FeedbackForm.FULL,
        },
        questions=[
            {
                "text": "Which situation would you like coaching on?",
                "audience": "mentee",
                "required": True,
            },
        ],
    ),
    Program.Kind.PEER: ProgramTemplate(
        kind=Program.Kind.PEER,
        title="Peer mentoring",
        summary="Colleagues at a similar level learn from each other, monthly for three months.",
        settings={
            "duration_weeks": 13,
            "default_cadence": "monthly",
            "mentor_capacity": 1,
            "matching_mode": Program.MatchingMode.MENTEE_CHOICE,
            "sessions_per_pair": None,
            "uses_agreement": False,
            "feedback_form": Program.FeedbackForm.SHORT,
        },
    ),
    Program.Kind.GROUP: ProgramTemplate(
        kind=Program.Kind.GROUP,
        title="Group mentoring",
        summary="One mentor meets a small group once a month for six months.",
        settings={
            "duration_weeks": 26,
            "default_cadence": "monthly",
            "mentor_capacity": 6,
            "matching_mode": Program.MatchingMode.MANAGER,
            "sessions_per_pair": None,
            "uses_agreement": True,
            "feedback_form": Program.FeedbackForm.SHORT,
        },
    ),
    Program.Kind.FLASH: ProgramTemplate(
        kind=Program.Kind.FLASH,
        title="One-off (flash) sessions",
        summary="One conversation with someone who knows: no agreement, a short feedback form.",
        settings={
            "duration_weeks": 4,
            "default_cadence": "weekly",
            "mentor_capacity": 5,
            "matching_mode": Program.MatchingMode.MENTEE_CHOICE,
            "sessions_per_pair": 1,
            "uses_agreement": False,
            "feedback_form": Program.FeedbackForm.SHORT,
        },
        questions=[
            {
                "text": "What would you like to talk about in your session?",
                "audience": "mentee",
                "required": True,
            },
        ],
    ),
}


def template_for(kind: str) -> ProgramTemplate:
    """The template of a kind; an unknown kind is the caller's bad input (checked first)."""
    return TEMPLATES[kind]


def rhythm_sentence(program: Program) -> str:
    """How a program runs, in words: "One session", "6 sessions over 12 weeks", …"""
    sessions = program.sessions_per_pair
    cadence = program.get_default_cadence_display().lower()
    if sessions == 1:
        text = "One session per pair"
    elif sessions:
        text = f"{sessions} sessions per pair over {program.duration_weeks} weeks, {cadence}"
    else:
        text = f"{program.duration_weeks} weeks, meeting {cadence}"
    return text
