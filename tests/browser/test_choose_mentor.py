"""A mentee reads why mentors fit, asks two in order; the first declines, the second accepts."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from mentora.programs.models import Enrollment, Program
from mentora.recommendations.models import MentorChoice
from mentora.relationships.models import Relationship
from mentora.relationships.services.lifecycle import relationship_end_early
from mentora.testing import make_user
from tests.browser._walk import sign_in, sign_out

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_it_lets_a_mentee_choose_two_mentors_in_order_and_moves_on_when_one_declines(
    page, shot, personas
):
    grow = personas.program
    grow.matching_mode = Program.MatchingMode.MENTEE_CHOICE
    grow.save()
    nora = make_user(
        "nora.north@example.com",
        "Nora North",
        job_title="Sales Director",
        current_role="Sales Director",
        department="Sales",
        years_experience=15,
        offers_mentoring=True,
        experience_summary="Built and coached sales teams; negotiation trainer.",
        skills_offered=["Negotiation"],
    )
    Enrollment.objects.create(program=grow, user=nora, role="mentor", status="approved")

    sign_in(page, personas.mentee.email)
    page.get_by_role("link", name="Programs").click()
    page.get_by_role("link", name="Grow", exact=True).click()
    page.get_by_role("link", name="Choose your mentor").click()
    expect(page.get_by_role("heading", name="Choose your mentor in Grow")).to_be_visible()
    marco_card = page.get_by_role("listitem").filter(
        has=page.get_by_role("heading", name="Marco Mentor")
    )
    expect(marco_card.get_by_role("list", name="Why Marco Mentor")).to_contain_text(
        "Marco Mentor has worked as Marketing Manager, your target role"
    )
    marco_card.get_by_text("Every factor of the score").click()
    expect(marco_card.get_by_role("table")).to_contain_text(
        "Marco Mentor offers 1 of the 1 skills you want"
    )
    shot("recommendations")

    page.get_by_label("Has held my target role").check()
    page.get_by_role("button", name="Filter").click()
    expect(page.get_by_role("heading", name="Nora North")).to_have_count(0)
    expect(page.get_by_role("heading", name="Marco Mentor")).to_be_visible()
    page.get_by_role("link", name="Clear filters").click()

    page.locator(f"#rank_{personas.mentor.pk}").select_option("1")
    page.locator(f"#note-toggle-{personas.mentor.pk}").click()  # the note box opens per mentor
    page.locator(f"#note_{personas.mentor.pk}").fill("I want to become a marketing manager.")
    page.locator(f"#rank_{nora.pk}").select_option("2")
    page.locator(f"#note-toggle-{nora.pk}").click()
    page.locator(f"#note_{nora.pk}").fill("Negotiation is my weak spot.")
    page.get_by_role("button", name="Send my requests").click()
    expect(page.get_by_text("We asked Marco Mentor first.")).to_be_visible()
    expect(page.get_by_role("heading", name="My requests")).to_be_visible()
    rows = page.get_by_role("table", name=re.compile("Open requests in Grow")).get_by_role("row")
    expect(rows.nth(1)).to_contain_text("Marco Mentor")
    expect(rows.nth(1)).to_contain_text("Asked, waiting for an answer")
    expect(rows.nth(2)).to_contain_text("Nora North")
    expect(rows.nth(2)).to_contain_text("Waiting its turn")
    shot("my-requests")
    sign_out(page)

    sign_in(page, personas.mentor.email)
    # A mentor's requests have their own entry in the navigation (not under "Choose a mentor").
    main_nav = page.get_by_role("navigation", name="Main")
    main_nav.get_by_role("link", name="Requests to me").click()
    expect(main_nav.get_by_role("link", name="Requests to me")).to_have_attribute(
        "aria-current", "page"
    )
    expect(page.get_by_role("table")).to_contain_text("I want to become a marketing manager.")
    shot("mentor-inbox")
    page.get_by_role("link", name="Accept, decline or ask").click()
    page.get_by_label("Ask Maya Mentee a question").fill("Which market do you work in?")
    page.get_by_role("button", name="Send question").click()
    expect(page.get_by_text("Your question is sent to Maya Mentee.")).to_be_visible()
    page.get_by_label("Why you decline").fill("I am full this quarter; Nora is great at this.")
    shot("mentor-request")
    page.get_by_role("button", name="Decline").click()
    expect(page.get_by_text("You declined Maya Mentee's request")).to_be_visible()
    sign_out(page)

    sign_in(page, nora.email)
    page.goto("/recommendations/inbox/")
    expect(page.get_by_role("table")).to_contain_text("Negotiation is my weak spot.")
    page.get_by_role("link", name="Accept, decline or ask").click()
    page.get_by_role("button", name="Accept Maya Mentee").click()
    expect(page.get_by_text("You accepted Maya Mentee")).to_be_visible()
    expect(page.get_by_role("heading", name="Your mentoring with Maya Mentee")).to_be_visible()
    sign_out(page)

    sign_in(page, personas.mentee.email)
    page.goto("/recommendations/requests/")
    expect(page.get_by_role("region", name="Grow")).to_contain_text("Nora North — Accepted")
    expect(page.get_by_role("region", name="Grow")).to_contain_text(
        "I am full this quarter; Nora is great at this."
    )
    shot("mentee-accepted")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Choose a mentor").click()
    expect(page.get_by_role("heading", name="Choose a mentor or coach")).to_be_visible()
    shot("choose-hub")

    relationship = Relationship.objects.get(mentee=personas.mentee, mentor=nora)
    relationship_end_early(relationship=relationship, by=nora, reason="Moving abroad.")
    page.get_by_role("link", name="Do not pair us again").click()
    page.get_by_role("button", name="Do not pair me with Nora North again").click()
    expect(page.get_by_text("You will not be paired with Nora North again.")).to_be_visible()
    shot("do-not-pair")
    page.goto("/recommendations/programs/grow/")
    expect(page.get_by_role("heading", name="Marco Mentor")).to_have_count(0)  # he declined
    expect(page.get_by_role("heading", name="Nora North")).to_have_count(0)  # never again

    choices = {c.mentor_id: c for c in MentorChoice.objects.filter(mentee=personas.mentee)}
    assert choices[personas.mentor.pk].status == "declined"
    assert choices[nora.pk].status == "accepted"
    assert Relationship.objects.get(mentee=personas.mentee, mentor=nora).status == "ended_early"
