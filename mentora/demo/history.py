"""Some months of program history for the demo, so the dashboards have something to show.

Grow gets an earlier cohort that started about seven months ago (most pairs completed, a few
ended early, a few still going) and a current cohort at every stage (requested, accepted,
active, paused, and mentees still waiting for a match); Lead gets coaching engagements that
have just begun. Pairs have agreements, meetings at their cadence (some falling behind),
action items, and survey answers: baseline, midpoint and end pulses with a plausible
improvement, relationship-quality and exit surveys.

Written with bulk inserts, consistent with what the services would have written (statuses,
timestamps, events, agreement versions), seeded so every build is the same. The five demo
sign-ins are left out: Maya stays unmatched everywhere and Marco and Chloe keep every place,
so the stories in docs/demo.md (Maya asks Marco) still start fresh.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from mentora.accounts.models import User
from mentora.demo import data
from mentora.outcomes.models import SurveyAnswer, SurveyInvitation
from mentora.outcomes.surveys import EXIT_ITEMS, PULSE_ITEMS, QUALITY_ITEMS, skill_key
from mentora.people.models import Profile
from mentora.programs.models import Enrollment, Program
from mentora.relationships.models import (
    ActionItem,
    Agreement,
    AgreementVersion,
    Meeting,
    Relationship,
    RelationshipEvent,
)

S = Relationship.Status
K = SurveyInvitation.Kind
HISTORY_SEED = data.SEED + 7
# Average change from baseline to end per measure for pairs that completed (1–5 scale).
EFFECTS = {
    "self_confidence": 0.55,
    "self_awareness": 0.45,
    "career_clarity": 0.65,
    "job_satisfaction": 0.25,
    "work_life_balance": 0.1,
}
GROW_EARLIER, GROW_CURRENT = 34, 22
LEAD_MATCHED = 12
TEXTS = {
    "channel": "Video call",
    "confidentiality": "What we discuss stays between us unless we both agree to share it.",
    "mentee_commitments": "Come prepared, follow through on agreed actions, say early when "
    "something is not working.",
    "mentor_commitments": "Keep our meetings, share experience honestly, give candid and kind "
    "feedback.",
    "feedback": "A short check at the end of each meeting.",
}
ACTIONS = (
    "Write down three situations to practise in",
    "Ask two colleagues for feedback",
    "Draft a one-page plan for the next quarter",
    "Shadow a meeting run by someone you admire",
    "Read the chapter we talked about and bring one question",
)


@dataclass
class _Plan:
    """One relationship to write, with what happened to it."""

    program: Program
    mentee: User
    mentor: User
    status: str
    requested_at: datetime
    accepted_at: datetime | None = None
    started_at: datetime | None = None
    ended_at: datetime | None = None
    meetings: list[datetime] = field(default_factory=list)
    upcoming: list[datetime] = field(default_factory=list)
    reason: str = ""
    relationship: Relationship | None = None


@dataclass
class HistorySummary:
    """What the history added."""

    relationships: int = 0
    meetings: int = 0
    surveys: int = 0
    answers: int = 0


def _login_emails() -> set[str]:
    return {f"{local}@{data.DEMO_DOMAIN}" for _, _, local in data.LOGINS}


def _enrolled(program: Program, role: str) -> list[Enrollment]:
    return list(
        Enrollment.objects.filter(program=program, role=role, status=Enrollment.Status.APPROVED)
        .exclude(user__email__in=_login_emails())
        .select_related("user")
        .order_by("pk")
    )


class _Builder:
    def __init__(self, now: datetime) -> None:
        self.now = now
        self.rng = random.Random(HISTORY_SEED)
        self.plans: list[_Plan] = []
        self.skills: dict[int, list[str]] = {}
        self.targets: dict[int, str] = {}

    # ------------------------------------------------------------------ relationships

    def _mentor_pool(self, mentors: list[Enrollment], program: Program) -> list[list[Any]]:
        return [[e.user, e.capacity or program.mentor_capacity, 0] for e in mentors]

    def _pick_mentor(self, pool: list[list[Any]], *, holds: bool) -> User:
        free = [m for m in pool if not holds or m[2] < m[1]]
        mentor = self.rng.choice(free)
        if holds:
            mentor[2] += 1
        return mentor[0]

    def _meetings(
        self, start: datetime, until: datetime, *, every: int, keep: float
    ) -> list[datetime]:
        out, when = [], start + timedelta(days=self.rng.randint(3, 9))
        while when < until:
            if self.rng.random() < keep:
                out.append(when)
            when += timedelta(days=every)
        return out

    def grow(self, program: Program) -> None:
        mentees = _enrolled(program, Enrollment.Role.MENTEE)
        mentors = _enrolled(program, Enrollment.Role.MENTOR)
        self.rng.shuffle(mentees)
        pool = self._mentor_pool(mentors, program)
        earlier, current = (
            mentees[:GROW_EARLIER],
            mentees[GROW_EARLIER : GROW_EARLIER + GROW_CURRENT],
        )
        moved = []
        for index, enrollment in enumerate(earlier):
            joined = self.now - timedelta(
                days=self.rng.randint(228, 258), hours=self.rng.randint(0, 8)
            )
            enrollment.created_at = enrollment.decided_at = joined
            moved.append(enrollment)
            requested = joined + timedelta(
                days=self.rng.randint(2, 18), hours=self.rng.randint(1, 6)
            )
            accepted = requested + timedelta(days=self.rng.randint(1, 4), hours=2)
            started = accepted + timedelta(days=self.rng.randint(1, 6), hours=3)
            status = S.COMPLETED if index < 26 else S.ENDED_EARLY if index < 30 else S.ACTIVE
            plan = _Plan(
                program,
                enrollment.user,
                self._pick_mentor(pool, holds=status == S.ACTIVE),
                status,
                requested,
                accepted,
                started,
            )
            if status == S.COMPLETED:
                plan.ended_at = started + timedelta(weeks=26, days=self.rng.randint(-5, 6))
                plan.reason = "We reached the goals we set."
            elif status == S.ENDED_EARLY:
                plan.ended_at = started + timedelta(days=self.rng.randint(45, 110))
                plan.reason = self.rng.choice(
                    [
                        "Moved to another team with a new focus.",
                        "Parental leave.",
                        "Our schedules did not fit after the reorganisation.",
                    ]
                )
            until = plan.ended_at or self.now
            plan.meetings = self._meetings(
                started, until, every=14, keep=self.rng.uniform(0.7, 1.0)
            )
            if status == S.ACTIVE:
                plan.upcoming = [self.now + timedelta(days=self.rng.randint(2, 12), hours=1)]
            self.plans.append(plan)
        Enrollment.objects.bulk_update(moved, ["created_at", "decided_at"])
        Program.objects.filter(pk=program.pk).update(created_at=self.now - timedelta(days=300))
        states = [S.REQUESTED] * 3 + [S.ACCEPTED] * 4 + [S.ACTIVE] * 14 + [S.PAUSED]
        for enrollment, status in zip(current, states, strict=False):
            joined = enrollment.decided_at or enrollment.created_at
            age = (self.now - joined).days
            requested = joined + timedelta(
                days=min(self.rng.randint(1, 5), max(age - 1, 0)), hours=2
            )
            holds = status != S.REQUESTED
            plan = _Plan(
                program, enrollment.user, self._pick_mentor(pool, holds=holds), status, requested
            )
            if status != S.REQUESTED:
                plan.accepted_at = min(
                    requested + timedelta(days=self.rng.randint(1, 3)),
                    self.now - timedelta(hours=6),
                )
            if status in (S.ACTIVE, S.PAUSED) and plan.accepted_at is not None:
                start = min(
                    plan.accepted_at + timedelta(days=self.rng.randint(1, 3)),
                    self.now - timedelta(hours=3),
                )
                plan.started_at = start
                # Three pairs stopped meeting after a good start: the health check flags them.
                stalled = status == S.ACTIVE and self.rng.random() < 0.2
                until = self.now - timedelta(days=30) if stalled else self.now
                plan.meetings = self._meetings(start, until, every=14, keep=0.95)
                if status == S.ACTIVE and not stalled:
                    plan.upcoming = [self.now + timedelta(days=self.rng.randint(1, 13), hours=2)]
                if status == S.PAUSED:
                    plan.reason = "Busy quarter-end; back in a month."
            self.plans.append(plan)

    def lead(self, program: Program) -> None:
        coachees = _enrolled(program, Enrollment.Role.MENTEE)
        coaches = _enrolled(program, Enrollment.Role.MENTOR)
        self.rng.shuffle(coachees)
        pool = self._mentor_pool(coaches, program)
        states = [S.REQUESTED] * 2 + [S.ACCEPTED] * 2 + [S.ACTIVE] * (LEAD_MATCHED - 4)
        for enrollment, status in zip(coachees, states, strict=False):
            joined = enrollment.decided_at or enrollment.created_at
            age = max((self.now - joined).days, 1)
            requested = joined + timedelta(days=min(self.rng.randint(1, 4), age - 1), hours=1)
            plan = _Plan(
                program,
                enrollment.user,
                self._pick_mentor(pool, holds=status != S.REQUESTED),
                status,
                requested,
            )
            if status != S.REQUESTED:
                plan.accepted_at = min(requested + timedelta(days=1), self.now - timedelta(hours=5))
            if status == S.ACTIVE and plan.accepted_at is not None:
                start = min(plan.accepted_at + timedelta(days=1), self.now - timedelta(hours=4))
                plan.started_at = start
                plan.meetings = self._meetings(start, self.now, every=14, keep=1.0)
                plan.upcoming = [self.now + timedelta(days=self.rng.randint(2, 14), hours=3)]
            self.plans.append(plan)

    def write_relationships(self, manager: User) -> tuple[int, int]:
        rels = []
        for plan in self.plans:
            coaching = plan.program.kind == Program.Kind.COACHING
            last = max(
                [
                    plan.requested_at,
                    plan.accepted_at or plan.requested_at,
                    plan.started_at or plan.requested_at,
                ]
                + plan.meetings
                + ([plan.ended_at] if plan.ended_at else [])
            )
            rel = Relationship(
                program=plan.program,
                mentee=plan.mentee,
                mentor=plan.mentor,
                kind=Relationship.Kind.COACHING if coaching else Relationship.Kind.MENTORING,
                status=plan.status,
                sessions_planned=6 if coaching else None,
                ends_on=None
                if coaching or not plan.started_at
                else (plan.started_at + timedelta(weeks=26)).date(),
                message="Matched by the program manager.",
                requested_by=manager,
                requested_at=plan.requested_at,
                accepted_at=plan.accepted_at,
                started_at=plan.started_at,
                ended_at=plan.ended_at,
                end_reason=plan.reason if plan.ended_at else "",
                last_activity_at=min(last, self.now),
            )
            rels.append(rel)
        Relationship.objects.bulk_create(rels)
        for plan, rel in zip(self.plans, rels, strict=True):
            plan.relationship = rel
        self._agreements()
        self._events(manager)
        meetings = self._write_meetings()
        self._actions()
        return len(rels), meetings

    def _goals(self, mentee: User) -> list[str]:
        skills = self.skills.get(mentee.pk, [])
        target = self.targets.get(mentee.pk)
        goals = [
            f"Build a plan to become {target}"
            if target
            else "Agree where I want to be in two years"
        ]
        goals += [f"Get better at {skill.lower()}" for skill in skills[:2]]
        return goals

    def _agreements(self) -> None:
        agreements = []
        for plan in self.plans:
            if plan.accepted_at is None:
                continue
            rel = plan.relationship
            assert rel is not None
            signed = plan.started_at
            agreements.append(
                Agreement(
                    relationship=rel,
                    goals=self._goals(plan.mentee),
                    cadence="biweekly",
                    meeting_minutes=45,
                    ends_on=rel.ends_on,
                    sessions=rel.sessions_planned,
                    mentee_signed_at=signed,
                    mentor_signed_at=signed
                    or (
                        plan.accepted_at + timedelta(hours=20) if self.rng.random() < 0.5 else None
                    ),
                    updated_at=plan.accepted_at,
                    **TEXTS,
                )
            )
        Agreement.objects.bulk_create(agreements)
        AgreementVersion.objects.bulk_create(
            AgreementVersion(
                agreement=a,
                number=1,
                content=a.content(),
                created_at=a.updated_at,
                mentee_signed_at=a.mentee_signed_at,
                mentor_signed_at=a.mentor_signed_at,
            )
            for a in agreements
        )

    def _events(self, manager: User) -> None:
        events = []
        for plan in self.plans:

            def add(
                action: str,
                before: str,
                after: str,
                at: datetime | None,
                by: Any,
                reason: str = "",
                rel: Any = plan.relationship,
            ) -> None:
                if at is not None:
                    events.append(
                        RelationshipEvent(
                            relationship=rel,
                            action=action,
                            from_status=before,
                            to_status=after,
                            by=by,
                            at=at,
                            reason=reason,
                        )
                    )

            add(
                "request",
                "",
                S.REQUESTED,
                plan.requested_at,
                manager,
                "Matched by the program manager.",
            )
            add("accept", S.REQUESTED, S.ACCEPTED, plan.accepted_at, plan.mentor)
            add("agreement_signed", S.ACCEPTED, S.ACCEPTED, plan.started_at, plan.mentee)
            add("start", S.ACCEPTED, S.ACTIVE, plan.started_at, plan.mentee)
            if plan.status == S.PAUSED and plan.started_at is not None:
                add(
                    "pause",
                    S.ACTIVE,
                    S.PAUSED,
                    max([plan.started_at, *plan.meetings]),
                    plan.mentee,
                    plan.reason,
                )
            if plan.status in (S.COMPLETED, S.ENDED_EARLY):
                action = "complete" if plan.status == S.COMPLETED else "end_early"
                add(action, S.ACTIVE, plan.status, plan.ended_at, plan.mentee, plan.reason)
        RelationshipEvent.objects.bulk_create(events)

    def _write_meetings(self) -> int:
        rows = []
        for plan in self.plans:
            for when in plan.meetings + plan.upcoming:
                held = when < self.now
                rows.append(
                    Meeting(
                        relationship=plan.relationship,
                        organiser=plan.mentor,
                        starts_at=when.replace(minute=0, second=0, microsecond=0),
                        duration_minutes=45,
                        location="Video call",
                        uid=f"{uuid.UUID(int=self.rng.getrandbits(128))}@mentora",
                        mentee_confirmed_at=when - timedelta(days=1) if held else None,
                        mentor_confirmed_at=when - timedelta(days=1) if held else None,
                        created_at=(plan.started_at or when),
                    )
                )
        Meeting.objects.bulk_create(rows)
        return len(rows)

    def _actions(self) -> None:
        items = []
        for plan in self.plans:
            for index, when in enumerate(plan.meetings[:3]):
                done = plan.status in (S.COMPLETED,) or self.rng.random() < 0.7 or index == 0
                items.append(
                    ActionItem(
                        relationship=plan.relationship,
                        text=ACTIONS[(plan.mentee.pk + index) % len(ACTIONS)],
                        owner=plan.mentee,
                        due_on=(when + timedelta(days=10)).date(),
                        status=ActionItem.Status.DONE if done else ActionItem.Status.OPEN,
                        done_at=min(when + timedelta(days=7), self.now) if done else None,
                        created_by=plan.mentor,
                        created_at=when + timedelta(minutes=40),
                    )
                )
        ActionItem.objects.bulk_create(items)

    # ------------------------------------------------------------------ surveys

    def _likert(self, level: float) -> int:
        return max(1, min(5, round(level + self.rng.gauss(0, 0.45))))

    def surveys(self, programs: list[Program]) -> tuple[int, int]:
        invitations: list[SurveyInvitation] = []
        answers: dict[int, dict[str, int]] = {}  # index into invitations → answers
        started = {(p.program.pk, p.mentee.pk): p for p in self.plans if p.started_at}

        def invite(
            program: Program,
            person: User,
            kind: str,
            opens: datetime,
            answer: dict[str, int] | None,
            *,
            relationship: Relationship | None = None,
            role: str = "mentee",
            skills: list[str] | None = None,
            days: int = 28,
        ) -> None:
            closes = opens + timedelta(days=days)
            answered = (
                opens + timedelta(days=self.rng.randint(0, 5), hours=self.rng.randint(1, 9))
                if answer
                else None
            )
            if answered and answered > self.now:
                answered = self.now - timedelta(minutes=30)
            invitations.append(
                SurveyInvitation(
                    program=program,
                    respondent=person,
                    kind=kind,
                    relationship=relationship,
                    role=role,
                    skills=skills or [],
                    opens_at=opens,
                    closes_at=closes,
                    emailed_at=opens,
                    answered_at=answered,
                    created_at=opens,
                )
            )
            if answer:
                answers[len(invitations) - 1] = answer

        def pulse(
            levels: dict[str, float], skills: list[str], skill_level: float
        ) -> dict[str, int]:
            out = {item.key: self._likert(levels[item.measure]) for item in PULSE_ITEMS}
            out.update({skill_key(s): self._likert(skill_level) for s in skills})
            return out

        for program in programs:
            mentees = _enrolled(program, Enrollment.Role.MENTEE) + list(
                Enrollment.objects.filter(
                    program=program,
                    role=Enrollment.Role.MENTEE,
                    status=Enrollment.Status.APPROVED,
                    user__email__in=_login_emails(),
                ).select_related("user")
            )
            for enrollment in mentees:
                person = enrollment.user
                joined = enrollment.decided_at or enrollment.created_at
                plan = started.get((program.pk, person.pk))
                if plan is None and joined < self.now - timedelta(days=56):
                    continue
                skills = self.skills.get(person.pk, [])[:3]
                base = {m: min(max(self.rng.gauss(3.0, 0.55), 1.4), 4.4) for m in EFFECTS}
                skill_base = min(max(self.rng.gauss(2.3, 0.6), 1.0), 4.0)
                is_login = person.email in _login_emails()
                answered = not is_login and self.rng.random() < 0.88
                invite(
                    program,
                    person,
                    K.BASELINE,
                    joined,
                    pulse(base, skills, skill_base) if answered else None,
                    skills=skills,
                    days=56,
                )
                if plan is None or plan.started_at is None:
                    continue
                ends = plan.ended_at if plan.status in (S.COMPLETED, S.ENDED_EARLY) else None
                end_due = plan.started_at + timedelta(weeks=program.duration_weeks)
                if ends and ends < end_due:
                    end_due = ends
                mid_due = plan.started_at + timedelta(weeks=program.duration_weeks // 2)
                share = 1.0 if plan.status in (S.COMPLETED, S.ACTIVE) else 0.35
                growth = {m: e * share + self.rng.gauss(0, 0.45) for m, e in EFFECTS.items()}
                if mid_due < end_due and mid_due <= self.now:
                    mid = {m: base[m] + growth[m] * 0.55 for m in EFFECTS}
                    invite(
                        program,
                        person,
                        K.MIDPOINT,
                        mid_due,
                        pulse(mid, skills, skill_base + 0.35 * share)
                        if self.rng.random() < 0.8
                        else None,
                        skills=skills,
                    )
                if end_due <= self.now:
                    after = {m: base[m] + growth[m] for m in EFFECTS}
                    rate = 0.85 if plan.status == S.COMPLETED else 0.55
                    invite(
                        program,
                        person,
                        K.END,
                        end_due,
                        pulse(after, skills, skill_base + 0.8 * share)
                        if self.rng.random() < rate
                        else None,
                        skills=skills,
                    )
        for plan in self.plans:
            rel = plan.relationship
            if len(plan.meetings) >= 2 and plan.meetings[1] < self.now:
                for role, person in (("mentee", plan.mentee), ("mentor", plan.mentor)):
                    level = self.rng.gauss(4.1 if plan.status != S.ENDED_EARLY else 3.2, 0.5)
                    reply = (
                        {i.key: self._likert(level) for i in QUALITY_ITEMS}
                        if self.rng.random() < 0.75
                        else None
                    )
                    invite(
                        plan.program,
                        person,
                        K.QUALITY,
                        plan.meetings[1] + timedelta(hours=1),
                        reply,
                        relationship=rel,
                        role=role,
                    )
            if plan.ended_at is not None:
                for role, person in (("mentee", plan.mentee), ("mentor", plan.mentor)):
                    level = self.rng.gauss(4.2 if plan.status == S.COMPLETED else 3.0, 0.55)
                    reply = (
                        {i.key: self._likert(level) for i in EXIT_ITEMS}
                        if self.rng.random() < 0.75
                        else None
                    )
                    invite(
                        plan.program,
                        person,
                        K.EXIT,
                        plan.ended_at,
                        reply,
                        relationship=rel,
                        role=role,
                    )
        SurveyInvitation.objects.bulk_create(invitations)
        rows = [
            SurveyAnswer(invitation=invitations[index], item=key, value=value)
            for index, given in answers.items()
            for key, value in given.items()
        ]
        SurveyAnswer.objects.bulk_create(rows)
        return len(invitations), len(rows)


def history_build(*, now: datetime) -> HistorySummary:
    """Add the demo programs' history (call inside the demo build's transaction)."""

    programs = {p.slug: p for p in Program.objects.filter(slug__in=("grow", "lead"))}
    if len(programs) < 2:
        return HistorySummary()
    manager = User.objects.get(email=f"priya.raman@{data.DEMO_DOMAIN}")
    builder = _Builder(now)
    wanted = (
        Profile.skills_wanted.through.objects.filter(  # type: ignore[attr-defined]
            profile__user__enrollments__program__in=list(programs.values())
        )
        .values_list("profile__user_id", "skill__name")
        .order_by("profile__user_id", "skill__name")
        .distinct()
    )
    for user_id, name in wanted:
        builder.skills.setdefault(user_id, []).append(name)
    builder.targets = dict(
        Profile.objects.filter(user__enrollments__program__in=list(programs.values()))
        .exclude(target_role="")
        .values_list("user_id", "target_role")
    )
    builder.grow(programs["grow"])
    builder.lead(programs["lead"])
    relationships, meetings = builder.write_relationships(manager)
    surveys, answers = builder.surveys([programs["grow"], programs["lead"]])
    return HistorySummary(
        relationships=relationships, meetings=meetings, surveys=surveys, answers=answers
    )


def history_delete(*, slugs: tuple[str, ...]) -> None:
    """Remove the demo programs' relationships first (programs protect their relationships)."""
    Relationship.objects.filter(program__slug__in=slugs).delete()
