"""Reads for choosing a mentor: places left, do-not-pair pairs, a person's requests."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet

from mentora.programs.models import Enrollment, Program
from mentora.recommendations.models import DoNotPair, MentorChoice, RequestMessage
from mentora.relationships.models import Relationship


def do_not_pair_user_pairs(user_ids: Iterable[int]) -> set[tuple[int, int]]:
    """Pairs of user ids (both orders) among `user_ids` that must never be paired again.

    Feed it to the engine's ``PairLists.do_not_pair`` after mapping ids to positions: the
    set holds ``(a, b)`` and ``(b, a)`` for every wish, whichever side made it.
    """
    ids = {int(i) for i in user_ids}
    if not ids:
        return set()
    rows = DoNotPair.objects.filter(user_id__in=ids, other_id__in=ids).values_list(
        "user_id", "other_id"
    )
    pairs: set[tuple[int, int]] = set()
    for a, b in rows:
        pairs.add((a, b))
        pairs.add((b, a))
    return pairs


def blocked_partner_ids(user: Any) -> set[int]:
    """People this person must not be paired with: their own wishes and others' about them."""
    rows = DoNotPair.objects.filter(Q(user_id=user.pk) | Q(other_id=user.pk)).values_list(
        "user_id", "other_id"
    )
    return {b if a == user.pk else a for a, b in rows}


def mentor_room(*, program: Program, mentor_ids: Iterable[int] | None = None) -> dict[int, int]:
    """Places left per approved mentor of the program (mentors not enrolled are absent)."""
    enrollments = Enrollment.objects.filter(
        program=program, role=Enrollment.Role.MENTOR, status=Enrollment.Status.APPROVED
    )
    taken_q = Relationship.objects.holding_place().filter(program=program)
    if mentor_ids is not None:
        ids = list(mentor_ids)
        enrollments = enrollments.filter(user_id__in=ids)
        taken_q = taken_q.filter(mentor_id__in=ids)
    capacity = {
        user_id: (cap if cap is not None else program.mentor_capacity)
        for user_id, cap in enrollments.values_list("user_id", "capacity")
    }
    taken = dict(
        taken_q.order_by().values("mentor_id").annotate(n=Count("pk")).values_list("mentor_id", "n")
    )
    return {uid: max(cap - taken.get(uid, 0), 0) for uid, cap in capacity.items()}


def declined_mentor_ids(*, program: Program, mentee: Any) -> set[int]:
    """Mentors who already declined this mentee in this program (they are not asked again)."""
    return set(
        MentorChoice.objects.filter(
            program=program, mentee_id=mentee.pk, status=MentorChoice.Status.DECLINED
        ).values_list("mentor_id", flat=True)
    )


def _with_details(queryset: QuerySet[MentorChoice]) -> QuerySet[MentorChoice]:
    return queryset.select_related("program", "mentee", "mentor", "relationship").prefetch_related(
        Prefetch("messages", queryset=RequestMessage.objects.select_related("author"))
    )


def choices_of(*, mentee: Any, program: Program | None = None) -> QuerySet[MentorChoice]:
    """A mentee's requests per program, in order of preference (split open/closed to list)."""
    queryset = MentorChoice.objects.filter(mentee_id=mentee.pk)
    if program is not None:
        queryset = queryset.filter(program=program)
    return _with_details(queryset).order_by(
        "program__name", "program_id", "position", "-created_at", "pk"
    )


def choices_to(*, mentor: Any) -> QuerySet[MentorChoice]:
    """Requests sent to a mentor (never ones still waiting their turn), open ones first."""
    return (
        _with_details(MentorChoice.objects.filter(mentor_id=mentor.pk, asked_at__isnull=False))
        .annotate(is_asked=Count("pk", filter=Q(status=MentorChoice.Status.ASKED)))
        .order_by("-is_asked", "deadline_at", "-asked_at", "-pk")
    )


def ended_relationships_of(*, user: Any) -> QuerySet[Relationship]:
    """Relationships this person was in that have ended (where "do not pair us again" applies)."""
    return (
        Relationship.objects.for_member(user)
        .filter(status__in=[Relationship.Status.COMPLETED, Relationship.Status.ENDED_EARLY])
        .select_related("program", "mentee", "mentor")
        .order_by("-ended_at", "-pk")
    )
