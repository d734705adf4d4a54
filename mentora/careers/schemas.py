"""API shapes for career data."""

from __future__ import annotations

from ninja import Schema


class AttributionOut(Schema):
    onet: str
    modification: str
    bls: str


class MatchOut(Schema):
    code: str
    title: str
    matched_title: str
    matched_kind: str
    score: float
    job_zone: int | None
    url: str


class SearchOut(Schema):
    query: str
    results: list[MatchOut]
    attribution: AttributionOut


class JobZoneOut(Schema):
    zone: int
    name: str
    experience: str
    education: str
    job_training: str


class RatedElementOut(Schema):
    id: str
    name: str
    description: str
    importance: float
    level: float | None
    level_example: str


class TechnologyOut(Schema):
    name: str
    category: str
    hot: bool
    in_demand: bool


class TaskOut(Schema):
    text: str
    kind: str


class RelatedRoleOut(Schema):
    code: str
    title: str
    job_zone: int | None
    tier: str
    rank: int


class OutlookOut(Schema):
    soc_code: str
    title: str
    exact: bool
    base_year: int | None
    projected_year: int | None
    employment_base: int
    employment_projected: int
    change_number: int
    change_percent: float
    annual_openings: int
    median_wage: int | None
    entry_education: str
    work_experience: str
    job_training: str


class InsightOut(Schema):
    code: str
    title: str
    description: str
    soc_code: str
    url: str
    job_zone: JobZoneOut | None
    has_ratings: bool
    notes: list[str]
    skills: list[RatedElementOut]
    knowledge: list[RatedElementOut]
    technologies: list[TechnologyOut]
    technology_count: int
    tasks: list[TaskOut]
    step_up: list[RelatedRoleOut]
    step_across: list[RelatedRoleOut]
    outlook: OutlookOut | None
    onet_release: str | None
    bls_release: str | None
    attribution: AttributionOut
