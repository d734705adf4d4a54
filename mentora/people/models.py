"""Profiles: experience, career path, skills, style, personality and availability."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from mentora.lib.choices import LEVEL_ORDER, Cadence, Level, MeetingFormat
from mentora.lib.timezones import is_valid_timezone


def validate_timezone(value: str) -> None:
    if not is_valid_timezone(value):
        raise ValidationError(
            f"“{value}” is not an IANA time zone (for example Europe/Paris or America/New_York)."
        )


class Skill(models.Model):
    """A skill a person can offer or wants to build."""

    name = models.CharField(max_length=100, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Language(models.Model):
    """A language people can hold a conversation in."""

    name = models.CharField(max_length=60, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name






class StyleAxis(models.TextChoices):
    """Style axes on which mentors describe how they work and mentees what they prefer."""

    STRUCTURE = "structure", "Structured plan ↔ open exploration"
    CHALLENGE = "challenge", "Direct challenge ↔ encouragement"
    APPROACH = "approach", "Advice-giving ↔ question-led"
    FOCUS = "focus", "Big-picture strategy ↔ practical tactics"
    CHANNEL = "channel", "Written / async ↔ live conversation"


STYLE_POLES: dict[str, tuple[str, str]] = {
    "structure": ("a structured plan", "open exploration"),
    "challenge": ("direct challenge", "encouragement"),
    "approach": ("advice-giving", "question-led"),
    "focus": ("big-picture strategy", "practical tactics"),
    "channel": ("written / async", "live conversation"),
}




class Importance(models.TextChoices):
    IMPORTANT = "important", "Important"
    NICE = "nice", "Nice to have"




class Visibility(models.TextChoices):
    ORGANIZATION = "organization", "Everyone in the organization"
    PROGRAMS = "programs", "Only people in my programs"
    HIDDEN = "hidden", "Nobody (hidden from the directory)"


def _style_field(label: str) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(
        label,
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text="1 = the first pole, 5 = the second, 3 = no leaning.",
    )


def _importance_field() -> models.CharField:
    return models.CharField(max_length=10, choices=Importance.choices, default=Importance.NICE)


class ProfileQuerySet(models.QuerySet["Profile"]):
    def offering(self) -> ProfileQuerySet:
        return self.filter(Q(offers_mentoring=True) | Q(offers_coaching=True))

    def active(self) -> ProfileQuerySet:
        return self.filter(user__is_active=True)


class Profile(models.Model):
    """What a person brings and wants: experience, career path, skills, style, availability."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    preferred_name = models.CharField(
        max_length=120,
        blank=True,
        help_text="The name you go by (empty: your full name).",
    )
    job_title = models.CharField(max_length=200, blank=True)
    department = models.CharField(max_length=120, blank=True, db_index=True)
    manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="direct_reports",
    )
    location = models.CharField(max_length=120, blank=True, db_index=True)
    timezone = models.CharField(max_length=64, default="UTC", validators=[validate_timezone])
    languages = models.ManyToManyField(Language, blank=True, related_name="speakers")
    years_experience = models.PositiveSmallIntegerField(
        default=0, validators=[MaxValueValidator(70)]
    )
    level = models.CharField(max_length=20, choices=Level.choices, default=Level.MID)
    # From the HR export: how the HR system names the person, and when they were hired.
    employee_id = models.CharField(max_length=64, blank=True, db_index=True)
    hire_date = models.DateField(null=True, blank=True)

    current_role = models.CharField(max_length=200, blank=True)
    target_role = models.CharField("target role", max_length=200, blank=True)
    target_occupation_code = models.CharField(
        max_length=10, blank=True, help_text="O*NET-SOC code of the target role, once known."
    )
    career_path = models.TextField("desired career path", blank=True)
    career_goals = models.TextField(blank=True)
    experience_summary = models.TextField(
        blank=True, help_text="Roles held and what you learned; mentors are matched on this."
    )
    past_roles = models.TextField(blank=True, help_text="One role per line.")
    industries = models.CharField(max_length=300, blank=True, help_text="Comma-separated.")
    skills_offered = models.ManyToManyField(Skill, blank=True, related_name="offered_by")
    skills_wanted = models.ManyToManyField(Skill, blank=True, related_name="wanted_by")

    offers_mentoring = models.BooleanField(default=False)
    offers_coaching = models.BooleanField(default=False)
    coach_credentials = models.CharField(max_length=200, blank=True)
    coaching_focus = models.CharField(max_length=300, blank=True)

    style_structure = _style_field("Structured plan ↔ open exploration")
    style_challenge = _style_field("Direct challenge ↔ encouragement")
    style_approach = _style_field("Advice-giving ↔ question-led")
    style_focus = _style_field("Big-picture strategy ↔ practical tactics")
    style_channel = _style_field("Written / async ↔ live conversation")
    importance_structure = _importance_field()
    importance_challenge = _importance_field()
    importance_approach = _importance_field()
    importance_focus = _importance_field()
    importance_channel = _importance_field()
    cadence = models.CharField(max_length=10, choices=Cadence.choices, default=Cadence.BIWEEKLY)
    importance_cadence = _importance_field()

    ipip_answers = models.JSONField(default=dict, blank=True)
    trait_extraversion = models.FloatField(null=True, blank=True)
    trait_agreeableness = models.FloatField(null=True, blank=True)
    trait_conscientiousness = models.FloatField(null=True, blank=True)
    trait_neuroticism = models.FloatField(null=True, blank=True)
    trait_intellect = models.FloatField(null=True, blank=True)

    meeting_format = models.CharField(
        max_length=10, choices=MeetingFormat.choices, default=MeetingFormat.REMOTE
    )
    visibility = models.CharField(
        max_length=15, choices=Visibility.choices, default=Visibility.ORGANIZATION
    )
    # When the person's photo (ProfilePhoto) last changed; None: no photo, initials are shown.
    # Pages read this stamp, never the image bytes, and put it in the image URL for caching.
    photo_updated_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ProfileQuerySet.as_manager()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(style_structure__gte=1, style_structure__lte=5)
                & Q(style_challenge__gte=1, style_challenge__lte=5)
                & Q(style_approach__gte=1, style_approach__lte=5)
                & Q(style_focus__gte=1, style_focus__lte=5)
                & Q(style_channel__gte=1, style_channel__lte=5),
                name="profile_style_in_range",
            ),
            models.CheckConstraint(
                condition=~Q(manager=models.F("user")), name="profile_not_own_manager"
            ),
        ]
        indexes = [
            # The directory lists only people who offer mentoring or coaching, usually a small
            # share of the organization: this index finds them without reading every profile.
            models.Index(
                fields=["user"],
                condition=Q(offers_mentoring=True) | Q(offers_coaching=True),
                name="profile_offering",
            ),
        ]

    def __str__(self) -> str:
        return f"Profile of {self.user}"

    @property
    def traits(self) -> dict[str, float] | None:
        if self.trait_extraversion is None:
            return None
        return {
            "extraversion": self.trait_extraversion,
            "agreeableness": self.trait_agreeableness or 0.0,
            "conscientiousness": self.trait_conscientiousness or 0.0,
            "neuroticism": self.trait_neuroticism or 0.0,
            "intellect": self.trait_intellect or 0.0,
        }

    @property
    def initials(self) -> str:
        """Up to two initials of the person's name, for the avatar shown without a photo."""
        parts = [p for p in (self.user.full_name or self.user.email).replace("-", " ").split() if p]
        letters = (parts[0][0] + (parts[-1][0] if len(parts) > 1 else "")) if parts else "?"
        return letters.upper()

    def offers_help(self) -> bool:
        """Offers mentoring or coaching: their profile is what mentees will see."""
        return bool(self.offers_mentoring or self.offers_coaching)

    def style_set(self) -> bool:
        """Has said something about style: a leaning on an axis, or an axis that matters."""
        return any(getattr(self, f"style_{axis}") != 3 for axis in StyleAxis.values) or any(
            getattr(self, f"importance_{axis}") == Importance.IMPORTANT
            for axis in [*StyleAxis.values, "cadence"]
        )

    def completeness_items(self) -> list[CompletenessItem]:
        """What a complete profile has for this person, each with the step that asks for it.

        Someone who offers mentoring or coaching is asked for what mentees will read; someone
        looking for help, for the career path they are matched on.
        """
        items = [
            CompletenessItem("basics", "job_title", "your job title", bool(self.job_title)),
            CompletenessItem("basics", "department", "your department", bool(self.department)),
            CompletenessItem(
                "basics", "years_experience", "your years of experience",
                self.years_experience > 0,
            ),
            CompletenessItem("basics", "photo", "a photo", self.photo_updated_at is not None),
            CompletenessItem(
                "career", "current_role", "your current role", bool(self.current_role)
            ),
        ]
        if self.offers_help():
            items += [
                CompletenessItem(
                    "career", "experience_summary", "the experience you can share",
                    bool(self.experience_summary),
                ),
                CompletenessItem(
                    "career", "skills_offered", "the skills you can help with",
                    self.skills_offered.exists(),
                ),
            ]
            if self.offers_coaching:
                items.append(
                    CompletenessItem(
                        "career", "coaching_focus", "your coaching focus",
                        bool(self.coaching_focus),
                    )
                )
        else:
            items += [
                CompletenessItem(
                    "career", "target_role", "the role you are heading for",
                    bool(self.target_role or self.career_path or self.target_occupation_code),
                ),
                CompletenessItem(
                    "career", "career_goals", "your career goals", bool(self.career_goals)
                ),
            ]
        items += [
            CompletenessItem("style", "style", "how you like to work", self.style_set()),
            CompletenessItem(
                "availability", "availability", "when you can meet", self.availability.exists()
            ),
        ]
        return items

    def missing(self) -> list[CompletenessItem]:
        """The items of a complete profile not filled in yet, in the order of the steps."""
        return [item for item in self.completeness_items() if not item.done]

    def completeness(self) -> int:
        """Share (0–100) of the items of a complete profile that are filled in."""
        items = self.completeness_items()
        return round(100 * sum(item.done for item in items) / len(items))


@dataclass(frozen=True)
class CompletenessItem:
    """One thing a complete profile has: the step asking for it, its field, words for it."""

    step: str  # a key of PROFILE_STEPS
    field: str  # the form field to jump to ("availability" and "style" name their step)
    label: str  # how the page names it: "your job title"
    done: bool


# The profile in steps: key, heading. Availability is its own page (people:availability).
PROFILE_STEPS = [
    ("basics", "Basics"),
    ("career", "Career path and experience"),
    ("style", "Style and personality"),
    ("availability", "Availability"),
]


class ProfilePhoto(models.Model):
    """A person's photo: a square JPEG made from their upload, resized, metadata stripped.

    Kept in the database (one row per person, read only by the image view) so it moves with
    the data, is erased with the account and needs no media storage (ADR 0051).
    """

    profile = models.OneToOneField(Profile, on_delete=models.CASCADE, related_name="photo")
    image = models.BinaryField()
    updated_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"Photo of {self.profile.user}"


class AvailabilityWindow(models.Model):
    """A weekly window, in the person's own time zone, when they can meet."""

    class Weekday(models.IntegerChoices):
        MONDAY = 0, "Monday"
        TUESDAY = 1, "Tuesday"
        WEDNESDAY = 2, "Wednesday"
        THURSDAY = 3, "Thursday"
        FRIDAY = 4, "Friday"
        SATURDAY = 5, "Saturday"
        SUNDAY = 6, "Sunday"

    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="availability")
    weekday = models.PositiveSmallIntegerField(choices=Weekday.choices)
    starts_at = models.TimeField()
    ends_at = models.TimeField()

    class Meta:
        ordering = ["weekday", "starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="availability_ends_after_start"
            ),
            models.CheckConstraint(condition=Q(weekday__lte=6), name="availability_weekday_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.starts_at:%H:%M}–{self.ends_at:%H:%M}"

    def clean(self) -> None:
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": "The window must end after it starts."})

    @property
    def hours(self) -> float:
        start = self.starts_at.hour * 60 + self.starts_at.minute
        end = self.ends_at.hour * 60 + self.ends_at.minute
        return (end - start) / 60


class RoleChange(models.Model):
    """A change to a person's job title, department, manager or level, as an HRIS import saw it.

    Outcomes count promotions and moves from these rows; the manager is kept by email so the
    history reads the same after the manager's account is gone.
    """

    class Field(models.TextChoices):
        JOB_TITLE = "job_title", "Job title"
        DEPARTMENT = "department", "Department"
        MANAGER = "manager", "Manager"
        LEVEL = "level", "Level"
        STATUS = "status", "Left the organization"

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="role_changes"
    )
    field = models.CharField(max_length=12, choices=Field.choices)
    old = models.CharField(max_length=254, blank=True)
    new = models.CharField(max_length=254, blank=True)
    at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["person", "-at"], name="rolechange_person_at")]

    def __str__(self) -> str:
        return f"{self.person_id} {self.field}: {self.old!r} → {self.new!r}"

    @property
    def is_promotion(self) -> bool:
        """A move to a higher level (entry < associate < … < executive)."""
        return (
            self.field == self.Field.LEVEL
            and LEVEL_ORDER.get(self.new, -1) > LEVEL_ORDER.get(self.old, len(LEVEL_ORDER))
        )


# The import's saved column mapping, level table and kept uploads (people/import_models.py).
from mentora.people.import_models import ImportSettings, ImportUpload  # noqa: E402, F401
