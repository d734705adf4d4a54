"""Shapes of the people API: the directory, profiles, availability and personality."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Annotated, Any, Literal

from ninja import Field, Schema
from pydantic import ConfigDict, field_validator
from pydantic_core import PydanticCustomError

from mentora.people.models import (
    Cadence,
    Importance,
    Level,
    MeetingFormat,
    Profile,
    Visibility,
)

Style = Annotated[int, Field(ge=1, le=5, description="1 = the first pole, 5 = the second.")]


def _names(manager: Any) -> list[str]:
    # .all() reuses prefetched rows, so lists of profiles cost one query per relation.
    return [item.name for item in manager.all()]


class DirectoryFilters(Schema):
    """Query parameters of the directory; every filter is optional."""

    q: str = Field("", max_length=100, description="Name, job title, experience or skill.")
    skill: str = Field("", max_length=100, description="Exact skill offered.")
    role: str = Field("", max_length=100, description="Job title, current or past role.")
    department: str = Field("", max_length=120)
    location: str = Field("", max_length=120)
    language: str = Field("", max_length=60)
    offers: Literal["mentoring", "coaching"] | None = None


class DirectoryEntryOut(Schema):
    """A mentor or coach as listed in the directory."""

    user_id: int
    full_name: str = Field(alias="user.full_name")
    job_title: str
    department: str
    location: str
    level: Level
    years_experience: int
    current_role: str
    experience_summary: str
    offers_mentoring: bool
    offers_coaching: bool
    coaching_focus: str
    skills_offered: list[str]
    languages: list[str]

    @staticmethod
    def resolve_skills_offered(obj: Profile) -> list[str]:
        return _names(obj.skills_offered)

    @staticmethod
    def resolve_languages(obj: Profile) -> list[str]:
        return _names(obj.languages)


class WindowIn(Schema):
    """A weekly window in the person's own time zone."""

    model_config = ConfigDict(extra="forbid")

    weekday: int = Field(ge=0, le=6, description="0 = Monday … 6 = Sunday.")
    starts_at: time = Field(description="Local time, HH:MM.")
    ends_at: time = Field(description="Local time, HH:MM; after starts_at.")

    @field_validator("starts_at", "ends_at")
    @classmethod
    def _local(cls, value: time) -> time:
        # Found by schemathesis: "08:58Z" reached the database and failed there (500).
        if value.tzinfo is not None:
            raise ValueError("give a local time without a zone, such as 09:30")
        return value


class WindowOut(Schema):
    weekday: int
    weekday_name: str
    starts_at: time
    ends_at: time

    @staticmethod
    def resolve_weekday_name(obj: Any) -> str:
        return str(obj.get_weekday_display())


class AvailabilityIn(Schema):
    model_config = ConfigDict(extra="forbid")

    windows: list[WindowIn] = Field(max_length=50)


class AvailabilityOut(Schema):
    timezone: str
    windows: list[WindowOut]


class ProfileOut(Schema):
    """A profile as another person sees it (no personality, preferences or visibility)."""

    user_id: int
    full_name: str = Field(alias="user.full_name")
    job_title: str
    department: str
    location: str
    timezone: str
    languages: list[str]
    years_experience: int
    level: Level
    current_role: str
    target_role: str
    career_path: str
    career_goals: str
    experience_summary: str
    past_roles: str
    industries: str
    skills_offered: list[str]
    skills_wanted: list[str]
    offers_mentoring: bool
    offers_coaching: bool
    coach_credentials: str
    coaching_focus: str
    style_structure: int
    style_challenge: int
    style_approach: int
    style_focus: int
    style_channel: int
    cadence: Cadence
    meeting_format: MeetingFormat
    availability: list[WindowOut]

    @staticmethod
    def resolve_languages(obj: Profile) -> list[str]:
        return _names(obj.languages)

    @staticmethod
    def resolve_skills_offered(obj: Profile) -> list[str]:
        return _names(obj.skills_offered)

    @staticmethod
    def resolve_skills_wanted(obj: Profile) -> list[str]:
        return _names(obj.skills_wanted)

    @staticmethod
    def resolve_availability(obj: Profile) -> list[Any]:
        return list(obj.availability.all())


class Traits(Schema):
    """Mini-IPIP trait means on a 1–5 scale."""

    extraversion: float
    agreeableness: float
    conscientiousness: float
    neuroticism: float
    intellect: float


class MyProfileOut(ProfileOut):
    """The signed-in person's own profile, with everything they can set."""

    email: str = Field(alias="user.email")
    importance_structure: Importance
    importance_challenge: Importance
    importance_approach: Importance
    importance_focus: Importance
    importance_channel: Importance
    importance_cadence: Importance
    visibility: Visibility
    traits: Traits | None = Field(description="Null until the questionnaire is answered.")
    completeness: int = Field(description="Share (0–100) of the key fields filled in.")

    @staticmethod
    def resolve_completeness(obj: Profile) -> int:
        return obj.completeness()


class ProfilePatchIn(Schema):
    """Fields to change on my profile; fields left out keep their value."""

    model_config = ConfigDict(extra="forbid")

    job_title: str | None = None
    department: str | None = None
    location: str | None = None
    timezone: str | None = Field(None, description="IANA name, such as Europe/Paris.")
    years_experience: int | None = Field(None, ge=0, le=70)
    level: Level | None = None
    current_role: str | None = None
    target_role: str | None = None
    career_path: str | None = None
    career_goals: str | None = None
    experience_summary: str | None = None
    past_roles: str | None = None
    industries: str | None = None
    offers_mentoring: bool | None = None
    offers_coaching: bool | None = None
    coach_credentials: str | None = None
    coaching_focus: str | None = None
    style_structure: Style | None = None
    style_challenge: Style | None = None
    style_approach: Style | None = None
    style_focus: Style | None = None
    style_channel: Style | None = None
    importance_structure: Importance | None = None
    importance_challenge: Importance | None = None
    importance_approach: Importance | None = None
    importance_focus: Importance | None = None
    importance_channel: Importance | None = None
    cadence: Cadence | None = None
    importance_cadence: Importance | None = None
    meeting_format: MeetingFormat | None = None
    visibility: Visibility | None = None
    skills_offered: list[str] | None = Field(None, description="Replaces the whole list.")
    skills_wanted: list[str] | None = Field(None, description="Replaces the whole list.")
    languages: list[str] | None = Field(None, description="Replaces the whole list.")

    @field_validator("*", mode="after")
    @classmethod
    def not_null(cls, value: Any) -> Any:
        # Nothing on a profile can be null: an explicit null is a mistake, not "no change".
        if value is None:
            raise PydanticCustomError(
                "null", "may not be null; leave the field out to keep its value"
            )
        return value


Answer = Annotated[int, Field(ge=1, le=5)]
ItemNumber = Annotated[int, Field(ge=1, le=20)]


class PersonalityIn(Schema):
    model_config = ConfigDict(extra="forbid")

    answers: dict[ItemNumber, Answer] = Field(
        description="Statement number (1–20) → answer (1 = very inaccurate … 5 = very accurate)."
    )


class PersonalityOut(Schema):
    answers: dict[int, int]
    traits: Traits


class PersonalityItemOut(Schema):
    number: int
    text: str


class ScalePointOut(Schema):
    value: int
    label: str


class PersonalityItemsOut(Schema):
    """The Mini-IPIP questionnaire: 20 statements answered on a 1–5 scale."""

    instructions: str
    items: list[PersonalityItemOut]
    scale: list[ScalePointOut]


# --- the organization: everyone (org admins), and the HRIS import ---------------------------


class OrganizationFilters(Schema):
    q: str = Field("", max_length=100, description="Part of a name or email.")
    active: bool | None = Field(None, description="Only active (true) or deactivated (false).")


class OrganizationPersonOut(Schema):
    """One person of the organization, as organization admins list them."""

    id: int
    email: str
    full_name: str
    is_active: bool
    job_title: str
    department: str
    level: Level | None  # None: no profile yet (an account made by `createadmin` or SSO)
    manager_email: str | None
    enrollment_count: int

    @staticmethod
    def _profile(obj: Any) -> Profile | None:
        try:
            return obj.profile  # type: ignore[no-any-return]
        except Profile.DoesNotExist:
            return None

    @staticmethod
    def resolve_job_title(obj: Any) -> str:
        profile = OrganizationPersonOut._profile(obj)
        return profile.job_title if profile else ""

    @staticmethod
    def resolve_department(obj: Any) -> str:
        profile = OrganizationPersonOut._profile(obj)
        return profile.department if profile else ""

    @staticmethod
    def resolve_level(obj: Any) -> str | None:
        profile = OrganizationPersonOut._profile(obj)
        return profile.level if profile else None

    @staticmethod
    def resolve_manager_email(obj: Any) -> str | None:
        profile = OrganizationPersonOut._profile(obj)
        return profile.manager.email if profile and profile.manager else None


class PersonRowIn(Schema):
    """One person of an HRIS import: the columns of docs/import.md, as JSON values."""

    model_config = ConfigDict(extra="forbid")

    email: str = Field(max_length=254)
    full_name: str = Field(max_length=200)
    job_title: str | None = None
    department: str | None = None
    manager_email: str | None = None
    location: str | None = None
    timezone: str | None = Field(None, description="IANA name, e.g. Europe/Paris.")
    languages: list[str] | None = None
    years_experience: int | None = None
    level: str | None = Field(None, description="A level's code or label.")
    status: str | None = Field(None, description="active, left, … (docs/import.md).")
    end_date: date | None = Field(None, description="Last working day.")
    employee_id: str | None = Field(None, max_length=64, description="The HR system's number.")
    hire_date: date | None = None


class PeopleImportIn(Schema):
    """People to upsert by email; all or nothing."""

    model_config = ConfigDict(extra="forbid")

    people: list[PersonRowIn] = Field(min_length=1)
    dry_run: bool = Field(False, description="Check and report only; write nothing.")
    whole_organization: bool = Field(
        False, description="Active people not in `people` have left: deactivate them."
    )
    invite: bool = Field(
        False, description="Email each new person an invitation with the saved welcome text."
    )


class ImportSettingsIO(Schema):
    """How imports read the HR system's files: mapped columns, the level table, the welcome."""

    model_config = ConfigDict(extra="forbid")

    columns: dict[str, str] | None = Field(
        None, description="Your column header → a Mentora column (see docs/import.md), "
        "or an empty string to ignore it. Merged into the saved mapping."
    )
    levels: dict[str, str] | None = Field(
        None, description="Your level as the file writes it (\"8\", \"L5\") → a Mentora "
        "level (entry … executive). Replaces the saved table."
    )
    welcome_text: str | None = Field(None, max_length=2000)


class ImportNoteOut(Schema):
    field: str
    message: str


class ImportPersonOut(Schema):
    index: int
    email: str
    full_name: str


class ImportChangeOut(Schema):
    field: str
    label: str
    old: Any = None
    new: Any = None


class ImportMoverOut(ImportPersonOut):
    changes: list[ImportChangeOut]


class ImportLeaverOut(Schema):
    index: int | None  # None: not in `people` (a whole-organization import)
    email: str
    full_name: str
    reason: str
    relationships: int


class PeopleImportOut(Schema):
    """What the import did (or, on a dry run, would do)."""

    dry_run: bool
    whole_organization: bool
    summary: str
    rows: int
    created: int
    updated: int
    unchanged: int
    not_in_file: int
    joiners: list[ImportPersonOut]
    movers: list[ImportMoverOut]
    leavers: list[ImportLeaverOut]
    warnings: list[ImportNoteOut]
    invited: int = 0


class ImportRejectedOut(Schema):
    """Every problem found (the first 1,000); nothing was written."""

    detail: str
    field: str
    errors: list[ImportNoteOut]


class FileProblemOut(Schema):
    """A problem at a line and column of the uploaded file, named by the file's own header."""

    line: int | None
    column: str | None
    message: str


class ColumnReadOut(Schema):
    """How one of the file's headers was read."""

    header: str
    column: str = Field(description="The Mentora column it fills (see docs/import.md).")
    how: str = Field(description="recognised, saved (your mapping) or combined.")


class UploadCheckOut(Schema):
    """A clean check of an uploaded HR export, kept an hour for the admin who sent it."""

    upload: str = Field(description="The kept upload: import it with POST …/uploads/{upload}.")
    checked: str = Field(description="Send this back to import exactly what was checked.")
    expires_at: datetime
    columns: list[ColumnReadOut]
    ignored: list[str] = Field(description="Headers read as nothing (map them to keep them).")
    report: PeopleImportOut


class UploadRejectedOut(Schema):
    """Every problem found (the first 1,000), at its line and column; nothing was written."""

    detail: str
    errors: list[FileProblemOut]
    unknown_levels: dict[str, int] = Field(
        default_factory=dict,
        description="Levels the file uses that the level table does not know → rows using each.",
    )


class UploadImportIn(Schema):
    """Import a kept upload exactly as it was checked."""

    model_config = ConfigDict(extra="forbid")

    checked: str = Field(description="The `checked` value the clean check answered.")
    invite: bool = Field(
        False, description="Email each new person an invitation with the saved welcome text."
    )
