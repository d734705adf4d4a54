"""Reads about people: the directory of mentors and coaches."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from mentora.people.models import Profile
from mentora.people.permissions import visible_profiles


def profile_for(user: Any) -> Profile:
    """The user's profile, created empty on first use."""
    profile, _ = Profile.objects.get_or_create(user=user)
    return profile


def directory_search(
    *,
    viewer: Any,
    q: str = "",
    skill: str = "",
    role: str = "",
    department: str = "",
    location: str = "",
    language: str = "",
    offers: str = "",
) -> QuerySet[Profile]:
    """People offering mentoring or coaching, filtered, that the viewer may see."""
    qs: QuerySet[Profile] = Profile.objects.active().offering()
    if offers == "mentoring":
        qs = qs.filter(offers_mentoring=True)
    elif offers == "coaching":
        qs = qs.filter(offers_coaching=True)
    if q:
        qs = qs.filter(
            Q(user__full_name__icontains=q)
            | Q(job_title__icontains=q)
            | Q(experience_summary__icontains=q)
            | Q(skills_offered__name__icontains=q)
        )
    if skill:
        qs = qs.filter(skills_offered__name__iexact=skill)
    if role:
        qs = qs.filter(
            Q(job_title__icontains=role)
            | Q(current_role__icontains=role)
            | Q(past_roles__icontains=role)
        )
    if department:
        qs = qs.filter(department__iexact=department)
    if location:
        qs = qs.filter(location__icontains=location)
    if language:
        qs = qs.filter(languages__name__iexact=language)
    qs = visible_profiles(viewer, qs)
    return (
        qs.distinct()
        .select_related("user")
        .prefetch_related("skills_offered", "languages")
        .order_by("user__full_name", "pk")
    )


def departments() -> list[str]:
    return list(
        Profile.objects.exclude(department="")
        .values_list("department", flat=True)
        .distinct()
        .order_by("department")
    )
