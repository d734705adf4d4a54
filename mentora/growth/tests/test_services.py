"""Growth services on the mini O*NET release: roles, assessments, plan, introductions,
feedback and situations, with the emails they queue."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from mentora.growth import selectors
from mentora.growth.models import (
    Assessment,
    CareerRole,
    Contact,
    Feedback,
    FeedbackRequest,
    Goal,
    Introduction,
    PlanSkill,
)
from mentora.growth.services import (
    GoalFields,
    ItemFields,
    assessment_save,
    career_roles_set,
    contact_add,
    feedback_give,
    feedback_request_create,
    feedback_request_decline,
    goal_create,
    goal_update,
    introduction_answer,
    introduction_propose,
    introduction_withdraw,
    milestone_add,
    milestone_set_done,
    plan_skill_update,
    plan_skills_add,
    situation_create,
    situation_share,
    situation_update,
    target_role_set,
)
from mentora.lib.errors import DomainError
from mentora.notifications.models import OutboxMessage
from mentora.people.models import Profile

from .conftest import MARKETING_MANAGERS, NOW, SOFTWARE_DEVELOPERS

pytestmark = pytest.mark.django_db

READING, THINKING, PERSUASION, PROGRAMMING = "2.A.1.a", "2.A.2.a", "2.B.1.e", "2.B.3.e"


def _self_assess(personas, **levels):
    return assessment_save(subject=personas.mentee, by=personas.mentee, levels=levels)


# Roles -----------------------------------------------------------------------------------------


def test_it_stores_the_target_on_the_profile_and_fills_the_free_text_role(personas, mini_data):
    profile = Profile.objects.get(user=personas.unrelated)
    assert profile.target_role == ""
    target_role_set(user=personas.unrelated, by=personas.unrelated, code=MARKETING_MANAGERS)
    profile.refresh_from_db()
    assert profile.target_occupation_code == MARKETING_MANAGERS
    assert profile.target_role == "Marketing Managers"
    target = selectors.target_role(personas.unrelated)
    assert (target.code, target.title, target.loaded) == (MARKETING_MANAGERS,
                                                          "Marketing Managers", True)


def test_it_keeps_a_target_role_typed_before(personas, mini_data):
    target_role_set(user=personas.mentee, by=personas.mentee, code=MARKETING_MANAGERS)
    assert Profile.objects.get(user=personas.mentee).target_role == "Marketing Manager"


def test_it_sets_current_target_and_past_roles_at_once(personas, mini_data):
    career_roles_set(user=personas.mentor, by=personas.mentor, current="11-2021.00",
                     target="11-3021.00", past=["13-1161.00", "15-1254.00", "13-1161.00"])
    chosen = selectors.occupation_choices(personas.mentor)
    assert chosen["current"] == {"code": "11-2021.00", "title": "Marketing Managers"}
    assert chosen["target"]["code"] == "11-3021.00"
    assert [p["code"] for p in chosen["past"]] == ["13-1161.00", "15-1254.00"]
    career_roles_set(user=personas.mentor, by=personas.mentor, current=None, target=None, past=[])
    assert not CareerRole.objects.filter(user=personas.mentor).exists()
    assert selectors.target_role(personas.mentor) is None


def test_it_refuses_an_unknown_code_and_writes_nothing(personas, mini_data):
    with pytest.raises(DomainError) as error:
        career_roles_set(user=personas.mentor, by=personas.mentor, current="11-2021.00",
                         target="11-2021.00", past=["99-9999.00"])
    assert error.value.field == "past" and "99-9999.00" in error.value.message
    assert not CareerRole.objects.exists()
    assert Profile.objects.get(user=personas.mentor).target_occupation_code == ""


def test_it_lets_nobody_set_someone_elses_roles(personas, mini_data):
    with pytest.raises(DomainError) as error:
        target_role_set(user=personas.mentee, by=personas.mentor, code=MARKETING_MANAGERS)
    assert error.value.code == "forbidden"


# Skill sets and assessments ----------------------------------------------------------------------


def test_it_assesses_the_top_skills_with_their_anchors(maya_target):
    skills = selectors.skill_set(MARKETING_MANAGERS)
    # Programming is rated "not relevant" for marketing managers: left out.
    assert [s.name for s in skills.skills] == [
        "Persuasion", "Critical Thinking", "Reading Comprehension"]
    persuasion = skills.skills[0]
    assert (persuasion.importance, persuasion.level_needed) == (4.5, 5.1)
    assert [(a.value, a.anchor) for a in persuasion.anchors] == [
        (2, "Ask a coworker to help"), (4, "Convince a supervisor to buy a new machine"),
        (6, "Change a jury's opinion")]
    assert [c.value for c in persuasion.scale] == list(range(8))
    assert not skills.borrowed


def test_it_borrows_the_ratings_of_the_closest_rated_related_occupation(mini_data, monkeypatch):
    monkeypatch.setattr(selectors, "MIN_BORROWED_SKILLS", 2)
    skills = selectors.skill_set(SOFTWARE_DEVELOPERS)  # O*NET has no ratings for it
    assert skills.borrowed
    assert (skills.rated_code, skills.rated_title) == ("15-1254.00", "Web Developers")
    assert [s.name for s in skills.skills] == ["Programming", "Critical Thinking"]


def test_it_has_no_skill_set_when_nothing_related_is_rated_well_enough(mini_data):
    assert selectors.skill_set(SOFTWARE_DEVELOPERS) is None  # related ones rate only 2 skills
    assert selectors.skill_set("99-9999.00") is None


def test_it_leaves_out_suppressed_ratings(mini_data):
    skills = selectors.skill_set("13-1161.00")
    assert [s.name for s in skills.skills] == ["Reading Comprehension"]  # Persuasion: suppress=Y


def test_it_refuses_to_assess_without_a_target_role_or_ratings(personas, mini_data):
    with pytest.raises(DomainError) as error:
        _self_assess(personas, **{READING: 3})
    assert error.value.field == "target"
    target_role_set(user=personas.mentee, by=personas.mentee, code=SOFTWARE_DEVELOPERS)
    with pytest.raises(DomainError) as error:
        _self_assess(personas, **{READING: 3})
    assert "no skill ratings for Software Developers" in error.value.message


def test_it_saves_and_replaces_a_self_assessment(personas, maya_target):
    first = _self_assess(personas, **{READING: 3, PERSUASION: 2})
    again = _self_assess(personas, **{READING: 4})
    assert first.pk == again.pk
    assert {r.element_id: r.level for r in again.ratings.all()} == {READING: 4}
    rating = again.ratings.get()
    assert (rating.importance, rating.level_needed) == (4.0, 4.5)


@pytest.mark.parametrize(
    ("levels", "field"),
    [({READING: 8}, f"levels.{READING}"), ({READING: -1}, f"levels.{READING}"),
     ({PROGRAMMING: 3}, f"levels.{PROGRAMMING}"), ({}, "levels")],
)
def test_it_refuses_bad_levels_naming_the_skill(personas, maya_target, levels, field):
    with pytest.raises(DomainError) as error:
        _self_assess(personas, **levels)
    assert error.value.field == field
    assert not Assessment.objects.exists()


def test_it_lets_the_mentor_assess_and_shows_where_views_differ(personas, maya_target, mentoring):
    _self_assess(personas, **{READING: 3, THINKING: 4, PERSUASION: 5})
    assessment_save(subject=personas.mentee, by=personas.mentor,
                    levels={READING: 5, THINKING: 4, PERSUASION: 3})
    skills = selectors.skill_set(MARKETING_MANAGERS)
    report = selectors.gap_report(personas.mentee, viewer=personas.mentee, skills=skills)
    assert [r.name for r in report.differences] == ["Reading Comprehension", "Persuasion"]
    reading = next(r for r in report.rows if r.element_id == READING)
    assert reading.others[0].assessor_name == "Marco Mentor"
    assert reading.others[0].direction == "higher"
    mail = OutboxMessage.objects.get(kind="growth.assessment")
    assert mail.recipient == personas.mentee


def test_it_lets_only_the_person_and_their_supporters_assess(personas, maya_target):
    for who in ("mentor", "coach", "manager", "admin", "unrelated"):
        with pytest.raises(DomainError) as error:
            assessment_save(subject=personas.mentee, by=getattr(personas, who),
                            levels={READING: 3})
        assert error.value.code == "forbidden", who


def test_it_stops_the_mentor_assessing_once_the_relationship_ends(personas, maya_target,
                                                                  mentoring):
    from mentora.relationships.services.lifecycle import relationship_complete

    relationship_complete(relationship=mentoring, by=personas.mentee, now=NOW)
    with pytest.raises(DomainError):
        assessment_save(subject=personas.mentee, by=personas.mentor, levels={READING: 3})


# Plan --------------------------------------------------------------------------------------------


def test_it_adds_skills_from_the_gap_with_start_and_target_levels(personas, maya_target):
    _self_assess(personas, **{READING: 3, PERSUASION: 2, THINKING: 1})
    added = plan_skills_add(owner=personas.mentee, by=personas.mentee,
                            element_ids=[PERSUASION, READING])
    by_id = {s.element_id: s for s in added}
    assert (by_id[PERSUASION].start_level, by_id[PERSUASION].target_level) == (2, 5)
    assert (by_id[READING].start_level, by_id[READING].target_level) == (3, 4)  # 4.5 rounds to 4
    assert by_id[PERSUASION].progress == 0
    skill = plan_skill_update(skill=by_id[PERSUASION], by=personas.mentee, current_level=4)
    assert skill.progress == 67
    plan = selectors.plan_for(personas.mentee)
    assert plan.occupation_code == MARKETING_MANAGERS


def test_it_refuses_skills_not_assessed_duplicates_and_strangers(personas, maya_target):
    _self_assess(personas, **{READING: 3})
    with pytest.raises(DomainError, match="Assess your level in Persuasion"):
        plan_skills_add(owner=personas.mentee, by=personas.mentee, element_ids=[PERSUASION])
    plan_skills_add(owner=personas.mentee, by=personas.mentee, element_ids=[READING])
    with pytest.raises(DomainError) as error:
        plan_skills_add(owner=personas.mentee, by=personas.mentee, element_ids=[READING])
    assert error.value.code == "conflict"
    with pytest.raises(DomainError) as error:
        plan_skills_add(owner=personas.mentee, by=personas.mentor, element_ids=[READING])
    assert error.value.code == "forbidden"
    assert PlanSkill.objects.count() == 1


def test_it_refuses_a_target_level_not_above_the_start(personas, maya_target):
    _self_assess(personas, **{READING: 3})
    with pytest.raises(DomainError) as error:
        plan_skills_add(owner=personas.mentee, by=personas.mentee, element_ids=[READING],
                        target_levels={READING: 3})
    assert error.value.field == "target_level"


def _goal(**overrides):
    fields = {"outcome": "Lead the spring campaign launch", "measure": "Launched on time, 5% CTR",
              "target_on": date(2026, 6, 30), "strategies": "Shadow Marco\nRun the retro"}
    fields.update(overrides)
    return GoalFields(**fields)


def test_it_creates_smart_goals_with_milestones(personas, maya_target):
    goal = goal_create(owner=personas.mentee, by=personas.mentee,
                       fields=_goal(element_id=PERSUASION))
    assert goal.element_name == "Persuasion"
    assert goal.strategy_list == ["Shadow Marco", "Run the retro"]
    milestone = milestone_add(goal=goal, by=personas.mentee, text="Draft the brief",
                              due_on=date(2026, 4, 1))
    milestone_set_done(milestone=milestone, by=personas.mentee, done=True)
    milestone.refresh_from_db()
    assert milestone.done_at == NOW
    goal = goal_update(goal=goal, by=personas.mentee, fields=_goal(status="in_progress"))
    assert goal.status == Goal.Status.IN_PROGRESS


@pytest.mark.parametrize(
    ("overrides", "field"),
    [({"outcome": "  "}, "outcome"), ({"measure": ""}, "measure"),
     ({"target_on": date(2026, 3, 1)}, "target_on"), ({"status": "won"}, "status"),
     ({"element_id": "9.Z"}, "element_id"), ({"outcome": "x" * 301}, "outcome")],
)
def test_it_refuses_goals_that_are_not_smart(personas, maya_target, overrides, field):
    with pytest.raises(DomainError) as error:
        goal_create(owner=personas.mentee, by=personas.mentee, fields=_goal(**overrides))
    assert error.value.field == field
    assert not Goal.objects.exists()


def test_it_refuses_a_milestone_after_the_goals_date(personas, maya_target):
    goal = goal_create(owner=personas.mentee, by=personas.mentee, fields=_goal())
    with pytest.raises(DomainError) as error:
        milestone_add(goal=goal, by=personas.mentee, text="Late", due_on=date(2026, 7, 1))
    assert error.value.field == "due_on"


def test_it_adds_relationships_to_build(personas, maya_target):
    inside = contact_add(owner=personas.mentee, by=personas.mentee, name="", person=personas.coach,
                         why="Leads the People team")
    outside = contact_add(owner=personas.mentee, by=personas.mentee,
                          name="A growth lead at a SaaS company", where="Meetup")
    assert inside.name == "Chloe Coach" and outside.person is None
    with pytest.raises(DomainError):
        contact_add(owner=personas.mentee, by=personas.mentee, name="", person=personas.mentee)


# Introductions -----------------------------------------------------------------------------------


def test_it_connects_an_introduction_only_when_both_accept(personas, maya_target, mentoring):
    intro = introduction_propose(introducer=personas.mentor, mentee=personas.mentee,
                                 contact=personas.unrelated, reason="Uma ran our budget process.")
    asked = OutboxMessage.objects.filter(kind="growth.introduction_proposed")
    assert sorted(m.recipient.email for m in asked) == [personas.mentee.email,
                                                        personas.unrelated.email]
    assert all(personas.unrelated.email not in m.body for m in asked)  # no address before yes
    intro = introduction_answer(introduction=intro, by=personas.mentee, accept=True)
    assert intro.status == Introduction.Status.PROPOSED
    assert not Contact.objects.exists()
    intro = introduction_answer(introduction=intro, by=personas.unrelated, accept=True)
    assert intro.status == Introduction.Status.CONNECTED
    contact = Contact.objects.get()
    assert (contact.person, contact.status) == (personas.unrelated, Contact.Status.INTRODUCED)
    assert contact.plan.owner == personas.mentee
    connected = OutboxMessage.objects.filter(subject__contains="connected")
    assert connected.count() == 3
    to_maya = connected.get(recipient=personas.mentee)
    assert personas.unrelated.email in to_maya.body


def test_it_closes_an_introduction_when_one_declines(personas, maya_target, mentoring):
    intro = introduction_propose(introducer=personas.mentor, mentee=personas.mentee,
                                 contact=personas.unrelated, reason="Budgets")
    intro = introduction_answer(introduction=intro, by=personas.unrelated, accept=False)
    assert (intro.status, intro.declined_by) == (Introduction.Status.DECLINED, personas.unrelated)
    with pytest.raises(DomainError) as error:
        introduction_answer(introduction=intro, by=personas.mentee, accept=True)
    assert error.value.code == "conflict"
    assert OutboxMessage.objects.filter(recipient=personas.mentor).count() == 1


def test_it_lets_only_the_mentor_introduce_and_only_the_two_answer(personas, maya_target,
                                                                   mentoring):
    for who in ("unrelated", "coach", "manager", "admin", "mentee"):
        with pytest.raises(DomainError) as error:
            introduction_propose(introducer=getattr(personas, who), mentee=personas.mentee,
                                 contact=personas.unrelated, reason="x")
        assert error.value.code == "forbidden", who
    intro = introduction_propose(introducer=personas.mentor, mentee=personas.mentee,
                                 contact=personas.unrelated, reason="x")
    with pytest.raises(DomainError) as error:
        introduction_answer(introduction=intro, by=personas.mentor, accept=True)
    assert error.value.code == "forbidden"
    with pytest.raises(DomainError) as error:
        introduction_propose(introducer=personas.mentor, mentee=personas.mentee,
                             contact=personas.unrelated, reason="again")
    assert error.value.code == "conflict"
    introduction_withdraw(introduction=intro, by=personas.mentor)
    intro.refresh_from_db()
    assert intro.status == Introduction.Status.WITHDRAWN


def test_it_refuses_introducing_the_mentee_to_themselves_or_the_mentor(personas, maya_target,
                                                                      mentoring):
    for contact in (personas.mentee, personas.mentor):
        with pytest.raises(DomainError) as error:
            introduction_propose(introducer=personas.mentor, mentee=personas.mentee,
                                 contact=contact, reason="x")
        assert error.value.field == "contact"


# Feedback ----------------------------------------------------------------------------------------


def _items():
    return [
        ItemFields(kind="strength", element_id=PERSUASION, observation="You won the room.",
                   example="The pricing review on 12 Feb."),
        ItemFields(kind="improvement", skill="Written briefs", observation="Too long.",
                   example="The Q1 brief ran to 9 pages."),
    ]


def test_it_lets_a_mentor_give_structured_feedback_unasked(personas, maya_target, mentoring):
    feedback = feedback_give(giver=personas.mentor, recipient=personas.mentee, items=_items(),
                             visibility=Feedback.Visibility.RECIPIENT_AND_MENTORS)
    items = list(feedback.items.order_by("kind"))
    assert [(i.kind, i.about) for i in items] == [("improvement", "Written briefs"),
                                                  ("strength", "Persuasion")]
    mail = OutboxMessage.objects.get(kind="growth.feedback_received")
    assert mail.recipient == personas.mentee and "2 points" in mail.body


def test_it_ties_feedback_to_a_goal(personas, maya_target, mentoring):
    goal = goal_create(owner=personas.mentee, by=personas.mentee, fields=_goal())
    feedback = feedback_give(giver=personas.mentor, recipient=personas.mentee, items=[
        ItemFields(kind="strength", goal_id=goal.pk, observation="On track", example="Brief")])
    assert feedback.items.get().about == "Lead the spring campaign launch"


def test_it_lets_a_peer_give_feedback_only_when_asked(personas, maya_target):
    with pytest.raises(DomainError) as error:
        feedback_give(giver=personas.unrelated, recipient=personas.mentee, items=_items())
    assert error.value.code == "forbidden"
    request = feedback_request_create(requester=personas.mentee, giver=personas.unrelated,
                                      message="How did my budget deck land?")
    assert OutboxMessage.objects.get(kind="growth.feedback_request").recipient == \
        personas.unrelated
    feedback_give(giver=personas.unrelated, recipient=personas.mentee, items=_items(),
                  request=request)
    request.refresh_from_db()
    assert request.status == FeedbackRequest.Status.ANSWERED
    with pytest.raises(DomainError):  # answered: it cannot be used twice
        feedback_give(giver=personas.unrelated, recipient=personas.mentee, items=_items(),
                      request=request)


@pytest.mark.parametrize(
    ("item", "field"),
    [(ItemFields(kind="praise", skill="x", observation="o", example="e"), "items.0.kind"),
     (ItemFields(kind="strength", observation="o", example="e"), "items.0.skill"),
     (ItemFields(kind="strength", skill="x", observation="o", example=" "), "items.0.example"),
     (ItemFields(kind="strength", goal_id=999, observation="o", example="e"), "items.0.goal_id"),
     (ItemFields(kind="strength", element_id="9.Z", observation="o", example="e"),
      "items.0.element_id")],
)
def test_it_refuses_feedback_items_without_substance(personas, maya_target, mentoring, item,
                                                     field):
    with pytest.raises(DomainError) as error:
        feedback_give(giver=personas.mentor, recipient=personas.mentee, items=[item])
    assert error.value.field == field
    assert not Feedback.objects.exists()


def test_it_refuses_duplicate_and_self_requests_and_can_decline(personas):
    request = feedback_request_create(requester=personas.mentee, giver=personas.mentor)
    with pytest.raises(DomainError) as error:
        feedback_request_create(requester=personas.mentee, giver=personas.mentor)
    assert error.value.code == "conflict"
    with pytest.raises(DomainError):
        feedback_request_create(requester=personas.mentee, giver=personas.mentee)
    with pytest.raises(DomainError) as error:
        feedback_request_decline(request=request, by=personas.unrelated)
    assert error.value.code == "forbidden"
    feedback_request_decline(request=request, by=personas.mentor)
    request.refresh_from_db()
    assert request.status == FeedbackRequest.Status.DECLINED


def test_it_shows_feedback_to_supporters_only_when_the_giver_allows_it(personas, maya_target,
                                                                       mentoring, coaching):
    private = feedback_give(giver=personas.mentor, recipient=personas.mentee, items=_items())
    shared = feedback_give(giver=personas.mentor, recipient=personas.mentee, items=_items(),
                           visibility=Feedback.Visibility.RECIPIENT_AND_MENTORS)
    for_chloe = selectors.feedback_timeline(personas.mentee, viewer=personas.coach)
    assert [f.pk for f in for_chloe] == [shared.pk]
    for_maya = selectors.feedback_timeline(personas.mentee, viewer=personas.mentee)
    assert [f.pk for f in for_maya] == [shared.pk, private.pk]  # newest first
    for_admin = selectors.feedback_timeline(personas.mentee, viewer=personas.admin)
    assert for_admin == []


# Situations --------------------------------------------------------------------------------------


def test_it_keeps_a_situation_private_until_shared_with_the_coach(personas, coaching):
    situation = situation_create(owner=personas.mentee, by=personas.mentee, data={
        "title": "Pushback from sales", "situation": "Sales ignores the new brief."})
    assert list(selectors.situations_for(personas.coach)) == []
    situation = situation_update(situation=situation, by=personas.mentee, data={
        "options": "Escalate; meet their lead", "decision": "Meet their lead"})
    situation_share(situation=situation, by=personas.mentee, with_user=personas.coach)
    assert list(selectors.situations_for(personas.coach)) == [situation]
    assert OutboxMessage.objects.get(kind="growth.situation_shared").recipient == personas.coach
    situation_share(situation=situation, by=personas.mentee, with_user=None)
    assert list(selectors.situations_for(personas.coach)) == []


def test_it_refuses_sharing_with_someone_who_does_not_coach_the_person(personas, coaching):
    situation = situation_create(owner=personas.mentee, by=personas.mentee,
                                 data={"title": "t", "situation": "s"})
    for who in ("unrelated", "manager", "admin", "mentor"):
        with pytest.raises(DomainError) as error:
            situation_share(situation=situation, by=personas.mentee,
                            with_user=getattr(personas, who))
        assert error.value.field == "shared_with", who
    with pytest.raises(DomainError) as error:
        situation_update(situation=situation, by=personas.coach, data={"reflection": "x"})
    assert error.value.code == "forbidden"


def test_it_refuses_a_situation_without_title_or_description(personas):
    with pytest.raises(DomainError) as error:
        situation_create(owner=personas.mentee, by=personas.mentee, data={"title": "t"})
    assert error.value.field == "situation"


def test_it_hides_shared_situations_once_the_coaching_ends(personas, coaching):
    from mentora.relationships.services.lifecycle import relationship_complete

    situation = situation_create(owner=personas.mentee, by=personas.mentee,
                                 data={"title": "t", "situation": "s"})
    situation_share(situation=situation, by=personas.mentee, with_user=personas.coach)
    relationship_complete(relationship=coaching, by=personas.mentee, now=NOW + timedelta(days=1))
    assert list(selectors.situations_for(personas.coach)) == []
