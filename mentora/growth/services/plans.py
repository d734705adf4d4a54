"""Development plans: skills, goals, milestones and contacts."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db import transaction

from mentora.careers.models import Element
from mentora.growth import permissions as perms
from mentora.growth.gaps import LEVEL_MAX, LEVEL_MIN, default_target_level
from mentora.growth.models import (
    Contact,
    DevelopmentPlan,
    Goal,
    Milestone,
    PlanSkill,
)
from mentora.growth.services.common import (
    clean_text,
    refuse_unless,
    target_skills,
)
from mentora.lib import clock
from mentora.lib.errors import DomainError


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
    refuse_unless(perms.can_change_plan(by, owner), "Only the plan's owner can add skills to it.")
    if not element_ids:
        raise DomainError("Choose at least one skill to add.", field="skills")
    skills = target_skills(owner)
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
            raise DomainError(
                f"{need.name} is already in your plan.", field="skills", code="conflict"
            )
        if element_id not in levels:
            raise DomainError(
                f"Assess your level in {need.name} first, so the plan knows where you start.",
                field="skills",
            )
        start = levels[element_id]
        if start >= LEVEL_MAX:
            raise DomainError(
                f"You rated yourself at the top level in {need.name}.", field="skills"
            )
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
                plan=plan,
                element_id=element_id,
                element_name=need.name,
                importance=need.importance,
                level_needed=need.level_needed,
                start_level=start,
                current_level=start,
                target_level=target,
                created_at=now,
                updated_at=now,
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
    refuse_unless(
        perms.can_change_plan(by, skill.plan.owner), "Only the plan's owner can change it."
    )
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
        skill.note = clean_text(note, field="note", label="Note", required=False)
    skill.updated_at = now
    skill.save()
    _touch(skill.plan, now)
    return skill


@transaction.atomic
def plan_skill_remove(*, skill: PlanSkill, by: Any) -> None:
    """Take a skill out of the plan."""
    refuse_unless(
        perms.can_change_plan(by, skill.plan.owner), "Only the plan's owner can change it."
    )
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


def _goal_values(
    fields: GoalFields, *, plan: DevelopmentPlan, today: date, new: bool
) -> dict[str, Any]:
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
        "outcome": clean_text(fields.outcome, field="outcome", label="The specific outcome"),
        "measure": clean_text(fields.measure, field="measure", label="The measure"),
        "target_on": fields.target_on,
        "relevance": clean_text(
            fields.relevance, field="relevance", label="Why it matters", required=False
        ),
        "strategies": clean_text(
            fields.strategies, field="strategies", label="Strategies", required=False, limit=3000
        ),
        "status": fields.status,
        "element_id": fields.element_id,
        "element_name": element_name,
    }


@transaction.atomic
def goal_create(*, owner: Any, by: Any, fields: GoalFields, now: datetime | None = None) -> Goal:
    """Add a SMART goal to the person's plan."""
    now = now or clock.now()
    refuse_unless(perms.can_change_plan(by, owner), "Only the plan's owner can add goals.")
    plan = plan_get_or_create(owner=owner, now=now)
    values = _goal_values(fields, plan=plan, today=now.date(), new=True)
    goal = Goal.objects.create(plan=plan, created_at=now, updated_at=now, **values)
    _touch(plan, now)
    return goal


@transaction.atomic
def goal_update(*, goal: Goal, by: Any, fields: GoalFields, now: datetime | None = None) -> Goal:
    """Change a goal (including its status)."""
    now = now or clock.now()
    refuse_unless(
        perms.can_change_plan(by, goal.plan.owner), "Only the plan's owner can change it."
    )
    goal = Goal.objects.select_for_update().select_related("plan").get(pk=goal.pk)
    for name, value in _goal_values(fields, plan=goal.plan, today=now.date(), new=False).items():
        setattr(goal, name, value)
    goal.updated_at = now
    goal.save()
    _touch(goal.plan, now)
    return goal


@transaction.atomic
def milestone_add(
    *,
    goal: Goal,
    by: Any,
    text: str,
    due_on: date | None = None,
    now: datetime | None = None,
) -> Milestone:
    """Add a step towards a goal."""
    now = now or clock.now()
    refuse_unless(
        perms.can_change_plan(by, goal.plan.owner), "Only the plan's owner can change it."
    )
    if due_on is not None and due_on > goal.target_on:
        raise DomainError(
            f"The milestone's date must be on or before the goal's target date "
            f"({goal.target_on:%Y-%m-%d}).",
            field="due_on",
        )
    milestone = Milestone.objects.create(
        goal=goal, text=clean_text(text, field="text", label="The milestone"), due_on=due_on
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
    refuse_unless(perms.can_change_plan(by, owner), "Only the plan's owner can change it.")
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
    refuse_unless(perms.can_change_plan(by, owner), "Only the plan's owner can change it.")
    if person is not None and person.pk == owner.pk:
        raise DomainError("Add someone other than yourself.", field="person")
    plan = plan_get_or_create(owner=owner, now=now)
    if not name and person is not None:
        name = person.full_name
    contact = Contact.objects.create(
        plan=plan,
        person=person,
        name=clean_text(name, field="name", label="Who", limit=200),
        where=clean_text(where, field="where", label="Where", required=False, limit=200),
        why=clean_text(why, field="why", label="Why", required=False),
        created_at=now,
    )
    _touch(plan, now)
    return contact


@transaction.atomic
def contact_set_status(*, contact: Contact, by: Any, status: str) -> Contact:
    """Mark a contact as to meet, introduced or met."""
    refuse_unless(
        perms.can_change_plan(by, contact.plan.owner), "Only the plan's owner can change it."
    )
    if status not in Contact.Status.values:
        raise DomainError(
            f"Status must be one of: {', '.join(Contact.Status.values)}.", field="status"
        )
    contact.status = status
    contact.save(update_fields=["status"])
    return contact


# Introductions -------------------------------------------------------------------------------
