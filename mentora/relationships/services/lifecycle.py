"""The relationship lifecycle: request → accept/decline/expire → active → paused → ended.

Every transition is one service, checks who may make it, writes an event (who, when, why),
and refuses anything the state machine does not allow with a DomainError.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.urls import reverse

from mentora.integrations import payloads as webhook_payloads
from mentora.integrations.services import webhook_emit
from mentora.lib import clock
from mentora.lib.errors import DomainError
from mentora.lib.hooks import Hook
from mentora.notifications.invitations import meeting_invitation_enqueue
from mentora.notifications.links import absolute, local_time_text
from mentora.notifications.messages import notify
from mentora.notifications.preferences import send_after
from mentora.programs.models import Enrollment, Program
from mentora.programs.services import program_figures_changed
from mentora.relationships import permissions as perms
from mentora.relationships.models import Meeting, Relationship, RelationshipEvent
from mentora.relationships.services.agreement_start import agreement_ensure

S = Relationship.Status

# The program's exit survey goes out the moment a relationship ends (so the ending email can
# say so); surveys belong to outcomes (above relationships), which answers both hooks from its
# AppConfig.ready(). Unanswered, no survey is due and none is sent.
exit_survey_due: Hook[..., bool] = Hook("relationships.exit_survey_due", default=lambda **kw: False)
exit_surveys_send: Hook[..., int] = Hook("relationships.exit_surveys_send", default=lambda **kw: 0)

# action → (statuses it may start from, status it leads to)
TRANSITIONS: dict[str, tuple[tuple[str, ...], str]] = {
    "accept": ((S.REQUESTED,), S.ACCEPTED),
    "decline": ((S.REQUESTED,), S.DECLINED),
    "expire": ((S.REQUESTED,), S.EXPIRED),
    # A request closed before the mentor answered: "expired" (closed without an answer), so
    # no new status for the other apps' counts; the event's action and reason say why.
    "withdraw": ((S.REQUESTED,), S.EXPIRED),
    "start": ((S.ACCEPTED,), S.ACTIVE),
    "pause": ((S.ACTIVE,), S.PAUSED),
    "resume": ((S.PAUSED,), S.ACTIVE),
    "complete": ((S.ACTIVE, S.PAUSED), S.COMPLETED),
    "end_early": ((S.ACCEPTED, S.ACTIVE, S.PAUSED), S.ENDED_EARLY),
}


def allowed_actions(relationship: Relationship) -> list[str]:
    """The transitions the relationship's current status allows."""
    return [name for name, (sources, _) in TRANSITIONS.items() if relationship.status in sources]


def event_log(
    *,
    relationship: Relationship,
    action: str,
    by: Any,
    reason: str = "",
    now: datetime,
    activity: bool = True,
) -> RelationshipEvent:
    """Record something that happened to a relationship without changing its status.

    `activity=False` for things the pair did not do themselves (a manager's nudge, a
    rematch request after the end), so they do not make a stalled pair look active.
    """
    if activity:
        relationship.last_activity_at = now
        relationship.save(update_fields=["last_activity_at"])
    return RelationshipEvent.objects.create(
        relationship=relationship,
        action=action,
        from_status=relationship.status,
        to_status=relationship.status,
        by=by if getattr(by, "is_authenticated", False) else None,
        reason=reason,
        at=now,
    )


def _lock(relationship: Relationship) -> Relationship:
    return (
        Relationship.objects.select_for_update(of=("self",))
        .select_related("program", "mentee", "mentor")
        .get(pk=relationship.pk)
    )


def _transition(
    relationship: Relationship, *, action: str, by: Any, reason: str = "", now: datetime
) -> Relationship:
    sources, target = TRANSITIONS[action]
    if relationship.status not in sources:
        allowed = ", ".join(allowed_actions(relationship)) or "nothing (it has ended)"
        raise DomainError(
            f"A {relationship.get_status_display().lower()} relationship cannot "
            f"{action.replace('_', ' ')}; it can: {allowed}.",
            field="status",
            code="conflict",
        )
    before = relationship.status
    relationship.status = target
    relationship.last_activity_at = now
    relationship.save()
    RelationshipEvent.objects.create(
        relationship=relationship,
        action=action,
        from_status=before,
        to_status=target,
        by=by if getattr(by, "is_authenticated", False) else None,
        reason=reason,
        at=now,
    )
    program_figures_changed(program_id=relationship.program_id)  # dashboard figures changed
    # Keep the caller's instance in step with the locked row it passed in.
    return relationship


def _enrolled(program: Program, user: Any, role: str) -> Enrollment | None:
    return Enrollment.objects.filter(
        program=program, user=user, role=role, status=Enrollment.Status.APPROVED
    ).first()


@transaction.atomic
def relationship_request(
    *,
    program: Program,
    mentee: Any,
    mentor: Any,
    by: Any,
    message: str = "",
    sessions_planned: int | None = None,
    ends_on: date | None = None,
    now: datetime | None = None,
) -> Relationship:
    """Ask for a mentee and a mentor to work together in a program (status: requested).

    `by` is the mentee, the mentor, or a program manager / the matching engine acting for
    the program. Both people must be enrolled (approved) in the program in their roles.
    Coaching engagements may name a number of sessions; mentoring an end date.
    """
    now = now or clock.now()
    if not perms.can_request(by, mentee=mentee, mentor=mentor, program=program):
        raise DomainError(
            "Only the two people or a program manager can request this relationship.",
            code="forbidden",
        )
    if mentee.pk == mentor.pk:
        raise DomainError("A person cannot mentor themselves.", field="mentor")
    # Peer pairs are 1:1 mentoring between equals (docs/decisions/0006-peer-programs.md).
    if program.kind not in (Program.Kind.MENTORING, Program.Kind.COACHING, Program.Kind.PEER):
        raise DomainError(
            f"{program.get_kind_display()} programs do not use 1:1 relationships yet.",
            field="program",
        )
    if _enrolled(program, mentee, Enrollment.Role.MENTEE) is None:
        raise DomainError(
            f"{mentee} is not enrolled as a {program.mentee_label} in {program}.", field="mentee"
        )
    if _enrolled(program, mentor, Enrollment.Role.MENTOR) is None:
        raise DomainError(
            f"{mentor} is not enrolled as a {program.mentor_label} in {program}.", field="mentor"
        )
    kind = (
        Relationship.Kind.COACHING
        if program.kind == Program.Kind.COACHING
        else Relationship.Kind.MENTORING
    )
    if sessions_planned is not None and kind != Relationship.Kind.COACHING:
        raise DomainError("Only coaching engagements have a number of sessions.", field="sessions")
    if sessions_planned is not None and not 1 <= sessions_planned <= 100:
        raise DomainError("Sessions must be between 1 and 100.", field="sessions")
    if ends_on is not None and ends_on <= now.date():
        raise DomainError("The end date must be in the future.", field="ends_on")
    if Relationship.objects.live().filter(program=program, mentee=mentee).exists():
        raise DomainError(
            f"{mentee} already has a relationship in {program}; end it before starting another.",
            field="mentee",
            code="conflict",
        )
    try:
        with transaction.atomic():
            relationship = Relationship.objects.create(
                program=program,
                mentee=mentee,
                mentor=mentor,
                kind=kind,
                sessions_planned=sessions_planned,
                ends_on=ends_on,
                message=message.strip(),
                requested_by=by,
                requested_at=now,
                last_activity_at=now,
            )
    except IntegrityError as exc:  # a concurrent request won the race
        raise DomainError(
            f"{mentee} already has a relationship in {program}.", field="mentee", code="conflict"
        ) from exc
    RelationshipEvent.objects.create(
        relationship=relationship,
        action="request",
        to_status=relationship.status,
        by=by,
        reason=message.strip(),
        at=now,
    )
    webhook_emit(
        event="relationship.requested",
        payload=lambda: webhook_payloads.relationship(relationship),
        now=now,
    )
    program_figures_changed(program_id=program.pk)  # dashboard figures changed
    return relationship


@transaction.atomic
def relationship_accept(
    *, relationship: Relationship, by: Any, now: datetime | None = None
) -> Relationship:
    """The mentor (or a program manager) accepts; refused when the mentor has no place left.

    The mentor's enrollment row is locked while places are counted, so two accepts at
    once cannot both take the last place.
    """
    now = now or clock.now()
    rel = _lock(relationship)
    if not perms.can_answer_request(by, rel):
        raise DomainError(
            f"Only {rel.mentor} or a program manager can accept this request.", code="forbidden"
        )
    enrollment = (
        Enrollment.objects.select_for_update(of=("self",))
        .select_related("program")
        .filter(
            program=rel.program,
            user_id=rel.mentor_id,
            role=Enrollment.Role.MENTOR,
            status=Enrollment.Status.APPROVED,
        )
        .first()
    )
    if enrollment is None:
        raise DomainError(
            f"{rel.mentor} is no longer enrolled as a {rel.program.mentor_label} in {rel.program}.",
            field="mentor",
            code="conflict",
        )
    if rel.status == S.REQUESTED:
        taken = (
            Relationship.objects.holding_place()
            .filter(program=rel.program, mentor_id=rel.mentor_id)
            .count()
        )
        if taken >= enrollment.effective_capacity:
            raise DomainError(
                f"{rel.mentor} has no place left in {rel.program} ({taken} of "
                f"{enrollment.effective_capacity} taken). Raise the capacity or decline.",
                field="capacity",
                code="conflict",
            )
    _transition(rel, action="accept", by=by, now=now)
    rel.accepted_at = now
    rel.save(update_fields=["accepted_at"])
    agreement_ensure(relationship=rel, now=now)
    webhook_emit(
        event="relationship.accepted", payload=lambda: webhook_payloads.relationship(rel), now=now
    )
    _sync(relationship, rel)
    return rel


# Pausing, completing and ending early stop the meetings and tell the other person; the two
# endings also send the program's wrap-up survey (docs/decisions/0040-relationship-workspace.md).
CLOSING = ("pause", "complete", "end_early")
ENDING = ("complete", "end_early")


@dataclass(frozen=True)
class ClosingEffects:
    """What pausing, completing or ending a relationship will do, for its confirmation page."""

    action: str
    upcoming: list[Meeting]
    tells: Any  # the other person, or both when a program manager acts
    survey: bool


def closing_effects(
    *, relationship: Relationship, action: str, by: Any, now: datetime | None = None
) -> ClosingEffects:
    """The meetings that will be cancelled, who is told, and whether the survey goes out;
    the same rules `_close_out` follows, so the confirmation says exactly what happens."""
    now = now or clock.now()
    member = relationship.member_role(by)
    return ClosingEffects(
        action=action,
        upcoming=list(relationship.meetings.upcoming(now)),
        tells=[relationship.other_member(by)]
        if member
        else [relationship.mentee, relationship.mentor],
        survey=action in ENDING
        and relationship.started_at is not None
        and exit_survey_due(program=relationship.program),
    )


def _tell(*, kind: str, to: Any, context: dict[str, Any], now: datetime) -> None:
    """Email one person the change (templates relationships/messages/<kind>.*)."""
    if not to.is_active:
        return
    notify(
        kind=f"relationships.{kind}",
        to=to,
        context=context,
        available_at=send_after(user=to, now=now),
        now=now,
    )


def _close_out(rel: Relationship, *, action: str, by: Any, reason: str, now: datetime) -> None:
    """Cancel the meetings still to come (calendar cancellations to both), tell the other
    person (both when a program manager acts), and on an ending send the wrap-up survey."""
    effects = closing_effects(relationship=rel, action=action, by=by, now=now)
    for meeting in effects.upcoming:
        meeting.status = Meeting.Status.CANCELLED
        meeting.sequence += 1
        meeting.save(update_fields=["status", "sequence"])
        meeting_invitation_enqueue(meeting=meeting, method="CANCEL", now=now)
        webhook_emit(
            event="meeting.cancelled",
            payload=lambda: webhook_payloads.meeting(meeting),  # noqa: B023 - called at once
            now=now,
        )
    if rel.status in Relationship.CLOSED:
        rel.ended_at = now  # the survey's window counts from the end
    surveyed = exit_surveys_send(relationship=rel, now=now) if action in ENDING else 0
    for person in effects.tells:
        _tell(
            kind=f"relationship_{action}",
            to=person,
            context={
                "rel": rel,
                "by": by,
                "by_member": bool(rel.member_role(by)),
                "reason": reason,
                "cancelled": [local_time_text(m.starts_at, person) for m in effects.upcoming],
                "survey": bool(surveyed),
                "other": rel.other_member(person),
                "mentor_label": rel.program.mentor_label,
                "mentee_label": rel.program.mentee_label,
                "kind_word": "coaching" if rel.kind == Relationship.Kind.COACHING else "mentoring",
                "url": absolute(reverse("relationships:detail", args=[rel.pk])),
            },
            now=now,
        )


def _sync(original: Relationship, locked: Relationship) -> None:
    fields = ("status", "accepted_at", "started_at", "ended_at", "end_reason", "last_activity_at")
    for field in fields:
        setattr(original, field, getattr(locked, field))


def _steer(
    relationship: Relationship,
    *,
    action: str,
    by: Any,
    reason: str = "",
    now: datetime | None,
    check: Any = perms.can_steer,
) -> Relationship:
    now = now or clock.now()
    rel = _lock(relationship)
    if not check(by, rel):
        raise DomainError(
            f"Only the two people or a program manager can {action.replace('_', ' ')} this "
            "relationship.",
            code="forbidden",
        )
    _transition(rel, action=action, by=by, reason=reason.strip(), now=now)
    if action in CLOSING:
        _close_out(rel, action=action, by=by, reason=reason.strip(), now=now)
    if action == "start":
        rel.started_at = now
    if action in ("decline", "expire", "withdraw", "complete", "end_early"):
        rel.ended_at = now
        rel.end_reason = reason.strip()
        webhook_emit(
            event="relationship.ended", payload=lambda: webhook_payloads.relationship(rel), now=now
        )
    rel.save()
    _sync(relationship, rel)
    return rel


@transaction.atomic
def relationship_decline(
    *, relationship: Relationship, by: Any, reason: str = "", now: datetime | None = None
) -> Relationship:
    """The mentor (or a program manager) declines a request, optionally saying why."""
    return _steer(
        relationship,
        action="decline",
        by=by,
        reason=reason,
        now=now,
        check=perms.can_answer_request,
    )


@transaction.atomic
def relationship_expire(*, relationship: Relationship, now: datetime | None = None) -> Relationship:
    """A request nobody answered in time expires (run by the worker, no person needed)."""
    return _steer(
        relationship,
        action="expire",
        by=None,
        reason="Nobody answered the request in time.",
        now=now,
        check=lambda by, rel: True,
    )


def _can_withdraw(by: Any, relationship: Relationship) -> bool:
    # The system (None) releases requests on its own; a person must be the mentee or oversee
    # the program. The mentor closes a request by declining it instead.
    if by is None:
        return True
    is_mentee = perms.is_member(by, relationship) and by.pk == relationship.mentee_id
    return is_mentee or perms.oversees(by, relationship)


@transaction.atomic
def relationship_withdraw(
    *, relationship: Relationship, by: Any, reason: str = "", now: datetime | None = None
) -> Relationship:
    """Close a request the mentor has not answered yet (requested → expired, logged "withdraw").

    ``by`` is the mentee taking it back, a program manager or org admin, or None when the
    system closes it on its own (a mentee's request released because the mentor has no place
    left). The reason defaults to "Withdrawn by <who>."; the mentor's place is untouched, since
    requests hold none.
    """
    if relationship.status != S.REQUESTED:
        raise DomainError(
            f"Only a request still waiting for an answer can be withdrawn; this relationship "
            f"is {relationship.get_status_display().lower()}.",
            field="status",
            code="conflict",
        )
    if by is not None and not _can_withdraw(by, relationship):
        raise DomainError(
            f"Only {relationship.mentee} or a program manager can withdraw this request.",
            code="forbidden",
        )
    reason = (reason or "").strip() or (f"Withdrawn by {by}." if by is not None else "Withdrawn.")
    return _steer(
        relationship, action="withdraw", by=by, reason=reason, now=now, check=_can_withdraw
    )


@transaction.atomic
def relationship_start(
    *, relationship: Relationship, by: Any, now: datetime | None = None
) -> Relationship:
    """An accepted relationship becomes active (done when both have signed the agreement)."""
    return _steer(relationship, action="start", by=by, now=now)


@transaction.atomic
def relationship_pause(
    *, relationship: Relationship, by: Any, reason: str = "", now: datetime | None = None
) -> Relationship:
    """Pause an active relationship (holiday, busy season); it keeps the mentor's place."""
    return _steer(relationship, action="pause", by=by, reason=reason, now=now)


@transaction.atomic
def relationship_resume(
    *, relationship: Relationship, by: Any, now: datetime | None = None
) -> Relationship:
    """Resume a paused relationship."""
    return _steer(relationship, action="resume", by=by, now=now)


@transaction.atomic
def relationship_complete(
    *, relationship: Relationship, by: Any, reason: str = "", now: datetime | None = None
) -> Relationship:
    """Close a relationship that ran its course."""
    return _steer(relationship, action="complete", by=by, reason=reason, now=now)


@transaction.atomic
def relationship_end_early(
    *, relationship: Relationship, by: Any, reason: str, now: datetime | None = None
) -> Relationship:
    """End a relationship before its time; a reason is required."""
    if not reason or not reason.strip():
        raise DomainError("Say why the relationship is ending early.", field="reason")
    return _steer(relationship, action="end_early", by=by, reason=reason, now=now)


# The transitions people ask for from pages and the API ("start" and "expire" happen on
# their own), and those that take a reason.
PERSON_TRANSITIONS: dict[str, Callable[..., Relationship]] = {
    "accept": relationship_accept,
    "decline": relationship_decline,
    "pause": relationship_pause,
    "resume": relationship_resume,
    "complete": relationship_complete,
    "end_early": relationship_end_early,
}
TAKES_REASON = frozenset({"decline", "pause", "complete", "end_early"})
