"""Reads about programs that span models: rosters and a person's enrollments."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from mentora.programs.models import Enrollment, Program
from mentora.programs.permissions import visible_programs


def with_waitlist_ahead(queryset: QuerySet[Enrollment]) -> QuerySet[Enrollment]:
    """Annotate ``waitlist_ahead``: waitlisted mentees who joined earlier, in one query."""
    ahead = (
        Enrollment.objects.mentees()
        .waitlisted()
        .filter(program=OuterRef("program"), created_at__lt=OuterRef("created_at"))
        .order_by()
        .values("program")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return queryset.annotate(
        waitlist_ahead=Coalesce(Subquery(ahead, output_field=IntegerField()), Value(0))
    )


def enrollments_with_details() -> QuerySet[Enrollment]:
    """Enrollments with their program, person and waitlist place loaded for listing."""
    return with_waitlist_ahead(Enrollment.objects.select_related("program", "user"))


def enrollments_of(*, user: Any) -> QuerySet[Enrollment]:
    """A person's own enrollments, newest first."""
    return enrollments_with_details().filter(user=user).order_by("-created_at", "-pk")


def program_roster(*, program: Program) -> QuerySet[Enrollment]:
    """Who enrolled in a program, oldest first (the order places are given)."""
    return enrollments_with_details().filter(program=program).order_by("created_at", "pk")


def programs_visible_to(*, user: Any) -> QuerySet[Program]:
    """Programs a person may see, with their managers ready for listing."""
    return visible_programs(user).prefetch_related("managers").order_by("name", "pk")
