"""JSON shapes of the recommendations API."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from ninja import Schema
from pydantic import Field


class PersonOut(Schema):
    id: int
    full_name: str


class CandidateOut(PersonOut):
    job_title: str
    department: str
    profile_url: str


class ReasonOut(Schema):
    factor: str
    label: str
    text: str
    weight: float
    value: float
    points: float = Field(description="weight x value x 100; the points add up to `percent`")
    code: str = Field(description="reason code (see docs/matching.md, reason codes)")
    params: dict = Field(description="the reason's parameters")
    polarity: str = Field(description="for (a reason for the match), against, or info")


class RecommendationOut(Schema):
    mentor: CandidateOut
    score: float = Field(description="0..1, the sum of the reasons' contributions")
    percent: int
    held_target_role: bool
    places_left: int
    reasons: list[ReasonOut]


class RecommendationsOut(Schema):
    program: str
    shown: int
    matching: int = Field(description="Candidates that pass the hard constraints and filters")
    candidates: int = Field(description="Candidates that pass the hard constraints")
    departments: list[str]
    languages: list[str]
    problem: str
    items: list[RecommendationOut]


class MessageOut(Schema):
    author: PersonOut
    body: str
    created_at: datetime


class ChoiceOut(Schema):
    id: int
    program: str
    mentee: PersonOut
    mentor: PersonOut
    position: int
    status: str
    note: str
    created_at: datetime
    asked_at: datetime | None
    deadline_at: datetime | None
    answered_at: datetime | None
    outcome_reason: str
    relationship: int | None

    @staticmethod
    def resolve_program(obj: Any) -> str:
        return obj.program.slug

    @staticmethod
    def resolve_relationship(obj: Any) -> int | None:
        return obj.relationship_id  # type: ignore[no-any-return]


class ChoiceDetailOut(ChoiceOut):
    messages: list[MessageOut]

    @staticmethod
    def resolve_messages(obj: Any) -> list[Any]:
        return list(obj.messages.all())


class ChosenIn(Schema):
    id: int = Field(ge=1, le=2**63 - 1, description="The mentor's (or coach's) user id.")
    note: str = ""


class RequestsIn(Schema):
    program: str = Field(description="The program's address (slug).")
    mentors: list[ChosenIn] = Field(description="In order of preference, first choice first.")


class ReorderIn(Schema):
    program: str
    order: list[Annotated[int, Field(ge=1, le=2**63 - 1)]] = Field(
        description="Ids of the requests still waiting, in the new order."
    )


class DeclineIn(Schema):
    reason: str


class MessageIn(Schema):
    body: str


class DoNotPairIn(Schema):
    relationship: int = Field(description="The ended relationship's id.")


class DoNotPairOut(Schema):
    id: int
    other: PersonOut
    relationship: int | None
    created_at: datetime

    @staticmethod
    def resolve_relationship(obj: Any) -> int | None:
        return obj.relationship_id  # type: ignore[no-any-return]
