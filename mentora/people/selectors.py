"""Reads about people: the directory of mentors and coaches."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Window

from mentora.accounts.models import User
from mentora.people.models import Profile
from mentora.people.permissions import visible_profiles


def profile_for(user: Any) -> Profile:
    """The user's profile, created empty on first use."""
    profile, _ = Profile.objects.get_or_create(user=user)
    return profile


def _has_related(through: Any, owner: str, **lookup: str) -> Exists:
    """The profile has a row in a many-to-many table matching `lookup`; a subquery rather than
    a join, so one person matching twice is still one row and no DISTINCT is needed."""
    return Exists(through.objects.filter(**{owner: OuterRef("pk")}, **lookup))


def _name_contains(q: str) -> Q:
    """The person's name contains `q`, in any case.

    On PostgreSQL the names are a subquery that the trigram index of people.0004 answers, so
    the search no longer reads every person's name; SQLite has no such index, and there the
    subquery would read all people, so the name is compared on the joined row instead.
    """
    if connection.vendor == "postgresql":
        return Q(user__in=User.objects.filter(full_name__icontains=q).values("pk"))
    return Q(user__full_name__icontains=q)


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
    skills = Profile.skills_offered.through
    qs: QuerySet[Profile] = Profile.objects.active().offering()
    if offers == "mentoring":
        qs = qs.filter(offers_mentoring=True)
    elif offers == "coaching":
        qs = qs.filter(offers_coaching=True)
    if q:
        qs = qs.filter(
            _name_contains(q)
            | Q(job_title__icontains=q)
            | Q(experience_summary__icontains=q)
            | _has_related(skills, "profile", skill__name__icontains=q)
        )
    if skill:
        qs = qs.filter(_has_related(skills, "profile", skill__name__iexact=skill))
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
        qs = qs.filter(
            _has_related(Profile.languages.through, "profile", language__name__iexact=language)
        )
    # No DISTINCT: every filter above is one row per profile, so the page's COUNT(*) counts
    # matching profiles directly instead of de-duplicating whole profile rows first.
    return (
        visible_profiles(viewer, qs)
        .select_related("user")
        .prefetch_related("skills_offered", "languages")
        .order_by("user__full_name", "pk")
    )


def directory_slice(
    results: QuerySet[Profile], *, offset: int, limit: int
) -> tuple[list[Profile], int]:
    """`limit` directory results from `offset` on, and how many there are in all.

    One pass over the matches gives both: the page's ids come with `COUNT(*) OVER ()`, then
    the page's people are read by id. A separate COUNT(*) would search everything twice.
    """
    # Page numbers come from people: past 2**31 is past the end of any directory, and the
    # database's 64-bit OFFSET would overflow on a page number of twenty digits.
    offset = min(offset, 2**31)
    rows = list(
        results.annotate(found=Window(Count("pk"))).values_list("pk", "found")[
            offset : offset + limit
        ]
    )
    if not rows:
        # Past the end there is no row to read the count from (rare: a stale or made-up page).
        return [], results.count() if offset else 0
    by_pk = (
        Profile.objects.select_related("user")
        .prefetch_related("skills_offered", "languages")
        .in_bulk([pk for pk, _ in rows])
    )
    return [by_pk[pk] for pk, _ in rows], rows[0][1]


def directory_page(results: QuerySet[Profile], *, number: Any, per_page: int) -> Page:
    """The page `number` of directory results; a bad or too large number gives the first or
    last page, as `Paginator.get_page` does."""
    paginator = Paginator(results, per_page)
    try:
        wanted = max(int(number), 1)
    except (TypeError, ValueError):
        wanted = 1
    people, found = directory_slice(results, offset=(wanted - 1) * per_page, limit=per_page)
    paginator.count = found  # known from the page query: Paginator asks no COUNT(*)
    if people or wanted == 1:
        return Page(people, wanted, paginator)
    return paginator.get_page(paginator.num_pages)


def departments() -> list[str]:
    """Every department named on a profile, in order.

    A loose index scan: one probe of the department index per department (a handful) instead
    of `SELECT DISTINCT` reading all profiles, which took ~20 ms at 100,000 people on every
    directory page. The recursive query runs unchanged on PostgreSQL and SQLite.
    """
    table = connection.ops.quote_name(Profile._meta.db_table)
    column = connection.ops.quote_name(Profile._meta.get_field("department").column)
    sql = f"""
        WITH RECURSIVE found(name) AS (
            SELECT MIN({column}) FROM {table} WHERE {column} > ''
            UNION ALL
            SELECT (SELECT MIN(p.{column}) FROM {table} p WHERE p.{column} > found.name)
            FROM found WHERE found.name IS NOT NULL
        )
        SELECT name FROM found WHERE name IS NOT NULL
    """  # noqa: S608 -- names come from the model, no input reaches this string
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return [row[0] for row in cursor.fetchall()]
