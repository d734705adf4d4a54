"""Growth fixtures: career data (mini release, or the real one), Maya's target role, and
Maya working with Marco (mentoring, active) and with Chloe (coaching, active)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from mentora.careers.tests.conftest import (  # noqa: F401 — fixtures shared with careers tests
    _real_data_committed,
    mini_data,
    real_data,
)
from mentora.growth.services import target_role_set
from mentora.lib import clock
from mentora.programs.models import Enrollment
from mentora.relationships.services.agreements import agreement_sign, agreement_update
from mentora.relationships.services.lifecycle import relationship_accept, relationship_request

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
MARKETING_MANAGERS = "11-2021.00"
SOFTWARE_DEVELOPERS = "15-1252.00"
PERSONAS = ["mentee", "mentor", "coach", "manager", "admin", "unrelated", "anonymous"]


@pytest.fixture(autouse=True)
def frozen_clock():
    with clock.frozen_at(NOW):
        yield NOW


def _activate(program, mentee, mentor):
    rel = relationship_request(program=program, mentee=mentee, mentor=mentor, by=mentee, now=NOW)
    rel = relationship_accept(relationship=rel, by=mentor, now=NOW)
    agreement_update(agreement=rel.agreement, by=mentee, data={"goals": ["Grow"]}, now=NOW)
    agreement_sign(agreement=rel.agreement, by=mentee, now=NOW)
    agreement_sign(agreement=rel.agreement, by=mentor, now=NOW)
    rel.refresh_from_db()
    assert rel.status == "active"
    return rel


@pytest.fixture
def mentoring(personas):
    """Maya (mentee) and Marco (mentor), active in Grow."""
    return _activate(personas.program, personas.mentee, personas.mentor)


@pytest.fixture
def coaching(personas):
    """Maya (coachee) and Chloe (coach), active in Lead."""
    Enrollment.objects.create(
        program=personas.coaching, user=personas.mentee, role=Enrollment.Role.MENTEE,
        status=Enrollment.Status.APPROVED,
    )
    return _activate(personas.coaching, personas.mentee, personas.coach)


@pytest.fixture
def maya_target(personas, mini_data):  # noqa: F811
    """Maya aims at Marketing Managers (rated in the mini release)."""
    target_role_set(user=personas.mentee, by=personas.mentee, code=MARKETING_MANAGERS)
    return MARKETING_MANAGERS


@pytest.fixture
def working(personas, maya_target, mentoring, coaching):
    """Everything set up: data loaded, Maya's target chosen, both relationships active."""
    return personas


SECRET_SITUATION = "I think my manager takes credit for my work"
SHARED_SITUATION = "Sales ignores the new campaign brief"
PRIVATE_FEEDBACK = "You interrupt the designers in critiques"
SHARED_FEEDBACK = "You won the room at the pricing review"
PEER_REQUEST = "How did my budget deck land?"


@pytest.fixture
def world(working):
    """Maya's growth content of every kind, with Marco (mentor), Chloe (coach) and Uma."""
    from datetime import date

    from mentora.growth import services
    from mentora.growth.models import Feedback

    p = working
    services.assessment_save(subject=p.mentee, by=p.mentee,
                             levels={"2.A.1.a": 3, "2.A.2.a": 4, "2.B.1.e": 2})
    services.assessment_save(subject=p.mentee, by=p.mentor,
                             levels={"2.A.1.a": 3, "2.A.2.a": 4, "2.B.1.e": 5})
    [skill] = services.plan_skills_add(owner=p.mentee, by=p.mentee, element_ids=["2.B.1.e"])
    goal = services.goal_create(owner=p.mentee, by=p.mentee, fields=services.GoalFields(
        outcome="Lead the spring campaign launch", measure="Launched by June",
        target_on=date(2026, 6, 30)))
    milestone = services.milestone_add(goal=goal, by=p.mentee, text="Draft the brief")
    contact = services.contact_add(owner=p.mentee, by=p.mentee, name="A SaaS growth lead")
    intro = services.introduction_propose(introducer=p.mentor, mentee=p.mentee,
                                          contact=p.unrelated, reason="Uma runs budgets")
    item = services.ItemFields
    private = services.feedback_give(giver=p.mentor, recipient=p.mentee, items=[
        item(kind="improvement", skill="Facilitation", observation=PRIVATE_FEEDBACK,
             example="Tuesday's critique")])
    shared = services.feedback_give(giver=p.mentor, recipient=p.mentee, items=[
        item(kind="strength", element_id="2.B.1.e", observation=SHARED_FEEDBACK,
             example="12 Feb")], visibility=Feedback.Visibility.RECIPIENT_AND_MENTORS)
    request = services.feedback_request_create(requester=p.mentee, giver=p.unrelated,
                                               message=PEER_REQUEST)
    secret = services.situation_create(owner=p.mentee, by=p.mentee, data={
        "title": "Credit", "situation": SECRET_SITUATION})
    shared_situation = services.situation_create(owner=p.mentee, by=p.mentee, data={
        "title": "Sales pushback", "situation": SHARED_SITUATION})
    services.situation_share(situation=shared_situation, by=p.mentee, with_user=p.coach)
    return {"skill": skill, "goal": goal, "milestone": milestone, "contact": contact,
            "intro": intro, "private": private, "shared": shared, "request": request,
            "secret": secret, "shared_situation": shared_situation, "personas": p}
