"""A program manager runs a match, pins a pair, previews a weight change and publishes;
the mentee then sees why they were matched."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from mentora.matching.services import matchruns_process
from mentora.matching.tests.helpers import grow_cohort
from mentora.relationships.models import Relationship
from mentora.testing import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, email):
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_a_manager_runs_pins_previews_and_publishes_then_the_mentee_sees_why(page, shot, personas):
    grow_cohort(personas, mentees=5, mentors=3)
    sign_in(page, personas.manager.email)
    page.goto("/programs/grow/")
    page.get_by_role("link", name="Matching").click()
    expect(page.get_by_role("heading", name="Matching: Grow")).to_be_visible()
    shot("workbench-empty")

    page.get_by_role("button", name="Run the matching").click()
    expect(page.get_by_role("progressbar")).to_be_visible()
    expect(page.get_by_text("Waiting for the worker")).to_be_visible()
    shot("run-queued")
    assert matchruns_process() == 1  # the worker's pass (the demo runs it in-process)
    # The progress poll sees the run finish and reloads the page with the draft.
    expect(page.get_by_role("heading", name="Proposed pairs")).to_be_visible()
    # The manager reads the reasons about both people, scores out of 100.
    expect(
        page.get_by_text("Marco has worked as Marketing Manager — Maya's target role").first
    ).to_be_visible()
    expect(page.get_by_role("columnheader", name="Score (out of 100)")).to_be_visible()
    expect(page.get_by_role("img", name="Distribution of pair scores")).to_be_visible()
    shot("draft")

    page.get_by_role("button", name="Pin Maya Mentee with Marco Mentor").click()
    expect(page.get_by_text("Maya Mentee pinned to Marco Mentor")).to_be_visible()
    expect(page.get_by_text("Pinned", exact=True).first).to_be_visible()
    shot("pinned")

    page.get_by_role("link", name=re.compile(r"Move\s*Mentee 0")).click()
    expect(page.get_by_role("heading", name="Move Mentee 0")).to_be_visible()
    shot("move-options")
    page.get_by_role("link", name="Back to the draft").click()

    page.get_by_role("link", name="What-if: try other weights").click()
    page.get_by_label("Weight: Other department").fill("0.5")
    page.get_by_role("button", name="Preview").click()
    expect(page.get_by_role("heading", name="Side by side")).to_be_visible()
    expect(page.get_by_role("heading", name="Pairs that change")).to_be_visible()
    shot("what-if")
    page.get_by_role("link", name="Back to the draft").click()

    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_text("Published 5 pairs (requests to accept)")).to_be_visible()
    shot("published")

    rel = Relationship.objects.get(mentee=personas.mentee)
    assert rel.mentor == personas.mentor  # the pin held
    page.get_by_role("button", name="Sign out").click()
    sign_in(page, personas.mentee.email)
    page.goto(f"/relationships/{rel.pk}/")
    why = page.get_by_role("region", name="Why we matched you")
    expect(why).to_be_visible()
    expect(why.get_by_text("Has worked as Marketing Manager — your target role")).to_be_visible()
    shot("mentee-why-matched")
