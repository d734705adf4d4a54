"""JSON shapes of the relationships API."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from ninja import Schema
from pydantic import Field


class PersonOut(Schema):
    id: int
    full_name: str
    email: str


class HealthOut(Schema):
    level: str = Field(description="green, amber or red")
    label: str = Field(
        description="The level in words: On track, Needs attention, At risk, Stalled; "
        "Not started yet (active, first meeting not due yet); Not graded"
    )
    reasons: list[str]
    days_silent: int
    stalled: bool
    graded: bool = Field(
        description="False unless the relationship is active (only active ones are graded)"
    )
    not_started: bool = Field(
        False, description="Active, but no meeting held and the first one is not due yet"
    )


class RelationshipOut(Schema):
    id: int
    program: str
    kind: str
    status: str
    mentee: PersonOut
    mentor: PersonOut
    sessions_planned: int | None
    ends_on: date | None
    requested_at: datetime
    accepted_at: datetime | None
    started_at: datetime | None
    ended_at: datetime | None
    end_reason: str

    @staticmethod
    def resolve_program(obj: Any) -> str:
        return obj["program"] if isinstance(obj, dict) else obj.program.slug


class EventOut(Schema):
    action: str
    from_status: str
    to_status: str
    by: str | None
    at: datetime
    reason: str


class NextStepOut(Schema):
    key: str = Field(
        description="answer, wait_answer, agree_goals, sign, wait_sign, schedule_first, "
        "prepare_agenda, after_meeting, feedback, schedule_next, wrap_up, resume, reflect, "
        "closed or oversee"
    )
    title: str = Field(description="What the relationship page leads with, for the reader")
    text: str
    button: str = Field(description="The page's button for it; empty when nothing is to do")
    url: str = Field(description="The page where it is done (a path); empty when none")


class RelationshipDetailOut(RelationshipOut):
    health: HealthOut
    events: list[EventOut]
    allowed_actions: list[str]
    next_step: NextStepOut = Field(description="The reader's one next step in this relationship")


class RequestIn(Schema):
    program: str
    mentee: str = Field(description="The mentee's email.")
    mentor: str = Field(description="The mentor's email.")
    message: str = ""
    sessions: int | None = None
    ends_on: date | None = None


class TransitionIn(Schema):
    action: str = Field(description="accept, decline, pause, resume, complete or end_early")
    reason: str = ""


class AgreementOut(Schema):
    version: int
    goals: list[str]
    cadence: str
    channel: str
    meeting_minutes: int
    ends_on: date | None
    sessions: int | None
    confidentiality: str
    mentee_commitments: str
    mentor_commitments: str
    feedback: str
    mentee_signed_at: datetime | None
    mentor_signed_at: datetime | None
    fully_signed: bool


class AgreementIn(Schema):
    goals: list[str] | None = None
    cadence: str | None = None
    channel: str | None = None
    meeting_minutes: int | None = None
    ends_on: date | None = None
    sessions: int | None = None
    confidentiality: str | None = None
    mentee_commitments: str | None = None
    mentor_commitments: str | None = None
    feedback: str | None = None


class MeetingOut(Schema):
    id: int
    starts_at: datetime
    starts_local: str = ""
    duration_minutes: int
    location: str
    status: str
    uid: str
    sequence: int
    mentee_confirmed_at: datetime | None = None
    mentor_confirmed_at: datetime | None = None
    video_url: str = ""
    series_id: int | None = None


class MeetingIn(Schema):
    starts_at: datetime | None = Field(None, description="One meeting: an aware ISO time.")
    local_start: datetime | None = Field(
        None, description="A series: the first meeting's local wall-clock time (no offset)."
    )
    repeat: int = Field(1, ge=1, le=52, description="More than 1: a series at the cadence.")
    cadence: str | None = None
    timezone: str | None = None
    duration_minutes: int | None = None
    location: str = ""


class RescheduleIn(Schema):
    starts_at: datetime
    duration_minutes: int | None = None


class CancelIn(Schema):
    reason: str = ""


class TextIn(Schema):
    text: str


class NoteIn(Schema):
    body: str
    private: bool = False


class NoteOut(Schema):
    id: int
    author: str
    body: str
    created_at: datetime
    private: bool


class ActionOut(Schema):
    id: int
    text: str
    owner: PersonOut
    due_on: date | None
    status: str
    done_at: datetime | None
    meeting_id: int | None


class ActionIn(Schema):
    text: str
    owner: str = Field(description="The owner's email (one of the two people).")
    due_on: date | None = None
    meeting_id: int | None = None


class ActionPatchIn(Schema):
    done: bool


class AgendaOut(Schema):
    id: int
    text: str
    added_by: str
    created_at: datetime


class MeetingDetailOut(MeetingOut):
    agenda: list[AgendaOut]
    shared_notes: list[NoteOut]
    private_notes: list[NoteOut] = Field(description="Only the notes you wrote yourself.")
    actions: list[ActionOut]


class CheckInOut(Schema):
    id: int
    author: str
    progress: str
    blockers: str
    confidence: int
    next_step: str
    created_at: datetime

    @staticmethod
    def resolve_author(obj: Any) -> str:
        return str(obj.author)


class CheckInIn(Schema):
    progress: str
    confidence: int
    blockers: str = ""
    next_step: str = ""


class AgreementVersionOut(Schema):
    number: int
    content: dict[str, Any]
    changed_by: str | None
    created_at: datetime
    mentee_signed_at: datetime | None
    mentor_signed_at: datetime | None

    @staticmethod
    def resolve_changed_by(obj: Any) -> str | None:
        return str(obj.changed_by) if obj.changed_by_id else None


class ApplyTemplateIn(Schema):
    template_id: int


class ReflectionIn(Schema):
    what_went_well: str
    what_to_improve: str = ""


class ReflectionOut(Schema):
    id: int
    author: str
    what_went_well: str
    what_to_improve: str
    created_at: datetime

    @staticmethod
    def resolve_author(obj: Any) -> str:
        return str(obj.author)


class NoteOnlyIn(Schema):
    note: str = ""


class RematchOut(Schema):
    id: int
    program: str
    mentee: PersonOut
    relationship_id: int
    previous_mentor: PersonOut
    relationship_status: str
    end_reason: str
    note: str
    created_at: datetime
    resolved_at: datetime | None
    resolved_by: str | None
    resolution: str

    @staticmethod
    def resolve_program(obj: Any) -> str:
        return obj.program.slug

    @staticmethod
    def resolve_previous_mentor(obj: Any) -> Any:
        return obj.relationship.mentor

    @staticmethod
    def resolve_relationship_status(obj: Any) -> str:
        return obj.relationship.status

    @staticmethod
    def resolve_end_reason(obj: Any) -> str:
        return obj.relationship.end_reason

    @staticmethod
    def resolve_resolved_by(obj: Any) -> str | None:
        return str(obj.resolved_by) if obj.resolved_by_id else None


class ResolveIn(Schema):
    resolution: str = Field("", description="What was done, e.g. “matched with Ana”.")


class OverviewOut(RelationshipOut):
    health: HealthOut
    last_activity_at: datetime

    @staticmethod
    def resolve_health(obj: Any) -> Any:
        return obj.health.as_dict()


class TemplateOut(Schema):
    id: int
    program: str
    name: str
    is_default: bool
    goals: list[str]
    cadence: str
    meeting_minutes: int | None
    channel: str
    confidentiality: str
    mentee_commitments: str
    mentor_commitments: str
    feedback: str
    updated_at: datetime

    @staticmethod
    def resolve_program(obj: Any) -> str:
        return obj.program.slug


class TemplatePatchIn(Schema):
    name: str | None = None
    is_default: bool | None = None
    goals: list[str] | None = None
    cadence: str | None = Field(None, description="weekly, biweekly, monthly or empty")
    meeting_minutes: int | None = None
    channel: str | None = None
    confidentiality: str | None = None
    mentee_commitments: str | None = None
    mentor_commitments: str | None = None
    feedback: str | None = None


class TemplateIn(TemplatePatchIn):
    name: str  # type: ignore[assignment]


class WhyFactorOut(Schema):
    factor: str
    label: str
    contribution: float = Field(description="Points of the 0–1 score this factor gave")
    reason: str = Field(description="Worded for the reader: the mentee, the mentor or staff")


class WhyMatchedOut(Schema):
    relationship_id: int
    source: str = Field(
        description="matching (a published draft) or choice (chosen from recommendations)"
    )
    score: float = Field(description="0–1, as stored when the pair was made")
    score_out_of_100: int
    pinned: bool = Field(description="A program manager chose this pair")
    heading: str = Field(description="The relationship page's heading for this reader")
    factors: list[WhyFactorOut] = Field(
        description="The factors that counted for the pair (positive ones), largest first"
    )
