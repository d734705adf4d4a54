"""Writes on profiles: details, skills, style, personality, availability."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import time
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from mentora.lib import clock
from mentora.lib.errors import DomainError
from mentora.people import personality
from mentora.people.models import AvailabilityWindow, Language, Profile, ProfilePhoto, Skill
from mentora.people.permissions import can_edit_profile
from mentora.people.photos import photo_normalize

# Plain fields a person may set on their own profile through forms, API and imports.
EDITABLE_FIELDS = (
    "preferred_name",
    "job_title",
    "department",
    "location",
    "timezone",
    "years_experience",
    "level",
    "current_role",
    "target_role",
    "career_path",
    "career_goals",
    "experience_summary",
    "past_roles",
    "industries",
    "offers_mentoring",
    "offers_coaching",
    "coach_credentials",
    "coaching_focus",
    "style_structure",
    "style_challenge",
    "style_approach",
    "style_focus",
    "style_channel",
    "importance_structure",
    "importance_challenge",
    "importance_approach",
    "importance_focus",
    "importance_channel",
    "cadence",
    "importance_cadence",
    "meeting_format",
    "visibility",
)


def _clean_names(names: Iterable[str], *, field: str, limit: int = 30) -> list[str]:
    cleaned: list[str] = []
    seen: set[str] = set()
    for raw in names:
        name = " ".join(str(raw).split())
        if not name:
            continue
        if len(name) > 100:
            raise DomainError(f"“{name[:30]}…” is longer than 100 characters.", field=field)
        if name.lower() not in seen:
            seen.add(name.lower())
            cleaned.append(name)
    if len(cleaned) > limit:
        raise DomainError(f"List at most {limit} entries.", field=field)
    return cleaned


def skills_get_or_create(names: Iterable[str], *, field: str = "skills") -> list[Skill]:
    """Skills by name, matched case-insensitively, created when new."""
    result = []
    for name in _clean_names(names, field=field):
        skill = Skill.objects.filter(name__iexact=name).first()
        result.append(skill or Skill.objects.create(name=name))
    return result


def languages_get_or_create(names: Iterable[str], *, field: str = "languages") -> list[Language]:
    """Languages by name, matched case-insensitively, created when new."""
    result = []
    for name in _clean_names(names, field=field, limit=15):
        language = Language.objects.filter(name__iexact=name).first()
        result.append(language or Language.objects.create(name=name.title()))
    return result


@transaction.atomic
def profile_update(
    *,
    profile: Profile,
    by: Any,
    data: dict[str, Any],
    skills_offered: Sequence[str] | None = None,
    skills_wanted: Sequence[str] | None = None,
    languages: Sequence[str] | None = None,
) -> Profile:
    """Change a profile; validates every field and writes nothing when one is wrong."""
    if not can_edit_profile(by, profile):
        raise DomainError("You can only change your own profile.", code="forbidden")
    unknown = sorted(set(data) - set(EDITABLE_FIELDS))
    if unknown:
        raise DomainError(f"Unknown profile field: {', '.join(unknown)}.", field=unknown[0])
    # Work on a fresh row so a rejected change never leaves the caller's object half-edited.
    profile = Profile.objects.select_for_update().get(pk=profile.pk)
    for name, value in data.items():
        setattr(profile, name, value)
    try:
        profile.full_clean(exclude=["user", "manager", "ipip_answers"])
    except ValidationError as exc:
        field, messages = next(iter(exc.message_dict.items()))
        raise DomainError(
            f"{field.replace('_', ' ').capitalize()}: {messages[0]}", field=field
        ) from exc
    profile.save()
    if skills_offered is not None:
        profile.skills_offered.set(skills_get_or_create(skills_offered, field="skills_offered"))
    if skills_wanted is not None:
        profile.skills_wanted.set(skills_get_or_create(skills_wanted, field="skills_wanted"))
    if languages is not None:
        profile.languages.set(languages_get_or_create(languages))
    return profile


@transaction.atomic
def profile_set_availability(
    *, profile: Profile, by: Any, windows: Sequence[tuple[int, time, time]]
) -> list[AvailabilityWindow]:
    """Replace the weekly availability windows (in the person's own time zone)."""
    if not can_edit_profile(by, profile):
        raise DomainError("You can only change your own availability.", code="forbidden")
    cleaned: list[tuple[int, time, time]] = []
    for index, (weekday, starts_at, ends_at) in enumerate(windows, start=1):
        if weekday not in range(7):
            raise DomainError(f"Window {index}: the day must be Monday to Sunday.", field="weekday")
        if ends_at <= starts_at:
            raise DomainError(
                f"Window {index}: it must end after it starts ({starts_at:%H:%M}–{ends_at:%H:%M}).",
                field="ends_at",
            )
        cleaned.append((weekday, starts_at, ends_at))
    cleaned.sort()
    for (day_a, _, end_a), (day_b, start_b, _) in zip(cleaned, cleaned[1:], strict=False):
        if day_a == day_b and start_b < end_a:
            raise DomainError("Two windows overlap on the same day; merge them.", field="starts_at")
    profile.availability.all().delete()
    return AvailabilityWindow.objects.bulk_create(
        AvailabilityWindow(profile=profile, weekday=d, starts_at=s, ends_at=e)
        for d, s, e in cleaned
    )


@transaction.atomic
def profile_score_personality(*, profile: Profile, by: Any, answers: dict[int, int]) -> Profile:
    """Store Mini-IPIP answers and the five trait scores derived from them."""
    if not can_edit_profile(by, profile):
        raise DomainError("You can only answer the questionnaire for yourself.", code="forbidden")
    try:
        traits = personality.score(answers)
    except ValueError as exc:
        raise DomainError(str(exc), field="ipip_answers") from exc
    profile.ipip_answers = {str(k): v for k, v in answers.items()}
    for trait, value in traits.items():
        setattr(profile, f"trait_{trait}", value)
    profile.save()
    return profile


@transaction.atomic
def profile_photo_set(*, profile: Profile, by: Any, data: bytes) -> Profile:
    """Replace the person's photo with a resized, metadata-free copy of the upload."""
    if not can_edit_profile(by, profile):
        raise DomainError("You can only change your own photo.", code="forbidden")
    image = photo_normalize(data)
    now = clock.now()
    ProfilePhoto.objects.update_or_create(
        profile=profile, defaults={"image": image, "updated_at": now}
    )
    Profile.objects.filter(pk=profile.pk).update(photo_updated_at=now)
    profile.photo_updated_at = now
    return profile


@transaction.atomic
def profile_photo_remove(*, profile: Profile, by: Any) -> Profile:
    """Remove the person's photo: their initials are shown again."""
    if not can_edit_profile(by, profile):
        raise DomainError("You can only change your own photo.", code="forbidden")
    ProfilePhoto.objects.filter(profile=profile).delete()
    Profile.objects.filter(pk=profile.pk).update(photo_updated_at=None)
    profile.photo_updated_at = None
    return profile
