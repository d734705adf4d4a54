"""Shapes of the matching API: runs, draft pairs, unmatched mentees, rules, previews, publish."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from ninja import Field, Schema


class PersonRef(Schema):
    id: int
    full_name: str
    email: str


class PathFitOut(Schema):
    matched: int
    held_target: int = Field(..., description="mentor has held the mentee's target role")
    related: int = Field(..., description="mentor has held a related role or one in its family")
    neither: int
    no_target: int = Field(..., description="matched mentees who set no target role")
    path_fit: int = Field(..., description="held_target + related")
    best_achievable: int = Field(
        ..., description="most mentees who could all get a path-fitting mentor (exact)"
    )


class RunOut(Schema):
    id: int
    number: int | None = Field(..., description="draft number within the program")
    program: str = Field(..., alias="program.slug")
    purpose: str
    status: str
    progress: int
    stage: str
    error: str
    objective: str
    weights: dict[str, Any]
    constraints: dict[str, Any]
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    mentees_count: int
    mentors_count: int
    places_count: int
    matched_count: int
    unmatched_count: int
    total_score: float
    mean_score: float | None
    min_score: float | None
    bound: float | None
    notes: list[str]
    path_fit: PathFitOut | None = None

    @staticmethod
    def resolve_path_fit(obj: Any) -> dict[str, int] | None:
        return obj.path_fit or None
    published_at: datetime | None


class StatusOut(Schema):
    active: RunOut | None
    draft: RunOut | None
    last_failed: RunOut | None


class ContributionOut(Schema):
    factor: str
    label: str = Field(..., description="the factor's name, as on every page")
    weight: float
    value: float
    contribution: float
    code: str = Field(..., description="reason code (docs/matching.md)")
    params: dict[str, Any]
    polarity: str = Field(..., description="for (a reason for the match), against, or info")
    is_reason: bool
    reason: str = Field(..., description="worded for a manager, naming both people")


class PairOut(Schema):
    mentee: PersonRef
    mentor: PersonRef
    mentee_department: str = Field(..., alias="mentee.profile.department")
    score: float
    pinned: bool
    moved_from_score: float | None
    contributions: list[ContributionOut]

    @staticmethod
    def resolve_contributions(obj: Any) -> list[dict[str, Any]]:
        from mentora.matching.reasons import people_name, worded

        program = obj.run.program
        return [r.as_dict() for r in worded(
            obj.contributions, voice="manager", mentee=people_name(obj.mentee),
            mentor=people_name(obj.mentor), mentor_word=program.mentor_label,
            mentee_word=program.mentee_label,
        )]


class UnmatchedOut(Schema):
    mentee: PersonRef
    code: str = Field(..., description="constraints, fit_floor, capacity, pruned or no_mentors")
    params: dict[str, Any] = Field(..., description="counts, target role, closest mentors")
    reason: str
    allowed_mentors: int
    eliminated: dict[str, int]

    @staticmethod
    def resolve_reason(obj: Any) -> str:
        from mentora.matching.reasons import people_name, unmatched_text

        program = obj.run.program
        return unmatched_text(obj.code, obj.params, mentee=people_name(obj.mentee),
                              program=program.name, mentor_word=program.mentor_label,
                              mentee_word=program.mentee_label)


class PriorityIn(Schema):
    priority: str = Field(..., description="as_many or good_fits")
    floor_role: bool = True
    floor_skills: int = 0
    min_score: int = Field(0, description="out of 100; 0 = no minimum")


class PriorityOut(Schema):
    priority: str
    label: str
    floor_role: bool
    floor_skills: int
    min_score: int


class PublishIn(Schema):
    intro: str | None = Field(None, description="first paragraph of every message")


class MessageOut(Schema):
    to: PersonRef
    subject: str
    body: str


class PublishPreviewOut(Schema):
    run: RunOut
    pairs: int
    people: int = Field(..., description="people who will be told")
    intro: str
    mode: str
    mentee_message: MessageOut | None
    mentor_message: MessageOut | None


class WithdrawIn(Schema):
    reason: str = ""


class DraftFilters(Schema):
    show: Literal["all", "lowest", "pinned"] = "all"
    department: str = ""


class RuleIn(Schema):
    kind: Literal["pin", "forbid"]
    mentee_id: int
    mentor_id: int
    note: str = ""


class RuleOut(Schema):
    id: int
    kind: str
    mentee: PersonRef
    mentor: PersonRef
    note: str
    created_at: datetime


class MoveIn(Schema):
    mentee_id: int
    mentor_id: int


class MoveOut(Schema):
    pair: PairOut
    old_score: float | None
    new_score: float
    failed_constraints: list[str]


class MoveOptionOut(Schema):
    mentor: PersonRef
    score: float = Field(..., description="The mentee's 0–1 score with this mentor")
    delta: float = Field(..., description="Change from the mentee's current pair (or from 0)")
    room: int = Field(..., description="Free places this mentor has in the draft")
    allowed: bool = Field(..., description="False when the pair breaks a hard rule")
    failed_constraints: list[str]
    current: bool = Field(..., description="The mentee's mentor in the draft now")


class WhatIfIn(Schema):
    weights: dict[str, Any] = {}
    constraints: dict[str, Any] = {}
    objective: Literal["total", "fair"] = "total"


class ChangeOut(Schema):
    mentee: str
    mentee_id: int
    before: str
    before_score: float | None
    after: str
    after_score: float | None


class WhatIfOut(Schema):
    preview: RunOut
    current: RunOut | None
    changes: list[ChangeOut] | None = None
    unchanged: int | None = None


class PublishOut(Schema):
    run: RunOut
    created: int
    mode: str
    relationship_ids: list[int]
