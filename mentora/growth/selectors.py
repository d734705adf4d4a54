"""Reads for growth: the skills a target role is assessed on, the gap, plans, timelines."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, QuerySet

from mentora.accounts.models import User
from mentora.careers.mapping import RoleMapping, suggest
from mentora.careers.models import Element, LevelAnchor, Occupation, OccupationRating
from mentora.careers.models import RelatedOccupation as Related
from mentora.growth import permissions as perms
from mentora.growth.gaps import LEVEL_MAX, LEVEL_MIN, GapRow, gap_rows
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
)
from mentora.people.models import Profile

TOP_SKILLS = 10
# A related occupation lends its ratings only if O*NET rated enough of its skills.
MIN_BORROWED_SKILLS = 5


@dataclass(frozen=True)
class LevelChoice:
    """One point of the 0–7 level scale for one skill, with what it looks like."""

    value: int
    anchor: str
    """O*NET's example of work at this level, when there is one at this value."""


@dataclass(frozen=True)
class SkillNeed:
    """A top skill of the role: how important it is, the level needed, the scale's anchors."""

    element_id: str
    name: str
    description: str
    importance: float
    level_needed: float
    scale: tuple[LevelChoice, ...]

    @property
    def anchors(self) -> list[LevelChoice]:
        return [choice for choice in self.scale if choice.anchor]

    @property
    def as_need(self) -> tuple[str, str, float, float]:
        return (self.element_id, self.name, self.importance, self.level_needed)


@dataclass(frozen=True)
class SkillSet:
    """The skills a target role is assessed on, and where O*NET's ratings for them come from."""

    code: str
    title: str
    rated_code: str
    rated_title: str
    skills: list[SkillNeed]

    @property
    def borrowed(self) -> bool:
        """True when the target has no ratings and a related occupation's are used."""
        return self.rated_code != self.code

    def get(self, element_id: str) -> SkillNeed | None:
        return next((s for s in self.skills if s.element_id == element_id), None)


@dataclass(frozen=True)
class GapReport:
    """A person's gap for their target role, with their own and their supporters' views."""

    skill_set: SkillSet
    rows: list[GapRow]
    own: Assessment | None
    others: list[Assessment]

    @property
    def differences(self) -> list[GapRow]:
        return [row for row in self.rows if row.differs]

    @property
    def rated(self) -> bool:
        return self.own is not None


@dataclass(frozen=True)
class TargetRole:
    """A person's target occupation as stored on their profile, resolved against the data."""

    code: str
    title: str
    loaded: bool
    """False when the code is not (or no longer) in the loaded O*NET release."""


def _scale(anchors: list[LevelAnchor]) -> tuple[LevelChoice, ...]:
    by_value = {round(a.value): a.text for a in anchors if float(a.value).is_integer()}
    return tuple(LevelChoice(v, by_value.get(v, "")) for v in range(LEVEL_MIN, LEVEL_MAX + 1))


def _top_skill_ratings(codes: list[str]) -> dict[str, list[OccupationRating]]:
    rows = (
        OccupationRating.objects.reliable()
        .filter(
            occupation_id__in=codes, element__kind=Element.Kind.SKILL, level__isnull=False
        )
        .select_related("element")
        .order_by("-importance", "-level", "element_id")
    )
    found: dict[str, list[OccupationRating]] = {}
    for rating in rows:
        found.setdefault(rating.occupation_id, []).append(rating)
    return found


def skill_set(code: str) -> SkillSet | None:
    """The top skills to assess for an occupation; when O*NET has not rated it, those of the
    most closely related occupation that is rated. None when neither exists."""
    occupation = Occupation.objects.filter(code=code).only("code", "title").first()
    if occupation is None:
        return None
    ratings = _top_skill_ratings([code]).get(code, [])
    rated = occupation
    if not ratings:
        links = list(
            Related.objects.filter(from_occupation=occupation)
            .select_related("to_occupation")
            .order_by("rank")
        )
        by_code = _top_skill_ratings([link.to_occupation_id for link in links])
        for link in links:
            candidate = by_code.get(link.to_occupation_id, [])
            if len(candidate) >= MIN_BORROWED_SKILLS:
                ratings, rated = candidate, link.to_occupation
                break
    if not ratings:
        return None
    top = ratings[:TOP_SKILLS]
    anchors: dict[str, list[LevelAnchor]] = {}
    for anchor in LevelAnchor.objects.filter(element_id__in=[r.element_id for r in top]):
        anchors.setdefault(anchor.element_id, []).append(anchor)
    return SkillSet(
        code=occupation.code,
        title=occupation.title,
        rated_code=rated.code,
        rated_title=rated.title,
        skills=[
            SkillNeed(
                element_id=r.element_id,
                name=r.element.name,
                description=r.element.description,
                importance=r.importance or 0.0,
                level_needed=r.level or 0.0,
                scale=_scale(anchors.get(r.element_id, [])),
            )
            for r in top
        ],
    )


def target_role(person: Any) -> TargetRole | None:
    """The person's target occupation, if they chose one."""

    code = (
        Profile.objects.filter(user_id=person.pk)
        .values_list("target_occupation_code", flat=True)
        .first()
    )
    if not code:
        return None
    title = Occupation.objects.filter(code=code).values_list("title", flat=True).first()
    if title is None:
        plan_title = (
            DevelopmentPlan.objects.filter(owner_id=person.pk, occupation_code=code)
            .values_list("occupation_title", flat=True)
            .first()
        )
        return TargetRole(code=code, title=plan_title or code, loaded=False)
    return TargetRole(code=code, title=title, loaded=True)


def unconfirmed_roles(user: Any, fields: tuple[str, ...] = ("target",)) -> list[RoleMapping]:
    """Free-text roles of ``user`` with no occupation yet, with the occupations they may be."""
    if not getattr(user, "is_authenticated", False):
        return []
    profile = (
        Profile.objects.filter(user_id=user.pk)
        .values("target_role", "target_occupation_code", "job_title", "current_role")
        .first()
    )
    if profile is None:
        return []
    found: list[RoleMapping | None] = []
    if "target" in fields and profile["target_role"] and not profile["target_occupation_code"]:
        found.append(suggest("target", profile["target_role"]))
    held = profile["job_title"] or profile["current_role"]
    if (
        "current" in fields
        and held
        and not CareerRole.objects.filter(user_id=user.pk, kind=CareerRole.Kind.CURRENT).exists()
    ):
        found.append(suggest("current", held))
    return [mapping for mapping in found if mapping is not None]


def free_text_target_role(person: Any) -> str:
    """The target role as the person (or the HRIS import) wrote it on the profile."""
    text = Profile.objects.filter(user_id=person.pk).values_list("target_role", flat=True).first()
    return text or ""


def career_roles(person: Any) -> dict[str, list[CareerRole]]:
    """The person's current and past occupations."""
    roles: dict[str, list[CareerRole]] = {"current": [], "past": []}
    for role in CareerRole.objects.filter(user=person):
        roles[role.kind].append(role)
    return roles


def assessments_for(subject: Any, code: str) -> list[Assessment]:
    """Every assessment of the person for one target occupation, with ratings and assessors."""
    return list(
        Assessment.objects.filter(subject=subject, occupation_code=code)
        .select_related("assessor")
        .prefetch_related("ratings")
        .order_by("pk")
    )


def gap_report(subject: Any, *, viewer: Any, skills: SkillSet) -> GapReport:
    """The gap for the person's target role: their own levels, and the views of their
    supporters that ``viewer`` may see, compared skill by skill."""
    assessments = [
        a for a in assessments_for(subject, skills.code) if perms.can_view_assessment(viewer, a)
    ]
    own = next((a for a in assessments if a.is_self), None)
    others = [a for a in assessments if not a.is_self]
    levels = {r.element_id: r.level for r in own.ratings.all()} if own else {}
    views: dict[str, list[tuple[int, str, int]]] = {}
    for other in others:
        for rating in other.ratings.all():
            views.setdefault(rating.element_id, []).append(
                (other.assessor_id, other.assessor.full_name, rating.level)
            )
    rows = gap_rows([s.as_need for s in skills.skills], levels, views)
    return GapReport(skill_set=skills, rows=rows, own=own, others=others)


def plan_for(owner: Any) -> DevelopmentPlan | None:
    """The person's plan with goals (and milestones), skills and contacts prefetched."""
    return (
        DevelopmentPlan.objects.filter(owner=owner)
        .prefetch_related(
            Prefetch(
                "goals",
                queryset=Goal.objects.prefetch_related(
                    Prefetch("milestones", queryset=Milestone.objects.order_by("due_on", "pk"))
                ),
            ),
            Prefetch("skills", queryset=PlanSkill.objects.all()),
            Prefetch("contacts", queryset=Contact.objects.select_related("person")),
        )
        .first()
    )


def introductions_for(user: Any) -> QuerySet[Introduction]:
    """Introductions the person made, received or is the contact of, newest first."""
    return Introduction.objects.involving(user).select_related("introducer", "mentee", "contact")


def introducers_for(mentee: Any, *, contact: Any) -> list[Any]:
    """The mentors and coaches ``mentee`` may ask to introduce them to ``contact``: those of
    their ongoing relationships, other than the contact (one query)."""
    if not getattr(mentee, "is_authenticated", False) or mentee.pk == contact.pk:
        return []
    return list(
        User.objects.filter(pk__in=perms.supporter_ids_query(mentee), is_active=True)
        .exclude(pk=contact.pk)
        .order_by("full_name", "pk")
    )


def feedback_timeline(recipient: Any, *, viewer: Any) -> list[Feedback]:
    """Feedback the person received that ``viewer`` may read, newest first, items prefetched."""
    rows = (
        Feedback.objects.filter(recipient=recipient)
        .select_related("giver", "recipient")
        .prefetch_related(Prefetch("items", queryset=FeedbackItem.objects.order_by("-kind", "pk")))
    )
    if viewer.pk != recipient.pk:
        rows = rows.filter(pk__in=perms.visible_feedback(viewer).values("pk"))
    return list(rows)


def feedback_given(giver: Any) -> QuerySet[Feedback]:
    """Feedback the person gave, newest first, with items."""
    return (
        Feedback.objects.filter(giver=giver)
        .select_related("recipient")
        .prefetch_related(Prefetch("items", queryset=FeedbackItem.objects.order_by("-kind", "pk")))
    )


def feedback_requests_for(user: Any) -> dict[str, list[FeedbackRequest]]:
    """Open requests the person was asked to answer, and those they sent."""
    rows = (
        FeedbackRequest.objects.filter(status=FeedbackRequest.Status.OPEN)
        .filter(requester=user)
        .select_related("giver")
    )
    asked = FeedbackRequest.objects.filter(
        giver=user, status=FeedbackRequest.Status.OPEN
    ).select_related("requester")
    return {"to_answer": list(asked), "sent": list(rows)}


def situations_for(user: Any) -> QuerySet[Situation]:
    """Situations the person may read: their own and those shared with them now."""
    return perms.visible_situations(user).select_related("owner", "shared_with")


@dataclass
class Overview:
    """What the "My growth" page shows at a glance."""

    target: TargetRole | None
    skill_set: SkillSet | None
    gap: GapReport | None
    plan: DevelopmentPlan | None
    introductions: list[Introduction] = field(default_factory=list)
    requests: dict[str, list[FeedbackRequest]] = field(default_factory=dict)
    feedback_count: int = 0
    situation_count: int = 0
    supported: list[Any] = field(default_factory=list)


def occupation_choices(person: Any) -> dict[str, Any]:
    """The person's current, target and past occupations as {code, title}, for forms."""
    roles = career_roles(person)
    target = target_role(person)

    def chosen(role: CareerRole) -> dict[str, str]:
        return {"code": role.occupation_code, "title": role.title}

    return {
        "current": chosen(roles["current"][0]) if roles["current"] else None,
        "target": {"code": target.code, "title": target.title} if target else None,
        "past": [chosen(r) for r in roles["past"]],
    }
