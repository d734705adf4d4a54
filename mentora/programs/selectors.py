"""Reads about programs that span models: rosters and a person's enrollments."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
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


@dataclass(frozen=True)
class ProgramCounts:
    """How many people a program has, by the one definition every page uses.

    "Enrolled" means approved; people awaiting approval and on the waitlist are counted
    apart. A mentee place is taken by an enrolled or pending mentee (as the waitlist rule).
    """

    mentees: int = 0
    mentors: int = 0
    pending: int = 0
    waitlisted: int = 0
    mentees_pending: int = 0

    @property
    def enrolled(self) -> int:
        return self.mentees + self.mentors

    @property
    def mentee_places_taken(self) -> int:
        return self.mentees + self.mentees_pending


def program_counts(*, program_ids: Iterable[int]) -> dict[int, ProgramCounts]:
    """Counts for many programs in one query (no join through managers, so no doubling)."""
    ids = list(program_ids)
    tally: dict[int, dict[str, int]] = {pk: {} for pk in ids}
    rows = (
        Enrollment.objects.filter(program_id__in=ids)
        .order_by()
        .values_list("program_id", "role", "status")
        .annotate(n=Count("pk"))
    )
    for program_id, role, status, n in rows:
        counts = tally[program_id]
        if status == Enrollment.Status.APPROVED:
            key = "mentees" if role == Enrollment.Role.MENTEE else "mentors"
            counts[key] = counts.get(key, 0) + n
        elif status == Enrollment.Status.PENDING:
            counts["pending"] = counts.get("pending", 0) + n
            if role == Enrollment.Role.MENTEE:
                counts["mentees_pending"] = counts.get("mentees_pending", 0) + n
        elif status == Enrollment.Status.WAITLISTED:
            counts["waitlisted"] = counts.get("waitlisted", 0) + n
    return {pk: ProgramCounts(**values) for pk, values in tally.items()}


def program_counts_for(program: Program) -> ProgramCounts:
    """One program's counts (see ProgramCounts)."""
    return program_counts(program_ids=[program.pk])[program.pk]


def shares_a_program(viewer: Any, user_id: int) -> bool:
    """Both are enrolled in one program, or the viewer manages a program the person is in."""
    programs = Enrollment.objects.filter(user=viewer).values("program")
    return Enrollment.objects.filter(
        Q(program__in=programs) | Q(program__managers=viewer), user_id=user_id
    ).exists()


def program_mates(viewer: Any) -> QuerySet[Any]:
    """Everyone enrolled in a program the viewer is enrolled in or manages, as user ids.

    The viewer's programs are one small UNION compared by id, so the database reads only those
    programs' enrollments (by the program index); joining the managers to every enrollment, as
    before, read all enrollments of the organization on each directory search.
    """
    enrolled = Enrollment.objects.filter(user=viewer).order_by().values("program")
    managed = Program.managers.through.objects.filter(user=viewer).order_by().values("program")
    return Enrollment.objects.filter(program__in=enrolled.union(managed)).values("user")


def programs_of(user: Any) -> tuple[list[str], set[str]]:
    """The slugs of the programs `user` manages, and the role words of those they take part in."""
    managed = list(
        Program.objects.filter(managers=user).order_by("slug").values_list("slug", flat=True)
    )
    roles: set[str] = set()
    enrollments = Enrollment.objects.approved().filter(user=user).select_related("program")
    for enrollment in enrollments:
        program = enrollment.program
        mentoring = enrollment.role == Enrollment.Role.MENTOR
        roles.add(program.mentor_label if mentoring else program.mentee_label)
    return managed, roles
