"""Growth content in the demo: plans, goals and feedback for matched mentees, none for the
five sign-ins, O*NET-based content only when the career data is loaded."""

from __future__ import annotations

from collections import Counter

import pytest
from django.db.models import F, Q
from django.utils import timezone

from mentora.accounts.models import User
from mentora.careers.tests.conftest import mini_data  # noqa: F401 — the mini O*NET release
from mentora.demo import data
from mentora.demo.builder import demo_build, demo_delete
from mentora.demo.growth import occupation_for
from mentora.growth.models import (
    Assessment,
    Contact,
    DevelopmentPlan,
    Feedback,
    FeedbackItem,
    Goal,
    Introduction,
    Milestone,
    PlanSkill,
    Situation,
)
from mentora.outcomes.sources import goal_counts
from mentora.programs.models import Program
from mentora.relationships.models import Relationship

pytestmark = pytest.mark.django_db
STARTED = ("active", "paused", "completed")


@pytest.fixture
def now():
    """One moment for both builds of a test (the programs' enrollment windows follow the real
    clock, so the build cannot run at a made-up date)."""
    return timezone.now()


def _logins() -> list[User]:
    emails = [f"{local}@{data.DEMO_DOMAIN}" for _, _, local in data.LOGINS]
    users = list(User.objects.filter(email__in=emails))
    assert len(users) == 5
    return users


def _snapshot() -> list[tuple[str, str, str, str]]:
    return sorted(
        Goal.objects.values_list("plan__owner__email", "outcome", "status", "target_on")
    )


def test_it_gives_matched_mentees_plans_goals_and_feedback_from_their_mentor(now):
    demo_build(now=now)
    plans = list(DevelopmentPlan.objects.select_related("owner"))
    assert 25 <= len(plans) <= 50
    started = Relationship.objects.filter(
        status__in=STARTED, program__slug__in=("grow", "lead")
    )
    mentees = set(started.values_list("mentee_id", flat=True))
    assert {plan.owner_id for plan in plans} <= mentees
    goals = list(Goal.objects.select_related("plan"))
    per_plan = Counter(goal.plan_id for goal in goals)
    assert set(per_plan.values()) <= {1, 2, 3} and len(per_plan) == len(plans)
    statuses = Counter(goal.status for goal in goals)
    assert statuses["achieved"] >= 10 and statuses["in_progress"] >= 5
    for goal in goals:  # what goal_create and milestone_add would have accepted
        assert goal.target_on >= goal.created_at.date() and goal.created_at <= now
        assert goal.outcome and goal.measure and goal.strategy_list
    for milestone in Milestone.objects.select_related("goal"):
        assert milestone.due_on is None or milestone.due_on <= milestone.goal.target_on
        assert milestone.done_at is None or milestone.done_at <= now
    # The outcomes dashboard counts goal completion of Grow's mentees from growth.Goal.
    grow = Program.objects.get(slug="grow")
    counts = goal_counts(grow)
    assert counts is not None and counts.get("achieved", 0) >= 10
    # Feedback comes from the mentor or coach, while the relationship ran.
    feedback = list(Feedback.objects.prefetch_related("items"))
    assert len(feedback) >= 15
    for given in feedback:
        pair = started.filter(mentee_id=given.recipient_id, mentor_id=given.giver_id).first()
        assert pair is not None and pair.started_at is not None
        assert pair.started_at < given.created_at <= (pair.ended_at or now)
        kinds = {item.kind for item in given.items.all()}
        assert kinds == {"strength", "improvement"}
        assert all(item.about and item.example for item in given.items.all())
    assert FeedbackItem.objects.exclude(goal=None).exists()
    assert Contact.objects.exists() and Situation.objects.exists()
    for situation in Situation.objects.exclude(shared_with=None):
        assert started.filter(
            mentee_id=situation.owner_id, mentor_id=situation.shared_with_id,
            status__in=("active", "paused"),
        ).exists()
    # The demo loads the shipped O*NET subset: plans towards an occupation, assessed skills.
    assert Assessment.objects.exists() and PlanSkill.objects.exists()
    # Every plan of someone with a target role is towards its occupation (some want to grow
    # where they are, with no target role).
    assert not DevelopmentPlan.objects.filter(occupation_code="").exclude(
        owner__profile__target_role="").exists()
    assert DevelopmentPlan.objects.exclude(occupation_code="").count() > len(plans) // 2


def test_it_leaves_the_five_sign_ins_without_growth_content_or_relationships(now):
    demo_build(now=now)
    logins = _logins()
    assert not DevelopmentPlan.objects.filter(owner__in=logins).exists()
    assert not Feedback.objects.filter(Q(giver__in=logins) | Q(recipient__in=logins)).exists()
    assert not Assessment.objects.filter(Q(subject__in=logins) | Q(assessor__in=logins)).exists()
    assert not Situation.objects.filter(Q(owner__in=logins) | Q(shared_with__in=logins)).exists()
    assert not Contact.objects.filter(person__in=logins).exists()
    assert not Introduction.objects.exists()
    assert not Relationship.objects.filter(Q(mentee__in=logins) | Q(mentor__in=logins)).exists()
    # Their target roles are mapped to occupations, so the career pages have content.
    targets = {u.profile.target_role: u.profile.target_occupation_code for u in logins}
    assert targets["Engineering Manager"] == "11-3021.00"


def test_it_builds_the_same_growth_content_every_time_and_resets_it(now):
    demo_build(now=now)
    first = _snapshot()
    assert first
    demo_build(reset=True, now=now)
    assert _snapshot() == first
    demo_delete()
    assert not Goal.objects.exists() and not DevelopmentPlan.objects.exists()
    assert not Feedback.objects.exists() and not Situation.objects.exists()


def test_it_assesses_skills_towards_the_target_occupation_when_career_data_is_loaded(
    mini_data,  # noqa: F811 — the fixture imported above
    now,
):
    demo_build(now=now)
    plans = DevelopmentPlan.objects.exclude(occupation_code="").select_related("owner__profile")
    assert plans.exists()
    mini_codes = {"11-2021.00", "11-3021.00", "13-1161.00", "15-1252.00", "15-1254.00"}
    for plan in plans:
        profile = plan.owner.profile
        assert plan.occupation_code in mini_codes
        assert profile.target_occupation_code == plan.occupation_code
        assert occupation_for(profile.target_role) == plan.occupation_code
        own = Assessment.objects.get(subject=plan.owner, assessor=plan.owner)
        assert own.occupation_code == plan.occupation_code and own.ratings.exists()
        levels = {r.element_id: r.level for r in own.ratings.all()}
        for skill in plan.skills.all():
            assert skill.start_level == levels[skill.element_id]
            assert skill.start_level < skill.target_level <= 7
            assert skill.start_level <= skill.current_level <= skill.target_level
    # A mentor's view only from the mentor of an ongoing relationship.
    for view in Assessment.objects.exclude(assessor=F("subject")):
        assert Relationship.objects.filter(
            mentee_id=view.subject_id, mentor_id=view.assessor_id, status__in=("active", "paused")
        ).exists()
    assert Goal.objects.exclude(element_id="").exists()
    logins = _logins()
    assert not Assessment.objects.filter(Q(subject__in=logins) | Q(assessor__in=logins)).exists()

