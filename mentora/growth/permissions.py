"""Who may see and change growth content — the one place these rules live.

Views, the JSON API and exports ask these functions; docs/privacy.md has them as a table.
The principle: growth content belongs to the person it is about. Their mentor or coach (of an
ongoing relationship) may read what helps them support the person; program managers and
organization admins never see individual content (they get aggregates elsewhere), and neither
does anyone else.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from mentora.accounts.models import User
from mentora.growth.models import (
    Assessment,
    Feedback,
    FeedbackRequest,
    Introduction,
    Situation,
)
from mentora.relationships.models import Relationship

# A mentor or coach supports a person while their relationship is going on (active, or paused
# for a while); once it ends, they lose access to the person's growth content.
ONGOING = [Relationship.Status.ACTIVE, Relationship.Status.PAUSED]


def _authed(user: Any) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def supports(mentor: Any, person: Any) -> bool:
    """Whether ``mentor`` is ``person``'s mentor or coach in an ongoing relationship."""
    if not _authed(mentor) or mentor.pk == getattr(person, "pk", None):
        return False
    return Relationship.objects.filter(
        mentor=mentor, mentee=person, status__in=ONGOING
    ).exists()


def supported_people(mentor: Any) -> QuerySet[Any]:
    """The people ``mentor`` mentors or coaches in ongoing relationships."""

    if not _authed(mentor):
        return User.objects.none()
    return User.objects.filter(
        mentee_relationships__mentor=mentor, mentee_relationships__status__in=ONGOING
    ).distinct()


def supporter_ids_query(person: Any) -> QuerySet[Any]:
    """The mentor ids of ``person``'s ongoing relationships, as a subquery."""
    return Relationship.objects.filter(mentee=person, status__in=ONGOING).values_list(
        "mentor_id", flat=True
    )


def supporter_ids(person: Any) -> set[int]:
    """Ids of the mentors and coaches of ``person`` in ongoing relationships (one query)."""
    return set(supporter_ids_query(person))


def can_view_growth_of(user: Any, person: Any) -> bool:
    """Target role, gap, assessments and plan: the person and their mentors or coaches."""
    if not _authed(user):
        return False
    return user.pk == person.pk or supports(user, person)


def can_assess(user: Any, subject: Any) -> bool:
    """Rate someone's skills: themselves, or their mentor or coach."""
    return can_view_growth_of(user, subject)


def can_view_assessment(user: Any, assessment: Assessment) -> bool:
    """An assessment is read by the person it is about, its author, and the person's supporters
    (so the mentor sees the self-assessment and the mentee sees the mentor's)."""
    if not _authed(user):
        return False
    if user.pk in (assessment.subject_id, assessment.assessor_id):
        return True
    return supports(user, assessment.subject)


def can_change_plan(user: Any, owner: Any) -> bool:
    """Goals, milestones, skills and contacts of a plan: its owner only."""
    return _authed(user) and user.pk == owner.pk


def can_introduce(user: Any, mentee: Any) -> bool:
    """Propose an introduction for a mentee: their mentor or coach."""
    return supports(user, mentee)


def can_view_introduction(user: Any, introduction: Introduction) -> bool:
    """The three people involved."""
    return _authed(user) and user.pk in (
        introduction.introducer_id,
        introduction.mentee_id,
        introduction.contact_id,
    )


def can_answer_introduction(user: Any, introduction: Introduction) -> bool:
    """Accept or decline: the two people being introduced."""
    return _authed(user) and user.pk in (introduction.mentee_id, introduction.contact_id)


def can_answer_ask(user: Any, introduction: Introduction) -> bool:
    """Answer a mentee's request for an introduction: the mentor or coach they asked, while
    the relationship goes on."""
    return (
        _authed(user)
        and introduction.status == Introduction.Status.ASKED
        and user.pk == introduction.introducer_id
        and supports(user, introduction.mentee)
    )


def can_give_feedback(user: Any, recipient: Any, request: FeedbackRequest | None = None) -> bool:
    """Anyone the person asked (an open request), and their mentors or coaches unasked."""
    if not _authed(user) or user.pk == recipient.pk:
        return False
    if request is not None:
        return (
            request.giver_id == user.pk
            and request.requester_id == recipient.pk
            and request.status == FeedbackRequest.Status.OPEN
        )
    return supports(user, recipient)


def visible_feedback(user: Any) -> QuerySet[Feedback]:
    """All feedback ``user`` may read (given, received, or shared with them as a supporter)."""
    if not _authed(user):
        return Feedback.objects.none()
    shared = Q(
        visibility=Feedback.Visibility.RECIPIENT_AND_MENTORS,
        recipient__mentee_relationships__mentor=user,
        recipient__mentee_relationships__status__in=ONGOING,
    )
    return Feedback.objects.filter(Q(giver=user) | Q(recipient=user) | shared).distinct()


def can_view_feedback_request(user: Any, request: FeedbackRequest) -> bool:
    """The person who asked and the person asked."""
    return _authed(user) and user.pk in (request.requester_id, request.giver_id)


def can_view_situation(user: Any, situation: Situation) -> bool:
    """Its owner; the coach or mentor it is shared with, while they support the owner."""
    if not _authed(user):
        return False
    if user.pk == situation.owner_id:
        return True
    return situation.shared_with_id == user.pk and supports(user, situation.owner)


def can_change_situation(user: Any, situation: Situation) -> bool:
    """Only its owner writes, shares or unshares it."""
    return _authed(user) and user.pk == situation.owner_id


def visible_situations(user: Any) -> QuerySet[Situation]:
    """Situations ``user`` may read: their own, and those shared with them by people they
    support now."""
    if not _authed(user):
        return Situation.objects.none()
    shared = Q(
        shared_with=user,
        owner__mentee_relationships__mentor=user,
        owner__mentee_relationships__status__in=ONGOING,
    )
    return Situation.objects.filter(Q(owner=user) | shared).distinct()
