"""JSON shapes of the outcomes API."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ninja import Schema
from pydantic import ConfigDict, Field


class Strict(Schema):
    model_config = ConfigDict(extra="forbid")


class SurveyOut(Schema):
    id: int
    kind: str
    program: str
    status: str
    relationship_id: int | None
    opens_at: datetime
    closes_at: datetime
    answered_at: datetime | None


class ScaleOut(Schema):
    value: int
    label: str


class QuestionOut(Schema):
    key: str
    text: str
    scale: list[ScaleOut]


class SurveyDetailOut(SurveyOut):
    questions: list[QuestionOut]
    answers: dict[str, int] | None


class AnswersIn(Strict):
    answers: dict[str, Any]


class AnswerOut(Schema):
    survey_id: int
    kind: str
    program: str
    item: str
    value: int
    answered_at: datetime


class ColumnOut(Schema):
    key: str
    label: str


class TableOut(Schema):
    key: str
    title: str
    description: str
    headlines: list[str] = Field(
        default_factory=list, description="Plain sentences summing the table up."
    )
    note: str
    columns: list[ColumnOut]
    rows: list[dict[str, Any]]


class ReportOut(Schema):
    program: str
    min_group_size: int
    computed_at: datetime | None = Field(
        None, description="When the figures were computed (they are recomputed every few minutes)."
    )
    summary: list[str] = Field(
        default_factory=list, description="The report's first lines, in plain sentences."
    )
    tables: list[TableOut]


class OverviewProgramOut(Schema):
    """One program on the organization overview."""

    program: str = Field(description="The program's address (slug).")
    name: str
    enrolled: int = Field(description="People enrolled to be mentored or coached.")
    matched: int
    active: int = Field(description="Active relationships.")
    attention: int = Field(description="Active relationships that need attention or are at risk.")
    summary: list[str] = Field(description="The dashboard's first lines, in plain sentences.")
    outcomes: list[str] = Field(description="What changed for participants, in plain sentences.")
    movement: str = Field(description="Career movement against eligible colleagues, or empty.")


class OverviewOut(Schema):
    """Every program the caller may see, for leadership: totals, then one entry per program."""

    as_of: datetime
    min_group_size: int
    totals: dict[str, int] = Field(description="programs, enrolled, matched, active, attention")
    programs: list[OverviewProgramOut]
    caveat: str


class ScheduleOut(Schema):
    program: str
    enabled: bool
    midpoint_week: int | None
    end_week: int
    quality_after_meetings: int
    exit_survey: bool
    saved: bool


class ScheduleIn(Strict):
    enabled: bool | None = None
    midpoint_week: int | None = None
    end_week: int | None = None
    quality_after_meetings: int | None = None
    exit_survey: bool | None = None
