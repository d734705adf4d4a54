"""The periodic survey job: create the invitations that are due, then email each one once.

Run by the notifications worker (`worker_tick` calls `surveys_tick` on its reminder beat).
Every pass is idempotent: an invitation is unique per program, person and pulse kind (or per
relationship, person and kind), and is emailed only once. A survey that would already have
closed is never created, so a program switched on late does not flood people with old surveys.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db import InterfaceError, OperationalError, transaction
from django.db.models import Q
from django.urls import reverse

from mentora.lib import clock
from mentora.lib.signing import link_token
from mentora.outcomes.models import SurveyInvitation, SurveySchedule
from mentora.outcomes.services import default_schedule, schedule_for
from mentora.outcomes.sources import plan_skills
from mentora.outcomes.stats import min_group_size
from mentora.programs.models import Enrollment, Program

log = logging.getLogger(__name__)

K = SurveyInvitation.Kind
BASELINE_DAYS = 56  # a baseline stays open eight weeks after enrollment
WINDOW_DAYS = 28  # every other survey stays open four weeks
LINK_ACTION = "survey"
LINK_MAX_AGE = (BASELINE_DAYS + 7) * 24 * 3600


@dataclass
class PlanResult:
    """What one pass created and queued."""

    created: int = 0
    emailed: int = 0


def _schedules(programs: list[Program]) -> dict[int, SurveySchedule]:
    saved = {s.program_id: s for s in SurveySchedule.objects.filter(program__in=programs)}
    return {p.pk: saved.get(p.pk) or default_schedule(p) for p in programs}


def _baselines(programs: list[Program], now: datetime) -> list[SurveyInvitation]:
    since = now - timedelta(days=BASELINE_DAYS)
    rows = list(
        Enrollment.objects.filter(
            program__in=programs, role=Enrollment.Role.MENTEE, status=Enrollment.Status.APPROVED
        )
        .filter(Q(decided_at__gte=since) | Q(decided_at__isnull=True, created_at__gte=since))
        .values_list("program_id", "user_id", "decided_at", "created_at")
    )
    skills = plan_skills(user_id for _, user_id, _, _ in rows)
    return [
        SurveyInvitation(
            program_id=program_id,
            respondent_id=user_id,
            kind=K.BASELINE,
            skills=skills.get(user_id, []),
            opens_at=now,
            closes_at=(decided or created) + timedelta(days=BASELINE_DAYS),
            created_at=now,
        )
        for program_id, user_id, decided, created in rows
    ]


def _pulses(
    programs: list[Program], schedules: dict[int, SurveySchedule], now: datetime
) -> list[SurveyInvitation]:
    from mentora.relationships.models import Relationship

    rows = Relationship.objects.filter(program__in=programs, started_at__isnull=False).values_list(
        "program_id", "mentee_id", "status", "started_at", "ended_at"
    )
    people: dict[tuple[int, int], dict[str, Any]] = {}
    for program_id, mentee_id, status, started, ended in rows:
        entry = people.setdefault(
            (program_id, mentee_id), {"anchor": started, "live": False, "ended": None}
        )
        entry["anchor"] = min(entry["anchor"], started)
        if status in Relationship.HOLDING_PLACE:
            entry["live"] = True
        elif ended is not None:
            entry["ended"] = max(filter(None, [entry["ended"], ended]))
    due: list[tuple[int, int, str, datetime]] = []
    for (program_id, mentee_id), entry in people.items():
        schedule = schedules[program_id]
        ended = None if entry["live"] else entry["ended"]
        end_due = entry["anchor"] + timedelta(weeks=schedule.end_week)
        if ended is not None and ended < end_due:
            end_due = ended
        if schedule.midpoint_week is not None:
            mid_due = entry["anchor"] + timedelta(weeks=schedule.midpoint_week)
            if mid_due < end_due:
                due.append((program_id, mentee_id, K.MIDPOINT, mid_due))
        due.append((program_id, mentee_id, K.END, end_due))
    due = [d for d in due if d[3] <= now < d[3] + timedelta(days=WINDOW_DAYS)]
    if not due:
        return []
    baseline_skills = {
        (program_id, user_id): skills
        for program_id, user_id, skills in SurveyInvitation.objects.filter(
            kind=K.BASELINE, program__in=programs, respondent_id__in={d[1] for d in due}
        ).values_list("program_id", "respondent_id", "skills")
    }
    current = plan_skills(d[1] for d in due)
    return [
        SurveyInvitation(
            program_id=program_id,
            respondent_id=mentee_id,
            kind=kind,
            skills=baseline_skills.get((program_id, mentee_id), current.get(mentee_id, [])),
            opens_at=now,
            closes_at=when + timedelta(days=WINDOW_DAYS),
            created_at=now,
        )
        for program_id, mentee_id, kind, when in due
    ]


def _about_relationships(
    programs: list[Program], schedules: dict[int, SurveySchedule], now: datetime
) -> list[SurveyInvitation]:
    from mentora.relationships.models import Meeting, Relationship

    since = now - timedelta(days=WINDOW_DAYS)
    out: list[SurveyInvitation] = []

    def both(rel: dict[str, Any], kind: str, when: datetime) -> None:
        for role in ("mentee", "mentor"):
            out.append(
                SurveyInvitation(
                    program_id=rel["program_id"],
                    respondent_id=rel[f"{role}_id"],
                    relationship_id=rel["id"],
                    role=role,
                    kind=kind,
                    opens_at=now,
                    closes_at=when + timedelta(days=WINDOW_DAYS),
                    created_at=now,
                )
            )

    fields = ("id", "program_id", "mentee_id", "mentor_id", "status", "ended_at")
    live = {
        r["id"]: r
        for r in Relationship.objects.filter(
            program__in=programs,
            status__in=[Relationship.Status.ACTIVE, Relationship.Status.PAUSED],
        ).values(*fields)
    }
    held: dict[int, list[datetime]] = defaultdict(list)
    meetings = (
        Meeting.objects.held(now)
        .filter(relationship_id__in=list(live))
        .order_by("relationship_id", "starts_at")
        .values_list("relationship_id", "starts_at", "duration_minutes")
    )
    for rel_id, starts_at, minutes in meetings:
        held[rel_id].append(starts_at + timedelta(minutes=minutes))
    for rel_id, rel in live.items():
        after = schedules[rel["program_id"]].quality_after_meetings
        ends = held.get(rel_id, [])
        if len(ends) >= after and since <= ends[after - 1] <= now:
            both(rel, K.QUALITY, ends[after - 1])
    ended = Relationship.objects.filter(
        program__in=[p for p in programs if schedules[p.pk].exit_survey],
        status__in=[Relationship.Status.COMPLETED, Relationship.Status.ENDED_EARLY],
        started_at__isnull=False,
        ended_at__gte=since,
        ended_at__lte=now,
    ).values(*fields)
    for rel in ended:
        both(rel, K.EXIT, rel["ended_at"])
    return out


def _new_only(candidates: list[SurveyInvitation]) -> list[SurveyInvitation]:
    if not candidates:
        return []
    pulse = set(
        SurveyInvitation.objects.filter(
            kind__in=SurveyInvitation.PULSE,
            respondent_id__in={
                c.respondent_id for c in candidates if c.kind in SurveyInvitation.PULSE
            },
        ).values_list("program_id", "respondent_id", "kind")
    )
    about = set(
        SurveyInvitation.objects.filter(
            kind__in=SurveyInvitation.ABOUT_RELATIONSHIP,
            relationship_id__in={c.relationship_id for c in candidates if c.relationship_id},
        ).values_list("relationship_id", "respondent_id", "kind")
    )
    fresh, seen = [], set()
    for c in candidates:
        key = (
            (c.program_id, c.respondent_id, c.kind)
            if c.kind in SurveyInvitation.PULSE
            else (c.relationship_id, c.respondent_id, c.kind)
        )
        if key in (pulse if c.kind in SurveyInvitation.PULSE else about) or key in seen:
            continue
        seen.add(key)
        fresh.append(c)
    return fresh


@transaction.atomic
def surveys_plan(*, now: datetime | None = None) -> int:
    """Create every survey invitation that is due now; returns how many were created."""
    now = now or clock.now()
    programs = list(Program.objects.filter(status__in=[Program.Status.OPEN, Program.Status.CLOSED]))
    schedules = _schedules(programs)
    programs = [p for p in programs if schedules[p.pk].enabled]
    if not programs:
        return 0
    candidates = (
        _baselines(programs, now)
        + _pulses(programs, schedules, now)
        + _about_relationships(programs, schedules, now)
    )
    fresh = _new_only(candidates)
    # A concurrent worker may have created some of them meanwhile: the unique constraints
    # make those rows no-ops instead of errors.
    SurveyInvitation.objects.bulk_create(fresh, ignore_conflicts=True)
    return len(fresh)


def survey_link(invitation: SurveyInvitation) -> str:
    """The signed link that opens one survey for its respondent, without signing in."""
    from mentora.notifications.links import absolute

    token = link_token(
        action=LINK_ACTION, object_id=invitation.pk, user_id=invitation.respondent_id
    )
    return absolute(reverse("outcomes:answer_link", args=[token]))


def _email(invitation: SurveyInvitation, now: datetime) -> None:
    from mentora.notifications.messages import notify
    from mentora.notifications.preferences import send_after

    person = invitation.respondent
    program = invitation.program
    notify(
        to=person,
        kind="outcomes.survey",
        context={
            "program": program,
            "kind": invitation.kind,
            "kind_label": invitation.get_kind_display(),
            "other": program.mentor_label if invitation.role == "mentee" else program.mentee_label,
            "link": survey_link(invitation),
            "min_group_size": min_group_size(),
            "closes_at": invitation.closes_at,
        },
        dedupe_key=f"survey:{invitation.pk}",
        available_at=send_after(user=person, now=now),
        now=now,
    )


@transaction.atomic
def surveys_send(*, now: datetime | None = None) -> int:
    """Email every open, not yet emailed invitation once (with its signed link)."""
    now = now or clock.now()
    pending = list(
        SurveyInvitation.objects.open_at(now)
        .filter(emailed_at__isnull=True, respondent__is_active=True)
        .select_related("program", "respondent")
        .order_by("pk")
    )
    for invitation in pending:
        _email(invitation, now)
    SurveyInvitation.objects.filter(pk__in=[i.pk for i in pending]).update(emailed_at=now)
    return len(pending)


def surveys_run(*, now: datetime | None = None) -> PlanResult:
    """One pass of the survey job: create what is due, then email it."""
    now = now or clock.now()
    return PlanResult(created=surveys_plan(now=now), emailed=surveys_send(now=now))


def surveys_tick(*, now: datetime | None = None) -> PlanResult | None:
    """The worker's hook: a failing survey pass is logged and must not stop email delivery."""
    try:
        return surveys_run(now=now)
    except (OperationalError, InterfaceError):  # the database is down: the worker backs off
        raise
    except Exception:  # the next pass retries; the outbox still drains this pass
        log.exception("survey pass failed")
        return None


def exit_survey_due(*, program: Program) -> bool:
    """Whether the program sends its wrap-up (exit) survey when a relationship ends."""
    schedule = schedule_for(program)
    return bool(schedule.enabled and schedule.exit_survey)


@transaction.atomic
def exit_surveys_send(*, relationship: Any, now: datetime | None = None) -> int:
    """Create and email both people's exit survey for a relationship that just ended, at once
    rather than at the worker's next pass; returns how many were emailed (0 when the program
    sends none, or the pair never started)."""
    now = now or clock.now()
    program = relationship.program
    if relationship.started_at is None or not exit_survey_due(program=program):
        return 0
    ended = relationship.ended_at or now
    candidates = [
        SurveyInvitation(
            program_id=program.pk,
            respondent_id=getattr(relationship, f"{role}_id"),
            relationship_id=relationship.pk,
            role=role,
            kind=K.EXIT,
            opens_at=now,
            closes_at=ended + timedelta(days=WINDOW_DAYS),
            created_at=now,
        )
        for role in ("mentee", "mentor")
    ]
    SurveyInvitation.objects.bulk_create(_new_only(candidates), ignore_conflicts=True)
    pending = list(
        SurveyInvitation.objects.filter(
            relationship_id=relationship.pk,
            kind=K.EXIT,
            emailed_at__isnull=True,
            respondent__is_active=True,
        ).select_related("program", "respondent")
    )
    for invitation in pending:
        _email(invitation, now)
    SurveyInvitation.objects.filter(pk__in=[i.pk for i in pending]).update(emailed_at=now)
    return len(pending)
