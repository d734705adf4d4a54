"""JSON shapes of the growth API."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from ninja import Schema
from pydantic import Field


class PersonOut(Schema):
    id: int
    full_name: str
    email: str


class OccupationRef(Schema):
    code: str
    title: str


class RolesOut(Schema):
    current: OccupationRef | None
    target: OccupationRef | None
    past: list[OccupationRef]


class RoleMatchOut(Schema):
    code: str
    title: str
    matched_title: str = Field(description="The O*NET title that matched the person's words")


class RoleMappingOut(Schema):
    field: str = Field(description="target or current")
    text: str = Field(description="The role as the person (or the HRIS import) wrote it")
    matches: list[RoleMatchOut]


class RoleSuggestionsOut(Schema):
    career_data_loaded: bool
    roles: list[RoleMappingOut]


class RolesIn(Schema):
    current: str | None = Field(None, description="O*NET-SOC code, or null to clear")
    target: str | None = Field(None, description="O*NET-SOC code, or null to clear")
    past: list[str] = Field(default_factory=list, max_length=10)


class AnchorOut(Schema):
    value: int
    text: str


class SkillNeedOut(Schema):
    element_id: str
    name: str
    description: str
    importance: float
    level_needed: float
    anchors: list[AnchorOut]


class SkillSetOut(Schema):
    code: str
    title: str
    rated_code: str
    rated_title: str
    borrowed: bool
    skills: list[SkillNeedOut]


class OtherViewOut(Schema):
    assessor_id: int
    assessor_name: str
    level: int
    difference: int | None
    differs: bool
    direction: str


class GapRowOut(Schema):
    element_id: str
    name: str
    importance: float
    level_needed: float
    level: int | None
    gap: float | None
    priority: float | None
    status: str
    others: list[OtherViewOut]


class AttributionOut(Schema):
    onet: str
    modification: str
    bls: str


class GapOut(Schema):
    person: PersonOut
    target: OccupationRef | None
    skill_set: SkillSetOut | None
    assessed: bool
    rows: list[GapRowOut]
    differences: list[str] = Field(description="element ids where views differ by 2+ levels")
    notes: list[str]
    attribution: AttributionOut


class AssessmentIn(Schema):
    levels: dict[str, int] = Field(description="O*NET element id → level 0–7")


class AssessmentOut(Schema):
    id: int
    subject_id: int
    assessor_id: int
    occupation_code: str
    occupation_title: str
    rated_code: str
    rated_title: str
    levels: dict[str, int]
    updated_at: datetime


class MilestoneOut(Schema):
    id: int
    text: str
    due_on: date | None
    done_at: datetime | None


class GoalOut(Schema):
    id: int
    outcome: str
    measure: str
    target_on: date
    relevance: str
    strategies: list[str]
    status: str
    element_id: str
    element_name: str
    milestones: list[MilestoneOut]


class PlanSkillOut(Schema):
    id: int
    element_id: str
    element_name: str
    importance: float
    level_needed: float
    start_level: int
    current_level: int
    target_level: int
    progress: int
    note: str


class ContactOut(Schema):
    id: int
    name: str
    person_id: int | None
    where: str
    why: str
    status: str


class PlanOut(Schema):
    owner: PersonOut
    occupation_code: str
    occupation_title: str
    goals: list[GoalOut]
    skills: list[PlanSkillOut]
    contacts: list[ContactOut]
    updated_at: datetime | None


class PlanSkillsIn(Schema):
    element_ids: list[str] = Field(..., min_length=1, max_length=20)
    target_levels: dict[str, int] = Field(default_factory=dict)


class PlanSkillPatchIn(Schema):
    current_level: int | None = None
    target_level: int | None = None
    note: str | None = None


class GoalIn(Schema):
    outcome: str = Field(..., max_length=300)
    measure: str = Field(..., max_length=300)
    target_on: date
    relevance: str = Field("", max_length=300)
    strategies: list[str] = Field(default_factory=list, max_length=30)
    element_id: str = ""
    status: str = "not_started"


class GoalPatchIn(Schema):
    outcome: str | None = Field(None, max_length=300)
    measure: str | None = Field(None, max_length=300)
    target_on: date | None = None
    relevance: str | None = Field(None, max_length=300)
    strategies: list[str] | None = None
    element_id: str | None = None
    status: str | None = None


class MilestoneIn(Schema):
    text: str = Field(..., max_length=300)
    due_on: date | None = None


class MilestonePatchIn(Schema):
    done: bool


class ContactIn(Schema):
    name: str = Field("", max_length=200)
    email: str | None = Field(None, description="When they work in the organization")
    where: str = Field("", max_length=200)
    why: str = Field("", max_length=300)


class ContactPatchIn(Schema):
    status: str


class IntroductionIn(Schema):
    mentee: str = Field(..., description="Email of the person you mentor or coach")
    contact: str = Field(..., description="Email of the person to introduce them to")
    reason: str = Field(..., max_length=2000)


class IntroductionAskIn(Schema):
    introducer: str = Field(..., description="Email of your mentor or coach to ask")
    contact: str = Field(..., description="Email of the person you would like to meet")
    note: str = Field(..., max_length=2000, description="Why you would like to meet them")


class IntroductionIntroduceIn(Schema):
    reason: str = Field(
        "", max_length=2000,
        description="Your words to the other person; empty passes the mentee's note on",
    )


class IntroductionOut(Schema):
    id: int
    introducer: PersonOut
    mentee: PersonOut
    contact: PersonOut
    reason: str
    status: str
    asked_at: datetime | None
    ask_note: str
    mentee_accepted_at: datetime | None
    contact_accepted_at: datetime | None
    created_at: datetime
    closed_at: datetime | None


class FeedbackItemIn(Schema):
    kind: str = Field(..., description="strength or improvement")
    observation: str = Field(..., max_length=4000)
    example: str = Field(..., max_length=4000)
    element_id: str = ""
    skill: str = Field("", max_length=200)
    goal_id: int | None = None


class FeedbackIn(Schema):
    recipient: str = Field(..., description="Email of the person the feedback is for")
    items: list[FeedbackItemIn] = Field(..., min_length=1, max_length=10)
    visibility: str = "recipient"
    request_id: int | None = None


class FeedbackItemOut(Schema):
    kind: str
    element_id: str
    skill: str
    goal_id: int | None
    goal: str
    observation: str
    example: str

    @staticmethod
    def resolve_skill(obj: Any) -> str:
        return str(obj.element_name)

    @staticmethod
    def resolve_goal(obj: Any) -> str:
        return str(obj.goal_outcome)


class FeedbackOut(Schema):
    id: int
    giver: PersonOut
    recipient: PersonOut
    visibility: str
    request_id: int | None
    created_at: datetime
    items: list[FeedbackItemOut]


class FeedbackRequestIn(Schema):
    giver: str = Field(..., description="Email of the person asked")
    message: str = Field("", max_length=2000)


class FeedbackRequestOut(Schema):
    id: int
    requester: PersonOut
    giver: PersonOut
    message: str
    status: str
    created_at: datetime
    answered_at: datetime | None


class SituationIn(Schema):
    title: str = Field(..., max_length=200)
    situation: str = Field(..., max_length=10000)
    options: str = Field("", max_length=10000)
    decision: str = Field("", max_length=10000)
    reflection: str = Field("", max_length=10000)


class SituationPatchIn(Schema):
    title: str | None = Field(None, max_length=200)
    situation: str | None = Field(None, max_length=10000)
    options: str | None = Field(None, max_length=10000)
    decision: str | None = Field(None, max_length=10000)
    reflection: str | None = Field(None, max_length=10000)
    shared_with: str | None = Field(
        None, description="Email of your coach or mentor; empty string stops sharing"
    )


class SituationOut(Schema):
    id: int
    owner: PersonOut
    title: str
    situation: str
    options: str
    decision: str
    reflection: str
    shared_with: PersonOut | None
    created_at: datetime
    updated_at: datetime
