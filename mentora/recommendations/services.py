"""Requests to mentors in order of preference: ask one at a time, move on by itself.

A mentee lists up to ``Program.max_mentor_requests`` mentors (or coaches), each with a note.
Only the first in line is asked — a Relationship in "requested" state — and has
``Program.request_deadline_days`` to answer. A decline, an expiry, a withdrawal or a mentor
running out of places moves the mentee on to their next choice, and every step is told to the
people concerned through the notifications outbox (in the same transaction as the change).

Locking: every change to a mentee's line first locks that mentee's enrollment row, so two
changes to one line never interleave; accepting also locks the mentor's enrollment row (in
``relationship_accept``) so places are counted one accept at a time. Releasing a full
mentor's other requests runs after the accept has committed, one mentee per transaction, so
no transaction ever holds two mentees' locks (no deadlock between two mentors accepting).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.urls import reverse

from mentora.accounts.models import User
from mentora.lib import clock
from mentora.lib.errors import DomainError
from mentora.matching.models import MatchExplanation
from mentora.matching.reasons import people_name, reasons_for_match, worded
from mentora.matching.scores import score_text
from mentora.notifications.links import absolute, local_time_text
from mentora.notifications.messages import notify
from mentora.notifications.preferences import send_after
from mentora.programs.models import Enrollment, Program
from mentora.recommendations import permissions as perms
from mentora.recommendations.models import DoNotPair, MentorChoice, RequestMessage
from mentora.recommendations.selectors import (
    blocked_partner_ids,
    declined_mentor_ids,
    mentor_room,
)
from mentora.relationships import permissions as rel_perms
from mentora.relationships.models import Relationship, RematchRequest
from mentora.relationships.services import lifecycle

S = MentorChoice.Status
NOTE_MAX = 1000
MESSAGE_MAX = 2000
THREAD_MAX = 20
# After the mentee answers a question, the mentor has at least this long to decide.
ANSWER_GRACE = timedelta(days=1)


# ----------------------------------------------------------------------------- helpers


def _notify(*, to: Any, kind: str, context: dict[str, Any], key: str, now: datetime) -> None:
    notify(
        to=to,
        kind=f"recommendations.{kind}",
        context=context,
        dedupe_key=f"rec:{key}:{to.pk}",
        available_at=send_after(user=to, now=now),
        now=now,
    )


def _page(name: str, *args: Any) -> str:
    return absolute(reverse(name, args=args))


def _lock_mentee(program: Program, mentee: Any) -> None:
    """Serialise every change to one mentee's line (their enrollment row is the mutex)."""
    list(
        Enrollment.objects.select_for_update()
        .filter(program=program, user_id=mentee.pk, role=Enrollment.Role.MENTEE)
        .values_list("pk", flat=True)
    )


def _locked_choice(choice: MentorChoice) -> MentorChoice:
    _lock_mentee(choice.program, choice.mentee)
    return (
        MentorChoice.objects.select_for_update(of=("self",))
        .select_related("program", "mentee", "mentor", "relationship")
        .get(pk=choice.pk)
    )


def _renumber(program: Program, mentee: Any) -> None:
    """Open choices numbered 1..k: the one asked first, then the waiting ones in order."""
    open_ = sorted(
        MentorChoice.objects.open().filter(program=program, mentee_id=mentee.pk),
        key=lambda c: (c.status != S.ASKED, c.position, c.pk),
    )
    for position, choice in enumerate(open_, start=1):
        if choice.position != position:
            choice.position = position
            choice.save(update_fields=["position"])


def _close_relationship(
    relationship: Relationship | None, *, by: Any, reason: str, now: datetime
) -> None:
    """Close a still-requested relationship without the mentor (withdrawn, released)."""
    if relationship is None:
        return
    relationship.refresh_from_db(fields=["status"])
    if relationship.status != Relationship.Status.REQUESTED:
        return
    # The lifecycle's own transition, so the relationship log shows who closed it and why.
    lifecycle.relationship_withdraw(relationship=relationship, by=by, reason=reason, now=now)


def _finish(choice: MentorChoice, status: str, *, reason: str = "", now: datetime) -> None:
    choice.status = status
    choice.outcome_reason = reason
    choice.answered_at = now
    choice.save(update_fields=["status", "outcome_reason", "answered_at"])


def _ask_next(
    program: Program, mentee: Any, *, now: datetime, cascade: bool
) -> MentorChoice | None:
    """Ask the first waiting choice that can still take the mentee; skip the others.

    The caller holds the mentee's lock. With ``cascade`` the mentee is told who is asked
    next (or that nobody is left); on their own submission they already know.
    """
    mine = MentorChoice.objects.filter(program=program, mentee_id=mentee.pk)
    if mine.asked().exists():
        return None
    waiting = list(
        mine.filter(status=S.WAITING).select_related("mentor").order_by("position", "pk")
    )
    if not waiting:
        if cascade:
            _tell_none_left(program, mentee, [], now)
        return None
    if Relationship.objects.live().filter(program=program, mentee_id=mentee.pk).exists():
        for choice in waiting:
            _finish(choice, S.CLOSED, reason=f"You already have a {program.mentor_label}.", now=now)
        return None
    blocked = blocked_partner_ids(mentee)
    room = mentor_room(program=program, mentor_ids=[c.mentor_id for c in waiting])
    my_requests = _page("recommendations:my_requests")
    skipped: list[str] = []
    for choice in waiting:
        mentor = choice.mentor
        problem, status = "", S.SKIPPED
        if choice.mentor_id in blocked:
            problem = f"{mentor} is not available to you in {program}."
        elif choice.mentor_id not in room:
            problem = f"{mentor} is no longer a {program.mentor_label} in {program}."
        elif room[choice.mentor_id] <= 0:
            problem, status = f"{mentor} has no place left in {program}.", S.RELEASED
        if not problem:
            try:
                relationship = lifecycle.relationship_request(
                    program=program,
                    mentee=mentee,
                    mentor=mentor,
                    by=mentee,
                    message=choice.note,
                    now=now,
                )
            except DomainError as exc:
                problem = exc.message
        if problem:
            _finish(choice, status, reason=problem, now=now)
            skipped.append(problem)
            continue
        _keep_explanation(choice, relationship, now=now)
        choice.status = S.ASKED
        choice.relationship = relationship
        choice.asked_at = now
        choice.deadline_at = now + timedelta(days=program.request_deadline_days)
        choice.save(update_fields=["status", "relationship", "asked_at", "deadline_at"])
        _renumber(program, mentee)
        _notify(
            to=mentor,
            kind="mentor_request",
            context={
                "mentee": mentee,
                "program": program,
                "note": choice.note,
                **_why_for_mentor(choice),
                "deadline": local_time_text(choice.deadline_at, mentor),
                "page": _page("recommendations:choice", choice.pk),
            },
            key=f"asked:{choice.pk}",
            now=now,
        )
        if cascade:
            _notify(
                to=mentee,
                kind="mentor_request_next",
                context={
                    "skipped": skipped,
                    "mentor": mentor,
                    "position": choice.position,
                    "program": program,
                    "deadline": local_time_text(choice.deadline_at, mentee),
                    "page": my_requests,
                },
                key=f"next:{choice.pk}",
                now=now,
            )
        return choice
    _renumber(program, mentee)
    if cascade or skipped:
        _tell_none_left(program, mentee, skipped, now)
    return None


def _keep_explanation(choice: MentorChoice, relationship: Relationship, *, now: datetime) -> None:
    """The recommendation the mentee saw when choosing becomes the pair's "why you fit", as a
    published match's explanation does (both people see it on the relationship page)."""
    shown = choice.explanation or {}
    if "score" not in shown:  # a request made before explanations were kept
        return
    MatchExplanation.objects.update_or_create(
        relationship=relationship,
        defaults={
            "score": shown["score"],
            "contributions": shown.get("contributions", []),
            "source": MatchExplanation.Source.CHOICE,
            "run": None,
            "created_at": now,
        },
    )


def _why_for_mentor(choice: MentorChoice) -> dict[str, Any]:
    """The chosen recommendation's score and top reasons, worded for the mentor."""
    shown = choice.explanation or {}
    if "score" not in shown:
        return {"score": None, "reasons": []}
    program = choice.program
    reasons = reasons_for_match(worded(
        shown.get("contributions", []), voice="mentor", mentee=people_name(choice.mentee),
        mentor=people_name(choice.mentor), mentor_word=program.mentor_label,
        mentee_word=program.mentee_label,
    ))
    return {"score": score_text(shown["score"]), "reasons": [r.text for r in reasons]}


def _tell_none_left(program: Program, mentee: Any, skipped: list[str], now: datetime) -> None:
    _notify(
        to=mentee,
        kind="mentor_request_none_left",
        context={
            "skipped": skipped,
            "program": program,
            "page": _page("recommendations:program", program.slug),
        },
        key=f"none:{program.pk}:{mentee.pk}:{now.isoformat()}",
        now=now,
    )


# ----------------------------------------------------------------------------- the mentee


@transaction.atomic
def mentor_requests_add(
    *,
    program: Program,
    mentee: Any,
    by: Any,
    choices: Sequence[tuple[Any, str]],
    now: datetime | None = None,
) -> list[MentorChoice]:
    """The mentee lists mentors in order of preference, each with a note; the first is asked.

    Appends to the mentee's open requests (up to ``program.max_mentor_requests`` in all).
    """
    from mentora.recommendations.ranking import check_choices

    now = now or clock.now()
    if by is None or getattr(by, "pk", None) != mentee.pk:
        raise DomainError(
            f"Only the {program.mentee_label} can choose their {program.mentor_label}.",
            code="forbidden",
        )
    problem = perms.choosing_problem(mentee, program)
    if problem:
        raise DomainError(problem, field="program", code="forbidden")
    if not choices:
        raise DomainError(f"Pick at least one {program.mentor_label}.", field="mentors")
    _lock_mentee(program, mentee)
    outside = Relationship.objects.live().filter(program=program, mentee_id=mentee.pk)
    if outside.exclude(mentor_choice__status=S.ASKED).exists():
        raise DomainError(
            f"You already have a {program.mentor_label} (or a request) in {program} outside "
            "your list; it must end before you choose again.",
            field="program",
            code="conflict",
        )
    open_ = list(MentorChoice.objects.open().filter(program=program, mentee_id=mentee.pk))
    limit = program.max_mentor_requests
    if len(open_) + len(choices) > limit:
        have = f" (you have {len(open_)} already)" if open_ else ""
        raise DomainError(
            f"You can ask up to {limit} {program.mentor_label}{'s' if limit != 1 else ''} in "
            f"{program}{have}.",
            field="mentors",
        )
    taken = {c.mentor_id for c in open_}
    ids = [m.pk for m, _ in choices]
    room = mentor_room(program=program, mentor_ids=ids)
    blocked = blocked_partner_ids(mentee)
    declined = declined_mentor_ids(program=program, mentee=mentee)
    checked = check_choices(program=program, mentee=mentee, mentor_ids=ids)
    failed = checked.failed
    for index, (mentor, note) in enumerate(choices):
        field = f"mentors.{index}"
        if mentor.pk == mentee.pk:
            raise DomainError(f"You cannot be your own {program.mentor_label}.", field=field)
        if mentor.pk in taken:
            raise DomainError(f"{mentor} is already on your list.", field=field)
        taken.add(mentor.pk)
        if mentor.pk not in room or mentor.pk in blocked:
            raise DomainError(
                f"{mentor} is not a {program.mentor_label} you can ask in {program}.", field=field
            )
        if room[mentor.pk] <= 0:
            raise DomainError(f"{mentor} has no place left in {program}.", field=field)
        if mentor.pk in declined:
            raise DomainError(f"{mentor} already declined your request in {program}.", field=field)
        if failed.get(mentor.pk):
            raise DomainError(
                f"{mentor} cannot be your {program.mentor_label}: {', '.join(failed[mentor.pk])}.",
                field=field,
            )
        if len((note or "").strip()) > NOTE_MAX:
            raise DomainError(f"Keep the note to {NOTE_MAX} characters.", field=f"{field}.note")
    created = [
        MentorChoice.objects.create(
            program=program,
            mentee=mentee,
            mentor=mentor,
            position=len(open_) + index,
            note=(note or "").strip(),
            explanation=checked.explanations.get(mentor.pk, {}),
            created_at=now,
        )
        for index, (mentor, note) in enumerate(choices, start=1)
    ]
    _ask_next(program, mentee, now=now, cascade=False)
    for choice in created:
        choice.refresh_from_db()
    return created


@transaction.atomic
def mentor_requests_reorder(
    *, program: Program, mentee: Any, by: Any, order: Sequence[int], now: datetime | None = None
) -> list[MentorChoice]:
    """Put the requests still waiting their turn in a new order (the one asked now stays)."""
    if by is None or getattr(by, "pk", None) != mentee.pk:
        raise DomainError("Only you can reorder your requests.", code="forbidden")
    problem = perms.choosing_problem(mentee, program)
    if problem:
        raise DomainError(problem, field="program", code="forbidden")
    _lock_mentee(program, mentee)
    waiting = {
        c.pk: c
        for c in MentorChoice.objects.filter(program=program, mentee_id=mentee.pk, status=S.WAITING)
    }
    wanted = [int(pk) for pk in order]
    if len(set(wanted)) != len(wanted) or set(wanted) != set(waiting):
        expected = ", ".join(str(pk) for pk in sorted(waiting)) or "none"
        raise DomainError(
            f"Give every request still waiting its turn exactly once (ids: {expected}).",
            field="order",
        )
    asked = MentorChoice.objects.filter(
        program=program, mentee_id=mentee.pk, status=S.ASKED
    ).exists()
    for position, pk in enumerate(wanted, start=2 if asked else 1):
        choice = waiting[pk]
        choice.position = position
        choice.save(update_fields=["position"])
    if waiting:  # with nothing waiting there is nobody to ask next, and nothing to tell
        _ask_next(program, mentee, now=now or clock.now(), cascade=True)
    return list(
        MentorChoice.objects.open()
        .filter(program=program, mentee_id=mentee.pk)
        .order_by("position")
    )


@transaction.atomic
def mentor_request_withdraw(
    *, choice: MentorChoice, by: Any, now: datetime | None = None
) -> MentorChoice:
    """The mentee takes one request back; if it was the one being asked, the next is asked."""
    now = now or clock.now()
    choice = _locked_choice(choice)
    if not perms.can_change_choice(by, choice):
        if getattr(by, "pk", None) == choice.mentee_id:
            raise DomainError(
                f"This request is already closed ({choice.get_status_display().lower()}).",
                code="conflict",
            )
        raise DomainError("Only the person who made a request can withdraw it.", code="forbidden")
    was_asked = choice.status == S.ASKED
    if was_asked:
        _close_relationship(
            choice.relationship,
            by=by,
            reason=f"Withdrawn by {choice.mentee}.",
            now=now,
        )
        _notify(
            to=choice.mentor,
            kind="mentor_request_withdrawn",
            context={"mentee": choice.mentee, "program": choice.program},
            key=f"withdrawn:{choice.pk}",
            now=now,
        )
    _finish(choice, S.WITHDRAWN, reason="Withdrawn.", now=now)
    _renumber(choice.program, choice.mentee)
    if was_asked:
        _ask_next(choice.program, choice.mentee, now=now, cascade=True)
    return choice


# ----------------------------------------------------------------------------- the mentor


def _answerable(choice: MentorChoice, by: Any, verb: str) -> None:
    if perms.can_answer_choice(by, choice):
        return
    if getattr(by, "pk", None) == choice.mentor_id and choice.asked_at is not None:
        raise DomainError(
            f"This request is no longer open ({choice.get_status_display().lower()}).",
            code="conflict",
        )
    raise DomainError(f"Only the person asked can {verb} this request.", code="forbidden")


def _accept(choice: MentorChoice, by: Any, now: datetime) -> MentorChoice:
    choice = _locked_choice(choice)
    _answerable(choice, by, "accept")
    if choice.relationship is None:
        raise DomainError("This request is no longer open.", code="conflict")
    relationship = lifecycle.relationship_accept(relationship=choice.relationship, by=by, now=now)
    _finish(choice, S.ACCEPTED, now=now)
    program, mentee, mentor = choice.program, choice.mentee, choice.mentor
    for other in MentorChoice.objects.filter(program=program, mentee=mentee, status=S.WAITING):
        _finish(other, S.CLOSED, reason=f"{mentor} accepted you.", now=now)
    RematchRequest.objects.filter(program=program, mentee=mentee, resolved_at__isnull=True).update(
        resolved_at=now
    )
    _notify(
        to=mentee,
        kind="mentor_request_accepted",
        context={
            "mentor": mentor,
            "program": program,
            "page": _page("relationships:detail", relationship.pk),
        },
        key=f"accepted:{choice.pk}",
        now=now,
    )
    return choice


def mentor_request_accept(
    *, choice: MentorChoice, by: Any, now: datetime | None = None
) -> MentorChoice:
    """The mentor accepts; if that fills their last place, their other requests are released.

    The accept is one transaction (the mentor's places are counted under a row lock); the
    release of other mentees' requests follows it, one mentee per transaction.
    """
    now = now or clock.now()
    try:
        with transaction.atomic():
            accepted = _accept(choice, by, now)
    finally:
        mentor_release_if_full(program=choice.program, mentor=choice.mentor, now=now)
    return accepted


@transaction.atomic
def mentor_request_decline(
    *, choice: MentorChoice, by: Any, reason: str, now: datetime | None = None
) -> MentorChoice:
    """The mentor declines, saying why; the mentee's next choice is asked at once."""
    now = now or clock.now()
    choice = _locked_choice(choice)
    _answerable(choice, by, "decline")
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(
            f"Say briefly why you decline, so {choice.mentee} can choose well next time.",
            field="reason",
        )
    if len(reason) > NOTE_MAX:
        raise DomainError(f"Keep the reason to {NOTE_MAX} characters.", field="reason")
    if choice.relationship is not None:
        lifecycle.relationship_decline(
            relationship=choice.relationship, by=by, reason=reason, now=now
        )
    _finish(choice, S.DECLINED, reason=reason, now=now)
    program = choice.program
    _notify(
        to=choice.mentee,
        kind="mentor_request_declined",
        context={
            "mentor": choice.mentor,
            "program": program,
            "reason": reason,
            "page": _page("recommendations:my_requests"),
        },
        key=f"declined:{choice.pk}",
        now=now,
    )
    _ask_next(program, choice.mentee, now=now, cascade=True)
    return choice


def _message(choice: MentorChoice, by: Any, body: str, now: datetime) -> RequestMessage:
    body = (body or "").strip()
    if not body:
        raise DomainError("Write your message.", field="body")
    if len(body) > MESSAGE_MAX:
        raise DomainError(f"Keep the message to {MESSAGE_MAX} characters.", field="body")
    if choice.messages.count() >= THREAD_MAX:
        raise DomainError(
            "This thread is long enough: accept or decline, and talk once you work together.",
            code="conflict",
        )
    return RequestMessage.objects.create(choice=choice, author=by, body=body, created_at=now)


@transaction.atomic
def request_question_ask(
    *, choice: MentorChoice, by: Any, body: str, now: datetime | None = None
) -> RequestMessage:
    """The mentor asks the mentee a question before answering (the deadline keeps running)."""
    now = now or clock.now()
    choice = _locked_choice(choice)
    _answerable(choice, by, "ask about")
    message = _message(choice, by, body, now)
    _notify(
        to=choice.mentee,
        kind="mentor_request_question",
        context={
            "mentor": choice.mentor,
            "question": message.body,
            "page": _page("recommendations:choice", choice.pk),
        },
        key=f"question:{message.pk}",
        now=now,
    )
    return message


@transaction.atomic
def request_question_answer(
    *, choice: MentorChoice, by: Any, body: str, now: datetime | None = None
) -> RequestMessage:
    """The mentee answers the mentor's question; the mentor gets at least a day more."""
    now = now or clock.now()
    choice = _locked_choice(choice)
    if getattr(by, "pk", None) != choice.mentee_id:
        raise DomainError("Only the person who made the request can answer.", code="forbidden")
    if choice.status != S.ASKED:
        raise DomainError(
            f"This request is no longer open ({choice.get_status_display().lower()}).",
            code="conflict",
        )
    if not choice.messages.filter(author_id=choice.mentor_id).exists():
        raise DomainError(f"{choice.mentor} has not asked you anything yet.", code="conflict")
    message = _message(choice, by, body, now)
    if choice.deadline_at is None or choice.deadline_at < now + ANSWER_GRACE:
        choice.deadline_at = now + ANSWER_GRACE
        choice.save(update_fields=["deadline_at"])
    _notify(
        to=choice.mentor,
        kind="mentor_request_answer",
        context={
            "mentee": choice.mentee,
            "answer": message.body,
            "deadline": local_time_text(choice.deadline_at, choice.mentor),
            "page": _page("recommendations:choice", choice.pk),
        },
        key=f"answer:{message.pk}",
        now=now,
    )
    return message


# ----------------------------------------------------------------------------- the worker


def _release_one(pk: int, now: datetime) -> bool:
    choice = MentorChoice.objects.select_related("program", "mentee", "mentor").get(pk=pk)
    choice = _locked_choice(choice)
    if not choice.is_open:
        return False
    program, mentor = choice.program, choice.mentor
    if mentor_room(program=program, mentor_ids=[mentor.pk]).get(mentor.pk, 0) > 0:
        return False  # a place opened again meanwhile
    reason = f"{mentor} has no place left in {program}."
    was_asked = choice.status == S.ASKED
    if was_asked:
        _close_relationship(choice.relationship, by=None, reason=reason, now=now)
    _finish(choice, S.RELEASED, reason=reason, now=now)
    _renumber(program, choice.mentee)
    _notify(
        to=choice.mentee,
        kind="mentor_request_released",
        context={
            "mentor": mentor,
            "program": program,
            "was_asked": was_asked,
            "page": _page("recommendations:my_requests"),
        },
        key=f"released:{choice.pk}",
        now=now,
    )
    if was_asked:
        _ask_next(program, choice.mentee, now=now, cascade=True)
    return True


def mentor_release_if_full(*, program: Program, mentor: Any, now: datetime | None = None) -> int:
    """When a mentor has no place left, release every open request to them (mentees told)."""
    now = now or clock.now()
    if mentor_room(program=program, mentor_ids=[mentor.pk]).get(mentor.pk, 0) > 0:
        return 0
    pending = list(
        MentorChoice.objects.open()
        .filter(program=program, mentor_id=mentor.pk)
        .values_list("pk", flat=True)
    )
    released = 0
    for pk in pending:
        with transaction.atomic():
            released += _release_one(pk, now)
    return released


@dataclass
class ExpiryResult:
    """What one pass of `mentora requests expire` did."""

    expired: int = 0
    caught_up: int = 0
    released: int = 0
    asked: int = 0


def _expire_one(pk: int, now: datetime) -> bool:
    choice = MentorChoice.objects.select_related("program", "mentee").get(pk=pk)
    choice = _locked_choice(choice)
    if choice.status != S.ASKED or choice.deadline_at is None or choice.deadline_at > now:
        return False
    relationship = choice.relationship
    if relationship is not None and relationship.status != Relationship.Status.REQUESTED:
        return False  # answered elsewhere: caught up below
    if relationship is not None:
        lifecycle.relationship_expire(relationship=relationship, now=now)
    _finish(choice, S.EXPIRED, reason="No answer before the deadline.", now=now)
    program = choice.program
    _notify(
        to=choice.mentor,
        kind="mentor_request_expired",
        context={"mentee": choice.mentee, "program": program},
        key=f"expired:{choice.pk}",
        now=now,
    )
    _notify(
        to=choice.mentee,
        kind="mentor_request_unanswered",
        context={
            "mentor": choice.mentor,
            "program": program,
            "page": _page("recommendations:my_requests"),
        },
        key=f"expired:{choice.pk}",
        now=now,
    )
    _ask_next(program, choice.mentee, now=now, cascade=True)
    return True


def _catch_up_one(pk: int, now: datetime) -> bool:
    """A request answered on the relationship page (or closed by a manager): follow it."""
    choice = MentorChoice.objects.select_related("program", "mentee").get(pk=pk)
    choice = _locked_choice(choice)
    relationship = choice.relationship
    if choice.status != S.ASKED or (
        relationship is not None and relationship.status == Relationship.Status.REQUESTED
    ):
        return False
    program, mentee = choice.program, choice.mentee
    if relationship is not None and relationship.status in Relationship.HOLDING_PLACE + [
        Relationship.Status.COMPLETED,
        Relationship.Status.ENDED_EARLY,
    ]:
        _finish(choice, S.ACCEPTED, now=now)
        for other in MentorChoice.objects.filter(program=program, mentee=mentee, status=S.WAITING):
            _finish(other, S.CLOSED, reason=f"{choice.mentor} accepted you.", now=now)
        return True
    status = (
        S.DECLINED
        if relationship is not None and relationship.status == Relationship.Status.DECLINED
        else S.EXPIRED
    )
    reason = (relationship.end_reason if relationship is not None else "") or (
        "Declined." if status == S.DECLINED else "The request was closed."
    )
    _finish(choice, status, reason=reason, now=now)
    _ask_next(program, mentee, now=now, cascade=True)
    return True


def mentor_requests_expire(*, now: datetime | None = None) -> ExpiryResult:
    """The periodic job: expire requests past their deadline and move each mentee on.

    It also catches up with requests answered outside these pages (the relationship page, a
    program manager), releases open requests to mentors who became full, and asks the next
    choice of any mentee whose line stalled. Each step is its own transaction; running it
    twice, or in two workers at once, does nothing twice.
    """
    now = now or clock.now()
    result = ExpiryResult()
    due = MentorChoice.objects.asked().filter(deadline_at__lte=now)
    for pk in list(due.values_list("pk", flat=True)):
        with transaction.atomic():
            result.expired += _expire_one(pk, now)
    answered = MentorChoice.objects.asked().exclude(
        relationship__status=Relationship.Status.REQUESTED
    )
    for pk in list(answered.values_list("pk", flat=True)):
        with transaction.atomic():
            result.caught_up += _catch_up_one(pk, now)
    open_to = list(
        MentorChoice.objects.open().order_by().values_list("program_id", "mentor_id").distinct()
    )
    programs = Program.objects.in_bulk({program_id for program_id, _ in open_to})
    mentors = User.objects.in_bulk({mentor_id for _, mentor_id in open_to})
    for program_id, mentor_id in open_to:
        result.released += mentor_release_if_full(
            program=programs[program_id], mentor=mentors[mentor_id], now=now
        )
    stalled = list(
        MentorChoice.objects.filter(status=S.WAITING)
        .exclude(
            Exists(
                MentorChoice.objects.filter(
                    program=OuterRef("program"), mentee=OuterRef("mentee"), status=S.ASKED
                )
            )
        )
        .order_by()
        .values_list("program_id", "mentee_id")
        .distinct()
    )
    for program_id, mentee_id in stalled:
        program = Program.objects.get(pk=program_id)
        mentee = User.objects.get(pk=mentee_id)
        with transaction.atomic():
            _lock_mentee(program, mentee)
            result.asked += _ask_next(program, mentee, now=now, cascade=True) is not None
    return result


# ----------------------------------------------------------------------------- do not pair


@transaction.atomic
def do_not_pair_create(
    *, relationship: Relationship, by: Any, now: datetime | None = None
) -> DoNotPair:
    """After a relationship ended, either side asks never to be paired with the other again."""
    now = now or clock.now()
    if not perms.can_mark_do_not_pair(by, relationship):
        if rel_perms.is_member(by, relationship):
            raise DomainError(
                "You can ask this once the relationship has ended.",
                field="relationship",
                code="conflict",
            )
        raise DomainError(
            "Only the two people in this relationship can ask this.", code="forbidden"
        )
    other = relationship.other_member(by)
    entry, _ = DoNotPair.objects.get_or_create(
        user=by, other=other, defaults={"relationship": relationship, "created_at": now}
    )
    return entry


@transaction.atomic
def do_not_pair_delete(*, entry: DoNotPair, by: Any) -> None:
    """Take back one's own "do not pair us again" (the other side's wish still stands)."""
    if getattr(by, "pk", None) != entry.user_id:
        raise DomainError("Only the person who asked this can take it back.", code="forbidden")
    entry.delete()
