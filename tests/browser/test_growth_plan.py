"""A mentee goes from "I want to become a marketing manager" to a plan grounded in the real
O*NET data, with feedback from her mentor — in a real browser."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from mentora.careers.search import search_occupations
from mentora.careers.tests.conftest import (  # noqa: F401 — the real O*NET and BLS data
    _real_data_committed,
    real_data,
)
from mentora.growth.models import Feedback, PlanSkill
from mentora.notifications.models import OutboxMessage
from mentora.relationships.services.agreements import agreement_sign, agreement_update
from mentora.relationships.services.lifecycle import relationship_accept, relationship_request
from tests.browser._walk import open_account_menu, sign_in, sign_out

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_it_takes_a_mentee_from_target_role_to_plan_and_feedback(page, shot, personas,
                                                                  real_data):  # noqa: F811
    rel = relationship_request(program=personas.program, mentee=personas.mentee,
                               mentor=personas.mentor, by=personas.mentee)
    rel = relationship_accept(relationship=rel, by=personas.mentor)
    agreement_update(agreement=rel.agreement, by=personas.mentee,
                     data={"goals": ["Become a marketing manager"]})
    agreement_sign(agreement=rel.agreement, by=personas.mentee)
    agreement_sign(agreement=rel.agreement, by=personas.mentor)
    search_occupations("warm up")  # the title index is built once per process (seconds)

    # Maya picks her target role with the type-ahead on her profile.
    sign_in(page, "maya.mentee@example.com")
    open_account_menu(page).get_by_role("link", name="My profile").click()
    page.get_by_role("navigation", name="Profile steps").get_by_role(
        "link", name="Career path and experience").click()
    page.get_by_label("Target occupation").fill("marketing manager")
    suggestion = page.locator("#target-suggestions").get_by_role(
        "button", name="Marketing Managers", exact=True)
    suggestion.click()
    expect(page.locator("#target-chosen")).to_contain_text("Marketing Managers")
    expect(page.locator("#target-suggestions")).to_be_empty()
    shot("profile-target-chosen")
    page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_text(
        "Career path and experience saved. Next: style and personality.")).to_be_visible()

    # She reads what the role takes.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="My growth").click()
    expect(page.get_by_role("heading", name="My growth", exact=True)).to_be_visible()
    shot("my-growth")
    page.get_by_role("link", name=re.compile("What it takes")).click()
    expect(page.get_by_role("heading", name="Marketing Managers", level=1)).to_be_visible()
    expect(page.get_by_role("heading", name="Top skills")).to_be_visible()
    expect(page.get_by_text("O*NET 29.3 Database").first).to_be_visible()
    shot("insight")

    # She assesses herself on the role's top skills, with O*NET's anchors.
    page.goto("/growth/")
    page.get_by_role("link", name="Assess yourself").click()
    groups = page.locator("fieldset.skill-scale")
    expect(groups).to_have_count(10)
    expect(groups.first).to_contain_text("Read step-by-step instructions")  # O*NET's anchor
    for index in range(10):
        group = groups.nth(index)
        group.get_by_label("2" if index < 5 else "4", exact=True).check()
    shot("self-assessment")
    page.get_by_role("button", name="Save assessment").click()
    expect(page.get_by_text("Your assessment is saved.")).to_be_visible()

    # The gap, largest weighted gap first; she adds the top two skills to her plan.
    expect(page.get_by_role("heading", name=re.compile("Skill gap for Marketing Managers")))\
        .to_be_visible()
    rows = page.locator("table.gap-table tbody tr")
    expect(rows).to_have_count(10)
    first, second = (rows.nth(i).locator("th").inner_text() for i in range(2))
    shot("gap")
    rows.nth(0).get_by_role("checkbox").check()
    rows.nth(1).get_by_role("checkbox").check()
    page.get_by_role("button", name="Add selected skills to my plan").click()
    expect(page.get_by_text("Added 2 skills to your plan.")).to_be_visible()
    skills = page.get_by_role("region", name="Skills to develop")
    expect(skills).to_contain_text(first.strip())
    expect(skills).to_contain_text(second.strip())
    shot("plan")
    assert PlanSkill.objects.filter(plan__owner=personas.mentee).count() == 2
    sign_out(page)

    # Marco, her mentor, gives structured feedback tied to one of those skills.
    sign_in(page, "marco.mentor@example.com")
    page.goto("/growth/")
    page.get_by_role("region", name="People you mentor or coach").get_by_role(
        "link", name="Maya Mentee").click()
    expect(page.get_by_role("heading", name="Maya Mentee’s growth")).to_be_visible()
    shot("mentor-view")
    page.get_by_role("link", name="Give feedback").click()
    point1 = page.get_by_role("group", name="Point 1")
    point1.get_by_label("About").select_option(label=f"Skill: {first.strip()}")
    point1.get_by_label("What you observed").fill("You made the case for the budget clearly.")
    point1.get_by_label("An example").fill("The pricing review on 12 February.")
    point2 = page.get_by_role("group", name="Point 2")
    point2.get_by_label("Or another skill").fill("Written briefs")
    point2.get_by_label("What you observed").fill("Briefs run long; lead with the ask.")
    point2.get_by_label("An example").fill("The Q1 campaign brief ran to nine pages.")
    page.get_by_label("The recipient and their mentors and coaches").check()
    shot("feedback-form")
    page.get_by_role("button", name="Give feedback").click()
    expect(page.get_by_text("Your feedback to Maya Mentee is saved.")).to_be_visible()
    sign_out(page)

    # Maya reads it in her feedback timeline.
    sign_in(page, "maya.mentee@example.com")
    page.goto("/growth/feedback/")
    received = page.get_by_role("region", name="Received")
    expect(received).to_contain_text("From Marco Mentor")
    expect(received).to_contain_text("You made the case for the budget clearly.")
    expect(received).to_contain_text("Area for improvement — Written briefs")
    shot("feedback-received")
    feedback = Feedback.objects.get()
    assert feedback.items.count() == 2 and feedback.visibility == "with_mentors"
    assert OutboxMessage.objects.filter(
        kind="growth.feedback_received", recipient=personas.mentee
    ).exists()


def test_it_chooses_a_role_without_javascript_introduces_and_shares_a_situation(
    page, shot, personas, real_data  # noqa: F811
):
    rel = relationship_request(program=personas.program, mentee=personas.mentee,
                               mentor=personas.mentor, by=personas.mentee)
    rel = relationship_accept(relationship=rel, by=personas.mentor)
    agreement_update(agreement=rel.agreement, by=personas.mentee, data={"goals": ["Grow"]})
    agreement_sign(agreement=rel.agreement, by=personas.mentee)
    agreement_sign(agreement=rel.agreement, by=personas.mentor)

    sign_in(page, "maya.mentee@example.com")
    page.goto("/growth/target/")
    page.get_by_label("The role you want to grow into (a job title)").fill("sofware developer")
    page.get_by_role("button", name="Search").click()
    page.get_by_role("button", name=re.compile(r"^Choose this role\W+Software Developers$")).click()
    expect(page.get_by_text("Your target role is saved.")).to_be_visible()
    page.get_by_role("link", name="Self-assessment").click()
    expect(page.get_by_role("note")).to_contain_text("O*NET has not yet rated the skills of "
                                                     "Software Developers")
    shot("borrowed-skills")

    page.goto("/growth/situations/")
    page.get_by_label("Title").fill("Sales ignores the new brief")
    page.get_by_label("Situation").fill("The sales team keeps using the old pitch.")
    page.get_by_label("Options considered").fill("Escalate; meet their lead; run a workshop")
    page.get_by_role("button", name="Save (private)").click()
    expect(page.get_by_text("Only you can read it unless you share it.")).to_be_visible()
    page.get_by_label("Share with").select_option(label="Marco Mentor")
    page.get_by_role("button", name="Share", exact=True).click()
    expect(page.get_by_text("You and Marco Mentor.")).to_be_visible()
    shot("situation-shared")
    sign_out(page)

    sign_in(page, "marco.mentor@example.com")
    page.goto(f"/growth/people/{personas.mentee.pk}/")
    page.get_by_label("Introduce them to (email)").fill("uma.unrelated@example.com")
    page.get_by_label("Why they should meet").fill("Uma runs the budget process Maya will own.")
    page.get_by_role("button", name="Propose the introduction").click()
    expect(page.get_by_text("Introduction proposed")).to_be_visible()
    expect(page.get_by_role("region", name="Situations shared with you")).to_contain_text(
        "Sales ignores the new brief")
    shot("mentor-introduces")
    sign_out(page)

    for email in ("maya.mentee@example.com", "uma.unrelated@example.com"):
        sign_in(page, email)
        page.goto("/growth/")
        page.get_by_role("region", name="Introductions under way").get_by_role(
            "link").click()
        page.get_by_role("button", name="Accept the introduction").click()
        expect(page.get_by_text("Thank you: your answer is saved.")).to_be_visible()
        sign_out(page)
    sign_in(page, "maya.mentee@example.com")
    page.goto("/growth/plan/")
    expect(page.get_by_role("region", name="Relationships to build")).to_contain_text(
        "Uma Unrelated")
    page.get_by_role("region", name="Introductions").get_by_role("link").click()
    expect(page.get_by_text("uma.unrelated@example.com")).to_be_visible()
    shot("introduction-connected")
