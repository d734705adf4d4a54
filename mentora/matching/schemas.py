"""Shapes of the matching API: runs, draft pairs, unmatched mentees, rules, previews, publish."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from ninja import Field, Schema


class PersonRef(Schema):
    id: int
    full_name: str
    email: str


class RunOut(Schema):
    id: int
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
    published_at: datetime | None


class StatusOut(Schema):
    active: RunOut | None
    draft: RunOut | None
    last_failed: RunOut | None


class ContributionOut(Schema):
    factor: str
    label: str
    weight: float
    value: float
    contribution: float
    reason: str


class PairOut(Schema):
    mentee: PersonRef
    mentor: PersonRef
    mentee_department: str = Field(..., alias="mentee.profile.department")
    score: float
    pinned: bool
    moved_from_score: float | None
    contributions: list[ContributionOut]


class UnmatchedOut(Schema):
    mentee: PersonRef
    code: str
    reason: str
    allowed_mentors: int
    eliminated: dict[str, int]


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
