"""Shapes of the programs API: programs, their questions, and enrollments."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from ninja import Field, Schema
from pydantic import AwareDatetime, ConfigDict, field_validator
from pydantic_core import PydanticCustomError

from mentora.people.models import Cadence, Level
from mentora.people.schemas import ImportNoteOut
from mentora.programs.models import Announcement, ApplicationQuestion, Enrollment, Program
from mentora.programs.services import waitlist_position

# Program settings that may be cleared with an explicit null.
NULLABLE_PROGRAM_FIELDS = {
    "enrollment_opens_at",
    "enrollment_closes_at",
    "mentee_limit",
    "sessions_per_pair",
}


class PersonRefOut(Schema):
    id: int
    full_name: str


class PersonOut(PersonRefOut):
    email: str


class QuestionOut(Schema):
    id: int
    text: str
    help_text: str
    audience: ApplicationQuestion.Audience
    choices: list[str]
    required: bool
    position: int


class ProgramOut(Schema):
    """A program as listed."""

    id: int
    slug: str
    name: str
    kind: Program.Kind
    description: str
    status: Program.Status
    enrollment_open: bool = Field(description="Whether people can enroll themselves right now.")
    eligible_levels: list[str] = Field(description="Levels that may join as mentees; [] = all.")
    eligible_departments: list[str] = Field(description="Departments that may join; [] = all.")
    enrollment_opens_at: datetime | None
    enrollment_closes_at: datetime | None
    duration_weeks: int
    default_cadence: Cadence
    mentor_capacity: int
    mentee_limit: int | None = Field(description="Mentee places; later applicants are waitlisted.")
    matching_mode: Program.MatchingMode
    requires_approval: bool
    sessions_per_pair: int | None = Field(description="Sessions each pair holds; null = ongoing.")
    uses_agreement: bool
    feedback_form: Program.FeedbackForm
    cohort_of: str | None = Field(description="Address of the program this cohort follows.")
    mentor_label: str
    mentee_label: str
    managers: list[PersonRefOut]

    @staticmethod
    def resolve_cohort_of(obj: Program) -> str | None:
        return obj.cohort_of.slug if obj.cohort_of_id and obj.cohort_of else None

    @staticmethod
    def resolve_enrollment_open(obj: Program) -> bool:
        return obj.enrollment_open()

    @staticmethod
    def resolve_managers(obj: Program) -> list[Any]:
        return list(obj.managers.all())


class ProgramDetailOut(ProgramOut):
    """A program with the questions it asks people who enroll."""

    questions: list[QuestionOut]

    @staticmethod
    def resolve_questions(obj: Program) -> list[Any]:
        return list(obj.questions.all())


class ProgramFieldsIn(Schema):
    """Program settings; fields left out keep their value (or the default, on create)."""

    model_config = ConfigDict(extra="forbid")

    name: str | None = Field(None, max_length=150)
    slug: str | None = Field(None, max_length=80, description="Address; made from the name.")
    kind: Program.Kind | None = None
    description: str | None = None
    status: Program.Status | None = None
    eligible_levels: list[Level] | None = None
    eligible_departments: list[str] | None = None
    enrollment_opens_at: AwareDatetime | None = Field(None, description="ISO 8601 with offset.")
    enrollment_closes_at: AwareDatetime | None = Field(None, description="ISO 8601 with offset.")
    duration_weeks: int | None = Field(None, ge=1, le=520)
    default_cadence: Cadence | None = None
    mentor_capacity: int | None = Field(None, ge=0, le=50)
    mentee_limit: int | None = Field(None, ge=0)
    matching_mode: Program.MatchingMode | None = None
    requires_approval: bool | None = None
    sessions_per_pair: int | None = Field(None, ge=1, le=100)
    uses_agreement: bool | None = None
    feedback_form: Program.FeedbackForm | None = None

    @field_validator("*", mode="after")
    @classmethod
    def not_null(cls, value: Any, info: Any) -> Any:
        if value is None and info.field_name not in NULLABLE_PROGRAM_FIELDS:
            raise PydanticCustomError(
                "null", "may not be null; leave the field out to keep its value"
            )
        return value

    def changes(self) -> dict[str, Any]:
        """The fields the caller sent, as plain values for the service."""
        data = self.model_dump(exclude_unset=True, exclude={"managers", "template"})
        if "eligible_levels" in data:
            data["eligible_levels"] = [str(level) for level in data["eligible_levels"]]
        return data


class ProgramCreateIn(ProgramFieldsIn):
    name: str = Field(max_length=150)
    template: Program.Kind | None = Field(
        None,
        description="Start from this kind's template (its settings and questions); the "
        "fields you send override it. See GET /programs/templates.",
    )
    managers: list[str] | None = Field(
        None, description="Emails of the program's managers; you by default."
    )


class ProgramTemplateOut(Schema):
    """The settings and questions a program of one kind starts from."""

    kind: Program.Kind
    title: str
    summary: str
    settings: dict[str, Any]
    questions: list[dict[str, Any]]


class DuplicateIn(Schema):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(max_length=150, description="The new cohort's name.")
    slug: str = Field("", max_length=80, description="Its address; made from the name if empty.")


class BulkDecideIn(Schema):
    model_config = ConfigDict(extra="forbid")

    decision: Literal["approve", "decline"]
    enrollment_ids: list[int] = Field(min_length=1, max_length=1000)
    note: str = Field("", max_length=300, description="For declines: shown to each person.")


class AnnouncementIn(Schema):
    model_config = ConfigDict(extra="forbid")

    audience: Announcement.Audience = Announcement.Audience.EVERYONE
    subject: str = Field(max_length=150)
    body: str = Field(
        max_length=5000, description="Plain text; a greeting and signature are added."
    )


class AnnouncementPreviewOut(Schema):
    subject: str
    body: str
    recipients: int = Field(description="How many people it would go to.")


class AnnouncementOut(Schema):
    id: int
    audience: Announcement.Audience
    subject: str
    body: str
    sent_at: datetime | None
    recipient_count: int
    created_by: PersonRefOut | None


class ProgramPatchIn(ProgramFieldsIn):
    managers: list[str] | None = Field(
        None, description="Emails of the program's managers, replacing the current ones."
    )


class QuestionIn(Schema):
    model_config = ConfigDict(extra="forbid")

    text: str = Field(max_length=300)
    help_text: str = Field("", max_length=300)
    audience: ApplicationQuestion.Audience = ApplicationQuestion.Audience.BOTH
    choices: list[str] = Field(default_factory=list, description="Allowed answers; [] = free text.")
    required: bool = True


class QuestionsIn(Schema):
    model_config = ConfigDict(extra="forbid")

    questions: list[QuestionIn] = Field(max_length=50)


class QuestionsOut(Schema):
    questions: list[QuestionOut]


class ProgramRefOut(Schema):
    slug: str
    name: str
    kind: Program.Kind


class EnrollmentOut(Schema):
    """A person's place in a program."""

    id: int
    program: ProgramRefOut
    person: PersonOut = Field(alias="user")
    role: Enrollment.Role
    status: Enrollment.Status
    waitlist_position: int | None = Field(description="1-based place while waitlisted.")
    capacity: int | None = Field(description="Mentees this mentor takes; null = program default.")
    answers: dict[str, str] = Field(description="Question id → answer.")
    created_at: datetime
    decided_at: datetime | None
    decision_note: str

    @staticmethod
    def resolve_waitlist_position(obj: Enrollment) -> int | None:
        if obj.status != Enrollment.Status.WAITLISTED:
            return None
        ahead = getattr(obj, "waitlist_ahead", None)
        return waitlist_position(obj) if ahead is None else ahead + 1


class EnrollIn(Schema):
    model_config = ConfigDict(extra="forbid")

    role: Enrollment.Role
    answers: dict[str, str] = Field(
        default_factory=dict, description="Question id → answer, for this program's questions."
    )
    capacity: int | None = Field(None, ge=0, le=50, description="Mentors only: mentees to take.")
    email: str | None = Field(
        None, max_length=254, description="Managers only: enroll this person instead of yourself."
    )


class DeclineIn(Schema):
    model_config = ConfigDict(extra="forbid")

    note: str = Field("", max_length=300, description="Shown to the person.")


class EnrollmentFilters(Schema):
    status: Enrollment.Status | None = None
    role: Enrollment.Role | None = None


class ProgramFilters(Schema):
    status: Program.Status | None = None
    kind: Program.Kind | None = None


class EnrollmentRowIn(Schema):
    """One enrollment of an import: the columns of docs/import.md, as JSON values."""

    model_config = ConfigDict(extra="forbid")

    email: str = Field(max_length=254)
    role: str = Field(description="mentee (or coachee) or mentor (or coach)")
    capacity: int | None = Field(None, description="Mentors and coaches: how many people")
    status: str | None = Field(None, description="Empty: kept, or approved/waitlisted if new")
    answers: dict[str, str] = Field(
        default_factory=dict,
        description="Answers by question id (or the question's exact text); merged over stored",
    )
    current_role: str | None = None
    target_role: str | None = None
    industries: str | None = None
    coach_credentials: str | None = None
    coaching_focus: str | None = None
    career_path: str | None = None
    career_goals: str | None = None
    experience_summary: str | None = None
    past_roles: str | None = None
    cadence: str | None = None
    meeting_format: str | None = None
    skills_offered: list[str] | None = None
    skills_wanted: list[str] | None = None


class EnrollmentImportIn(Schema):
    """Enrollments to upsert by email and role; all or nothing. null keeps what is stored."""

    model_config = ConfigDict(extra="forbid")

    rows: list[EnrollmentRowIn] = Field(..., min_length=1)
    dry_run: bool = Field(False, description="Check and report only; write nothing.")


class EnrollmentImportOut(Schema):
    """What the import did (or, on a dry run, would do)."""

    dry_run: bool
    summary: str
    rows: int
    created: int
    updated: int
    unchanged: int
    warnings: list[ImportNoteOut]
