"""JSON API for people: the directory, profiles, availability and personality."""

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Query, Router
from ninja.errors import HttpError
from ninja.pagination import PageNumberPagination, paginate

from mentora.accounts.api import current_user
from mentora.lib.errors import DomainError
from mentora.people import personality
from mentora.people.models import Profile
from mentora.people.permissions import can_view_profile
from mentora.people.schemas import (
    AvailabilityIn,
    AvailabilityOut,
    DirectoryEntryOut,
    DirectoryFilters,
    MyProfileOut,
    PersonalityIn,
    PersonalityItemsOut,
    PersonalityOut,
    ProfileOut,
    ProfilePatchIn,
)
from mentora.people.selectors import directory_search, profile_for
from mentora.people.services import (
    profile_score_personality,
    profile_set_availability,
    profile_update,
)

router = Router(tags=["people"])

LIST_FIELDS = ("skills_offered", "skills_wanted", "languages")


def _full_profile(user_id: int) -> Profile | None:
    return (
        Profile.objects.select_related("user")
        .prefetch_related("skills_offered", "skills_wanted", "languages", "availability")
        .filter(user_id=user_id)
        .first()
    )


def _my_profile(request: HttpRequest) -> Profile:
    user = current_user(request)
    profile_for(user)  # created empty on first use
    profile = _full_profile(user.pk)
    assert profile is not None
    return profile


@router.get("/directory", response=list[DirectoryEntryOut], summary="Mentors and coaches I may see")
@paginate(PageNumberPagination)
def directory(request: HttpRequest, filters: Query[DirectoryFilters]) -> QuerySet[Profile]:
    return directory_search(
        viewer=current_user(request),
        q=filters.q.strip(),
        skill=filters.skill.strip(),
        role=filters.role.strip(),
        department=filters.department.strip(),
        location=filters.location.strip(),
        language=filters.language.strip(),
        offers=filters.offers or "",
    )


@router.get(
    "/personality-items",
    response=PersonalityItemsOut,
    summary="The Mini-IPIP questionnaire statements and answer scale",
)
def personality_items(request: HttpRequest) -> dict[str, Any]:
    return {
        "instructions": "Describe yourself as you generally are now, not as you wish to be. "
        "Answer every statement.",
        "items": [{"number": item.number, "text": item.text} for item in personality.ITEMS],
        "scale": [{"value": value, "label": label} for value, label in personality.SCALE],
    }


@router.get("/me/profile", response=MyProfileOut, summary="My profile")
def my_profile(request: HttpRequest) -> Profile:
    return _my_profile(request)


@router.patch("/me/profile", response=MyProfileOut, summary="Change my profile")
def my_profile_update(request: HttpRequest, payload: ProfilePatchIn) -> Profile:
    changes = payload.model_dump(exclude_unset=True)
    lists = {name: changes.pop(name, None) for name in LIST_FIELDS}
    profile_update(profile=_my_profile(request), by=current_user(request), data=changes, **lists)
    return _my_profile(request)


@router.get("/me/availability", response=AvailabilityOut, summary="My weekly availability")
def my_availability(request: HttpRequest) -> dict[str, Any]:
    profile = _my_profile(request)
    return {"timezone": profile.timezone, "windows": list(profile.availability.all())}


@router.put("/me/availability", response=AvailabilityOut, summary="Replace my weekly availability")
def my_availability_set(request: HttpRequest, payload: AvailabilityIn) -> dict[str, Any]:
    profile = _my_profile(request)
    windows = [(w.weekday, w.starts_at, w.ends_at) for w in payload.windows]
    saved = profile_set_availability(profile=profile, by=current_user(request), windows=windows)
    return {"timezone": profile.timezone, "windows": saved}


@router.put(
    "/me/personality", response=PersonalityOut, summary="Answer the personality questionnaire"
)
def my_personality_set(request: HttpRequest, payload: PersonalityIn) -> dict[str, Any]:
    profile, me = _my_profile(request), current_user(request)
    try:
        profile_score_personality(profile=profile, by=me, answers=payload.answers)
    except DomainError as exc:
        if exc.field == "ipip_answers":  # the stored field's name; callers send `answers`
            raise DomainError(exc.message, field="answers", code=exc.code) from exc
        raise
    return {"answers": payload.answers, "traits": profile.traits}


@router.get(
    "/{int:user_id}/profile",
    response=ProfileOut,
    summary="Someone's profile (404 when it does not exist or is not visible to me)",
)
def profile_detail(request: HttpRequest, user_id: int) -> Profile:
    profile = _full_profile(user_id)
    # A profile I may not see answers exactly like a missing one, so ids reveal nothing.
    if profile is None or not can_view_profile(current_user(request), profile):
        raise HttpError(404, f"No profile for person {user_id}, or it is not visible to you.")
    return profile
