"""Writes for growth: roles, assessments, plans, introductions, feedback and situations.

Every service checks who may do it with ``mentora.growth.permissions`` and refuses bad input
with a DomainError naming the field; emails go through the notifications outbox in the same
transaction as the change they report.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.urls import reverse

from mentora.careers.models import Element, Occupation
from mentora.growth import permissions as perms
from mentora.growth.gaps import LEVEL_MAX, LEVEL_MIN, default_target_level
from mentora.growth.models import (
    Assessment,
    CareerRole,
    Contact,
    DevelopmentPlan,
    Feedback,
    FeedbackItem,
    FeedbackRequest,
    Goal,
    Introduction,
    Milestone,
    PlanSkill,
    Situation,
    SkillRating,
)
from mentora.growth.selectors import SkillSet, skill_set
from mentora.lib import clock
from mentora.lib.errors import DomainError
from mentora.notifications.links import absolute
from mentora.notifications.messages import notify
from mentora.notifications.preferences import send_after

MAX_PAST_ROLES = 10
MAX_TEXT = 300


def _notify(*, to: Any, kind: str, context: dict[str, Any], url: str, now: datetime) -> None:
    notify(
        to=to,
        kind=kind,
        context={**context, "url": absolute(url)},
        available_at=send_after(user=to, now=now),
        now=now,
    )


def _text(value: str | None, *, field: str, label: str, required: bool = True,
          limit: int = MAX_TEXT) -> str:
    text = " ".join((value or "").split()) if limit <= MAX_TEXT else (value or "").strip()
    if required and not text:
        raise DomainError(f"{label} is required.", field=field)
    if len(text) > limit:
        raise DomainError(f"{label} is too long (at most {limit} characters).", field=field)
    return text


def _occupation(code: str, *, field: str) -> Occupation:
    occupation = Occupation.objects.filter(code=code.strip()).only("code", "title").first()
    if occupation is None:
        raise DomainError(
            f"No occupation with O*NET-SOC code “{code}” is loaded; search by job title to "
            "find one.",
            field=field,
        )
    return occupation


def _forbid(allowed: bool, message: str) -> None:
    if not allowed:
        raise DomainError(message, code="forbidden")


# Roles ---------------------------------------------------------------------------------------


@transaction.atomic
def target_role_set(*, user: Any, by: Any, code: str | None, now: datetime | None = None) -> None:
    """Choose (or clear, with None) the person's target occupation.

    It is stored on the profile (``target_occupation_code``); the profile's free-text target
    role is filled with the occupation's title when it was empty.
    """
    from mentora.people.models import Profile

    now = now or clock.now()
    _forbid(perms.can_change_plan(by, user), "You can only choose your own target role.")
    profile, _ = Profile.objects.select_for_update().get_or_create(user=user)
    if not code:
        profile.target_occupation_code = ""
        profile.save(update_fields=["target_occupation_code", "updated_at"])
        return
    occupation = _occupation(code, field="target")
    profile.target_occupation_code = occupation.code
    if not profile.target_role:
        profile.target_role = occupation.title[:200]
    profile.save(update_fields=["target_occupation_code", "target_role", "updated_at"])
    DevelopmentPlan.objects.filter(owner=user).update(
        occupation_code=occupation.code, occupation_title=occupation.title, updated_at=now
    )


@transaction.atomic
def career_roles_set(
    *,
    user: Any,
    by: Any,
    current: str | None,
    target: str | None,
    past: Sequence[str],
    now: datetime | None = None,
) -> dict[str, Any]:
    """Set the person's current, target and past occupations by O*NET-SOC code (all at once)."""
    _forbid(perms.can_change_plan(by, user), "You can only choose your own roles.")
    codes = list(dict.fromkeys(c.strip() for c in past if c and c.strip()))
    if len(codes) > MAX_PAST_ROLES:
        raise DomainError(f"List at most {MAX_PAST_ROLES} past roles.", field="past")
    current_occupation = _occupation(current, field="current") if current else None
    past_occupations = [_occupation(code, field="past") for code in codes]
    target_role_set(user=user, by=by, code=target, now=now)
    CareerRole.objects.filter(user=user).delete()
    rows = []
    if current_occupation:
        rows.append(
            CareerRole(
                user=user,
                kind=CareerRole.Kind.CURRENT,
                occupation_code=current_occupation.code,
                title=current_occupation.title,
            )
        )
    rows += [
        CareerRole(
            user=user, kind=CareerRole.Kind.PAST, occupation_code=o.code, title=o.title,
            position=i,
        )
        for i, o in enumerate(past_occupations)
    ]
    CareerRole.objects.bulk_create(rows)
    return {"current": current_occupation, "target": target, "past": past_occupations}


# Assessments ---------------------------------------------------------------------------------


def _target_skills(subject: Any) -> SkillSet:
    from mentora.growth.selectors import target_role

    target = target_role(subject)
    if target is None:
        raise DomainError(
            f"{subject} has not chosen a target role yet; choose one first.", field="target"
        )
    skills = skill_set(target.code)
    if skills is None:
        raise DomainError(
            f"O*NET has no skill ratings for {target.title} or its related occupations, so "
            "it cannot be assessed skill by skill. Set goals in the plan instead.",
            field="target",
        )
    return skills


@transaction.atomic
def assessment_save(
    *, subject: Any, by: Any, levels: Mapping[str, int], now: datetime | None = None
) -> Assessment:
    """Save ``by``'s levels (0–7) for the top skills of ``subject``'s target role.

    ``by`` is the person themselves or their mentor or coach. Skills left out stay unrated;
    saving again replaces the earlier levels.
    """
    now = now or clock.now()
    _forbid(
        perms.can_assess(by, subject),
        "Only the person and their mentor or coach can assess their skills.",
    )
    skills = _target_skills(subject)
    if not levels:
        raise DomainError("Rate at least one skill.", field="levels")
    ratings = []
    for element_id, level in levels.items():
        need = skills.get(element_id)
        if need is None:
            raise DomainError(
                f"“{element_id}” is not one of the skills assessed for {skills.title}.",
                field=f"levels.{element_id}",
            )
        if isinstance(level, bool) or not isinstance(level, int) or not (
            LEVEL_MIN <= level <= LEVEL_MAX
        ):
            raise DomainError(
                f"{need.name}: the level must be a whole number from {LEVEL_MIN} to "
                f"{LEVEL_MAX}, not {level!r}.",
                field=f"levels.{element_id}",
            )
        ratings.append((need, level))
    assessment, created = Assessment.objects.select_for_update().get_or_create(
        subject=subject,
        assessor=by,
        occupation_code=skills.code,
        defaults={
            "occupation_title": skills.title,
            "rated_code": skills.rated_code,
            "rated_title": skills.rated_title,
            "created_at": now,
            "updated_at": now,
        },
    )
    if not created:
        assessment.rated_code, assessment.rated_title = skills.rated_code, skills.rated_title
        assessment.updated_at = now
        assessment.save(update_fields=["rated_code", "rated_title", "updated_at"])
        assessment.ratings.all().delete()
    SkillRating.objects.bulk_create(
        SkillRating(
            assessment=assessment,
            element_id=need.element_id,
            element_name=need.name,
            level=level,
            importance=need.importance,
            level_needed=need.level_needed,
        )
        for need, level in ratings
    )
    if by.pk != subject.pk and created:
        _notify(
            to=subject,
            kind="growth.assessment",
            context={"by": by, "title": skills.title},
            url=reverse("growth:gap"),
            now=now,
        )
    return assessment


# Plan ----------------------------------------------------------------------------------------


def plan_get_or_create(*, owner: Any, now: datetime | None = None) -> DevelopmentPlan:
    """The person's development plan, created (for their target role) on first use."""
    from mentora.growth.selectors import target_role

    now = now or clock.now()
    plan = DevelopmentPlan.objects.filter(owner=owner).first()
    if plan is None:
        target = target_role(owner)
        plan, _ = DevelopmentPlan.objects.get_or_create(
            owner=owner,
            defaults={
                "occupation_code": target.code if target else "",
                "occupation_title": target.title if target else "",
                "created_at": now,
                "updated_at": now,
            },
        )
    return plan


def _touch(plan: DevelopmentPlan, now: datetime) -> None:
    DevelopmentPlan.objects.filter(pk=plan.pk).update(updated_at=now)


@transaction.atomic
def plan_skills_add(
    *,
    owner: Any,
    by: Any,
    element_ids: Sequence[str],
    target_levels: Mapping[str, int] | None = None,
    now: datetime | None = None,
) -> list[PlanSkill]:
    """Add skills from the gap to the plan, starting at the person's own assessed level and
    aiming (unless given) at the level the role needs."""
    from mentora.growth.selectors import assessments_for

    now = now or clock.now()
    _forbid(perms.can_change_plan(by, owner), "Only the plan's owner can add skills to it.")
    if not element_ids:
        raise DomainError("Choose at least one skill to add.", field="skills")
    skills = _target_skills(owner)
    own = next((a for a in assessments_for(owner, skills.code) if a.is_self), None)
    levels = {r.element_id: r.level for r in own.ratings.all()} if own else {}
    plan = plan_get_or_create(owner=owner, now=now)
    existing = set(plan.skills.values_list("element_id", flat=True))
    added = []
    for element_id in dict.fromkeys(element_ids):
        need = skills.get(element_id)
        if need is None:
            raise DomainError(
                f"“{element_id}” is not one of the skills of {skills.title}.", field="skills"
            )
        if element_id in existing:
            raise DomainError(f"{need.name} is already in your plan.", field="skills",
                              code="conflict")
        if element_id not in levels:
            raise DomainError(
                f"Assess your level in {need.name} first, so the plan knows where you start.",
                field="skills",
            )
        start = levels[element_id]
        if start >= LEVEL_MAX:
            raise DomainError(f"You rated yourself at the top level in {need.name}.",
                              field="skills")
        target = (target_levels or {}).get(element_id) or default_target_level(
            need.level_needed, start
        )
        if not start < target <= LEVEL_MAX:
            raise DomainError(
                f"{need.name}: the target level must be above your level ({start}) and at "
                f"most {LEVEL_MAX}.",
                field="target_level",
            )
        added.append(
            PlanSkill(
                plan=plan, element_id=element_id, element_name=need.name,
                importance=need.importance, level_needed=need.level_needed,
                start_level=start, current_level=start, target_level=target,
                created_at=now, updated_at=now,
            )
        )
    PlanSkill.objects.bulk_create(added)
    _touch(plan, now)
    return list(plan.skills.filter(element_id__in=[s.element_id for s in added]))


@transaction.atomic
def plan_skill_update(
    *,
    skill: PlanSkill,
    by: Any,
    current_level: int | None = None,
    target_level: int | None = None,
    note: str | None = None,
    now: datetime | None = None,
) -> PlanSkill:
    """Record progress on a skill of the plan (its level now), or change its target."""
    now = now or clock.now()
    _forbid(perms.can_change_plan(by, skill.plan.owner), "Only the plan's owner can change it.")
    skill = PlanSkill.objects.select_for_update().get(pk=skill.pk)
    if current_level is not None:
        if not LEVEL_MIN <= current_level <= LEVEL_MAX:
            raise DomainError("The level now must be from 0 to 7.", field="current_level")
        skill.current_level = current_level
    if target_level is not None:
        if not skill.start_level < target_level <= LEVEL_MAX:
            raise DomainError(
                f"The target level must be above the starting level ({skill.start_level}) "
                "and at most 7.",
                field="target_level",
            )
        skill.target_level = target_level
    if note is not None:
        skill.note = _text(note, field="note", label="Note", required=False)
    skill.updated_at = now
    skill.save()
    _touch(skill.plan, now)
    return skill


@transaction.atomic
def plan_skill_remove(*, skill: PlanSkill, by: Any) -> None:
    """Take a skill out of the plan."""
    _forbid(perms.can_change_plan(by, skill.plan.owner), "Only the plan's owner can change it.")
    skill.delete()


@dataclass(frozen=True)
class GoalFields:
    """The SMART fields of a goal as typed by a person."""

    outcome: str
    measure: str
    target_on: date
    relevance: str = ""
    strategies: str = ""
    element_id: str = ""
    status: str = Goal.Status.NOT_STARTED


def _goal_values(fields: GoalFields, *, plan: DevelopmentPlan, today: date,
                 new: bool) -> dict[str, Any]:
    if not isinstance(fields.target_on, date):
        raise DomainError("Give the target date as YYYY-MM-DD.", field="target_on")
    if new and fields.target_on < today:
        raise DomainError("The target date must be today or later.", field="target_on")
    if fields.status not in Goal.Status.values:
        raise DomainError(
            f"Status must be one of: {', '.join(Goal.Status.values)}.", field="status"
        )
    element_name = ""
    if fields.element_id:
        element_name = (
            plan.skills.filter(element_id=fields.element_id)
            .values_list("element_name", flat=True)
            .first()
            or Element.objects.filter(id=fields.element_id).values_list("name", flat=True).first()
            or ""
        )
        if not element_name:
            raise DomainError(f"No skill with O*NET id “{fields.element_id}”.", field="element_id")
    return {
        "outcome": _text(fields.outcome, field="outcome", label="The specific outcome"),
        "measure": _text(fields.measure, field="measure", label="The measure"),
        "target_on": fields.target_on,
        "relevance": _text(fields.relevance, field="relevance", label="Why it matters",
                           required=False),
        "strategies": _text(fields.strategies, field="strategies", label="Strategies",
                            required=False, limit=3000),
        "status": fields.status,
        "element_id": fields.element_id,
        "element_name": element_name,
    }


@transaction.atomic
def goal_create(
    *, owner: Any, by: Any, fields: GoalFields, now: datetime | None = None
) -> Goal:
    """Add a SMART goal to the person's plan."""
    now = now or clock.now()
    _forbid(perms.can_change_plan(by, owner), "Only the plan's owner can add goals.")
    plan = plan_get_or_create(owner=owner, now=now)
    values = _goal_values(fields, plan=plan, today=now.date(), new=True)
    goal = Goal.objects.create(plan=plan, created_at=now, updated_at=now, **values)
    _touch(plan, now)
    return goal


@transaction.atomic
def goal_update(
    *, goal: Goal, by: Any, fields: GoalFields, now: datetime | None = None
) -> Goal:
    """Change a goal (including its status)."""
    now = now or clock.now()
    _forbid(perms.can_change_plan(by, goal.plan.owner), "Only the plan's owner can change it.")
    goal = Goal.objects.select_for_update().select_related("plan").get(pk=goal.pk)
    for name, value in _goal_values(fields, plan=goal.plan, today=now.date(), new=False).items():
        setattr(goal, name, value)
    goal.updated_at = now
    goal.save()
    _touch(goal.plan, now)
    return goal


@transaction.atomic
def milestone_add(
    *, goal: Goal, by: Any, text: str, due_on: date | None = None,
    now: datetime | None = None,
) -> Milestone:
    """Add a step towards a goal."""
    now = now or clock.now()
    _forbid(perms.can_change_plan(by, goal.plan.owner), "Only the plan's owner can change it.")
    if due_on is not None and due_on > goal.target_on:
        raise DomainError(
            f"The milestone's date must be on or before the goal's target date "
            f"({goal.target_on:%Y-%m-%d}).",
            field="due_on",
        )
    milestone = Milestone.objects.create(
        goal=goal, text=_text(text, field="text", label="The milestone"), due_on=due_on
    )
    _touch(goal.plan, now)
    return milestone


@transaction.atomic
def milestone_set_done(
    *, milestone: Milestone, by: Any, done: bool, now: datetime | None = None
) -> Milestone:
    """Tick a milestone off (or reopen it)."""
    now = now or clock.now()
    owner = milestone.goal.plan.owner
    _forbid(perms.can_change_plan(by, owner), "Only the plan's owner can change it.")
    milestone.done_at = now if done else None
    milestone.save(update_fields=["done_at"])
    _touch(milestone.goal.plan, now)
    return milestone


@transaction.atomic
def contact_add(
    *,
    owner: Any,
    by: Any,
    name: str,
    where: str = "",
    why: str = "",
    person: Any = None,
    now: datetime | None = None,
) -> Contact:
    """Add a relationship to build: a colleague (``person``) or someone in the field."""
    now = now or clock.now()
    _forbid(perms.can_change_plan(by, owner), "Only the plan's owner can change it.")
    if person is not None and person.pk == owner.pk:
        raise DomainError("Add someone other than yourself.", field="person")
    plan = plan_get_or_create(owner=owner, now=now)
    if not name and person is not None:
        name = person.full_name
    contact = Contact.objects.create(
        plan=plan,
        person=person,
        name=_text(name, field="name", label="Who", limit=200),
        where=_text(where, field="where", label="Where", required=False, limit=200),
        why=_text(why, field="why", label="Why", required=False),
        created_at=now,
    )
    _touch(plan, now)
    return contact


@transaction.atomic
def contact_set_status(*, contact: Contact, by: Any, status: str) -> Contact:
    """Mark a contact as to meet, introduced or met."""
    _forbid(perms.can_change_plan(by, contact.plan.owner), "Only the plan's owner can change it.")
    if status not in Contact.Status.values:
        raise DomainError(
            f"Status must be one of: {', '.join(Contact.Status.values)}.", field="status"
        )
    contact.status = status
    contact.save(update_fields=["status"])
    return contact


# Introductions -------------------------------------------------------------------------------


@transaction.atomic
def introduction_propose(
    *, introducer: Any, mentee: Any, contact: Any, reason: str, now: datetime | None = None
) -> Introduction:
    """A mentor or coach proposes to introduce their mentee to someone; both are asked."""
    now = now or clock.now()
    _forbid(
        perms.can_introduce(introducer, mentee),
        "Only the person's mentor or coach can introduce them to someone.",
    )
    if contact is None or not contact.is_active:
        raise DomainError("Choose someone with an active account to introduce.", field="contact")
    if contact.pk in (mentee.pk, introducer.pk):
        raise DomainError(
            "Introduce your mentee to someone other than themselves or you.", field="contact"
        )
    reason = _text(reason, field="reason", label="Why they should meet", limit=2000)
    if Introduction.objects.filter(
        mentee=mentee, contact=contact, status=Introduction.Status.PROPOSED
    ).exists():
        raise DomainError(
            f"An introduction of {mentee} to {contact} is already waiting for answers.",
            field="contact",
            code="conflict",
        )
    try:
        with transaction.atomic():
            intro = Introduction.objects.create(
                introducer=introducer, mentee=mentee, contact=contact, reason=reason,
                created_at=now,
            )
    except IntegrityError as exc:
        raise DomainError("That introduction already exists.", field="contact",
                          code="conflict") from exc
    url = reverse("growth:introduction", args=[intro.pk])
    for person, other in ((mentee, contact), (contact, mentee)):
        _notify(
            to=person,
            kind="growth.introduction_proposed",
            context={"introducer": introducer, "other": other, "reason": reason},
            url=url,
            now=now,
        )
    return intro


@transaction.atomic
def introduction_answer(
    *, introduction: Introduction, by: Any, accept: bool, now: datetime | None = None
) -> Introduction:
    """One of the two people accepts or declines; when both accept, they are connected and
    the contact is added to the mentee's plan."""
    now = now or clock.now()
    intro = (
        Introduction.objects.select_for_update(of=("self",))
        .select_related("introducer", "mentee", "contact")
        .get(pk=introduction.pk)
    )
    _forbid(
        perms.can_answer_introduction(by, intro),
        "Only the two people being introduced can answer.",
    )
    if intro.status != Introduction.Status.PROPOSED:
        raise DomainError(
            f"This introduction is already {intro.get_status_display().lower()}.",
            code="conflict",
        )
    url = reverse("growth:introduction", args=[intro.pk])
    if not accept:
        intro.status, intro.declined_by, intro.closed_at = (
            Introduction.Status.DECLINED, by, now
        )
        intro.save()
        _notify(
            to=intro.introducer,
            kind="growth.introduction_declined",
            context={"by": by, "mentee": intro.mentee, "contact": intro.contact},
            url=url,
            now=now,
        )
        return intro
    if by.pk == intro.mentee_id:
        intro.mentee_accepted_at = intro.mentee_accepted_at or now
    else:
        intro.contact_accepted_at = intro.contact_accepted_at or now
    if intro.mentee_accepted_at and intro.contact_accepted_at:
        intro.status, intro.closed_at = Introduction.Status.CONNECTED, now
        plan = plan_get_or_create(owner=intro.mentee, now=now)
        Contact.objects.create(
            plan=plan,
            person=intro.contact,
            name=intro.contact.full_name,
            why=f"Introduced by {intro.introducer}: {intro.reason}"[:MAX_TEXT],
            status=Contact.Status.INTRODUCED,
            created_at=now,
        )
        for person, other in ((intro.mentee, intro.contact), (intro.contact, intro.mentee)):
            _notify(
                to=person,
                kind="growth.introduction_connected",
                context={"introducer": intro.introducer, "other": other},
                url=url,
                now=now,
            )
        _notify(
            to=intro.introducer,
            kind="growth.introduction_connected_introducer",
            context={"mentee": intro.mentee, "contact": intro.contact},
            url=url,
            now=now,
        )
    intro.save()
    return intro


@transaction.atomic
def introduction_withdraw(
    *, introduction: Introduction, by: Any, now: datetime | None = None
) -> Introduction:
    """The introducer withdraws an introduction nobody has completed yet."""
    now = now or clock.now()
    _forbid(by.pk == introduction.introducer_id, "Only the introducer can withdraw it.")
    if introduction.status != Introduction.Status.PROPOSED:
        raise DomainError("Only an introduction still waiting for answers can be withdrawn.",
                          code="conflict")
    introduction.status, introduction.closed_at = Introduction.Status.WITHDRAWN, now
    introduction.save(update_fields=["status", "closed_at"])
    return introduction


# Feedback ------------------------------------------------------------------------------------


@transaction.atomic
def feedback_request_create(
    *, requester: Any, giver: Any, message: str = "", now: datetime | None = None
) -> FeedbackRequest:
    """Ask a mentor, coach or colleague for feedback; they are emailed."""
    now = now or clock.now()
    if not perms._authed(requester):
        raise DomainError("Sign in to ask for feedback.", code="forbidden")
    if giver is None or not giver.is_active:
        raise DomainError("Choose someone with an active account to ask.", field="giver")
    if giver.pk == requester.pk:
        raise DomainError("Ask someone other than yourself.", field="giver")
    if FeedbackRequest.objects.filter(
        requester=requester, giver=giver, status=FeedbackRequest.Status.OPEN
    ).exists():
        raise DomainError(f"You already asked {giver}; wait for the answer.", field="giver",
                          code="conflict")
    request = FeedbackRequest.objects.create(
        requester=requester,
        giver=giver,
        message=_text(message, field="message", label="Message", required=False, limit=2000),
        created_at=now,
    )
    _notify(
        to=giver,
        kind="growth.feedback_request",
        context={"requester": requester, "message": request.message.strip()},
        url=reverse("growth:feedback_give", args=[requester.pk]) + f"?request={request.pk}",
        now=now,
    )
    return request


@transaction.atomic
def feedback_request_decline(
    *, request: FeedbackRequest, by: Any, now: datetime | None = None
) -> FeedbackRequest:
    """The person asked declines (or the asker withdraws) an open request."""
    now = now or clock.now()
    _forbid(perms.can_view_feedback_request(by, request), "This request is not yours.")
    if request.status != FeedbackRequest.Status.OPEN:
        raise DomainError("This request is already closed.", code="conflict")
    request.status, request.answered_at = FeedbackRequest.Status.DECLINED, now
    request.save(update_fields=["status", "answered_at"])
    return request


@dataclass(frozen=True)
class ItemFields:
    """One strength or area for improvement as typed by the giver."""

    kind: str
    observation: str
    example: str
    element_id: str = ""
    skill: str = ""
    goal_id: int | None = None


def _item(fields: ItemFields, *, index: int, recipient: Any) -> FeedbackItem:
    prefix = f"items.{index}"
    if fields.kind not in FeedbackItem.Kind.values:
        raise DomainError(
            f"Item {index + 1}: kind must be “strength” or “improvement”.", field=f"{prefix}.kind"
        )
    element_name, goal = "", None
    if fields.goal_id is not None:
        goal = Goal.objects.filter(pk=fields.goal_id, plan__owner=recipient).first()
        if goal is None:
            raise DomainError(
                f"Item {index + 1}: {recipient} has no goal with id {fields.goal_id}.",
                field=f"{prefix}.goal_id",
            )
    if fields.element_id:
        element_name = (
            Element.objects.filter(id=fields.element_id).values_list("name", flat=True).first()
            or ""
        )
        if not element_name:
            raise DomainError(
                f"Item {index + 1}: no skill with O*NET id “{fields.element_id}”.",
                field=f"{prefix}.element_id",
            )
    elif fields.skill:
        element_name = _text(fields.skill, field=f"{prefix}.skill", label="The skill", limit=200)
    if not element_name and goal is None:
        raise DomainError(
            f"Item {index + 1}: tie it to a skill or a goal.", field=f"{prefix}.skill"
        )
    return FeedbackItem(
        kind=fields.kind,
        element_id=fields.element_id,
        element_name=element_name,
        goal=goal,
        goal_outcome=goal.outcome if goal else "",
        observation=_text(fields.observation, field=f"{prefix}.observation",
                          label=f"Item {index + 1}: what you observed", limit=4000),
        example=_text(fields.example, field=f"{prefix}.example",
                      label=f"Item {index + 1}: an example", limit=4000),
    )


@transaction.atomic
def feedback_give(
    *,
    giver: Any,
    recipient: Any,
    items: Sequence[ItemFields],
    visibility: str = Feedback.Visibility.RECIPIENT,
    request: FeedbackRequest | None = None,
    now: datetime | None = None,
) -> Feedback:
    """Give structured feedback: strengths and areas for improvement, each tied to a skill or
    goal with an example. Answers ``request`` when given; the recipient is emailed."""
    now = now or clock.now()
    if request is not None:
        request = FeedbackRequest.objects.select_for_update().get(pk=request.pk)
    _forbid(
        perms.can_give_feedback(giver, recipient, request),
        "You can give feedback to the people you mentor or coach, and to anyone who asked you.",
    )
    if visibility not in Feedback.Visibility.values:
        raise DomainError(
            f"Visibility must be one of: {', '.join(Feedback.Visibility.values)}.",
            field="visibility",
        )
    if not items:
        raise DomainError("Add at least one strength or area for improvement.", field="items")
    rows = [_item(fields, index=i, recipient=recipient) for i, fields in enumerate(items)]
    feedback = Feedback.objects.create(
        giver=giver, recipient=recipient, visibility=visibility, request=request, created_at=now
    )
    for row in rows:
        row.feedback = feedback
    FeedbackItem.objects.bulk_create(rows)
    if request is not None:
        request.status, request.answered_at = FeedbackRequest.Status.ANSWERED, now
        request.save(update_fields=["status", "answered_at"])
    _notify(
        to=recipient,
        kind="growth.feedback_received",
        context={"giver": giver, "points": len(rows)},
        url=reverse("growth:feedback"),
        now=now,
    )
    return feedback


# Situations ----------------------------------------------------------------------------------

SITUATION_FIELDS = ("title", "situation", "options", "decision", "reflection")


def _situation_values(data: Mapping[str, str]) -> dict[str, str]:
    unknown = sorted(set(data) - set(SITUATION_FIELDS))
    if unknown:
        raise DomainError(f"Unknown field: {', '.join(unknown)}.", field=unknown[0])
    values = {}
    for name, value in data.items():
        if name == "title":
            values[name] = _text(value, field="title", label="The title", limit=200)
        else:
            values[name] = _text(value, field=name, label=name.capitalize(),
                                 required=name == "situation", limit=10000)
    return values


@transaction.atomic
def situation_create(
    *, owner: Any, by: Any, data: Mapping[str, str], now: datetime | None = None
) -> Situation:
    """Write down a challenging situation (private to its owner)."""
    now = now or clock.now()
    _forbid(perms.can_change_plan(by, owner), "You can only write your own situations.")
    values = _situation_values(data)
    for required in ("title", "situation"):
        if not values.get(required):
            raise DomainError(f"The {required} is required.", field=required)
    return Situation.objects.create(owner=owner, created_at=now, updated_at=now, **values)


@transaction.atomic
def situation_update(
    *, situation: Situation, by: Any, data: Mapping[str, str], now: datetime | None = None
) -> Situation:
    """Change a situation: add the options, the decision, the reflection."""
    now = now or clock.now()
    _forbid(perms.can_change_situation(by, situation), "Only its author can change it.")
    for name, value in _situation_values(data).items():
        setattr(situation, name, value)
    situation.updated_at = now
    situation.save()
    return situation


@transaction.atomic
def situation_share(
    *, situation: Situation, by: Any, with_user: Any, now: datetime | None = None
) -> Situation:
    """Share a situation with one's coach or mentor, or stop sharing it (``with_user`` None)."""
    now = now or clock.now()
    _forbid(perms.can_change_situation(by, situation), "Only its author can share it.")
    if with_user is not None and not perms.supports(with_user, situation.owner):
        raise DomainError(
            "Share it only with your coach or mentor of an ongoing relationship.",
            field="shared_with",
        )
    situation.shared_with = with_user
    situation.updated_at = now
    situation.save(update_fields=["shared_with", "updated_at"])
    if with_user is not None:
        _notify(
            to=with_user,
            kind="growth.situation_shared",
            context={"owner": situation.owner, "title": situation.title},
            url=reverse("growth:situation", args=[situation.pk]),
            now=now,
        )
    return situation
