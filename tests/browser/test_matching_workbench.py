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
        page.get_by_text(
            "Marco Mentor has worked as Marketing Manager, Maya Mentee's target role"
        ).first
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
    page.get_by_label("Weight: Different department").fill("0.5")
    page.get_by_role("button", name="Preview").click()
    expect(page.get_by_role("heading", name="Side by side")).to_be_visible()
    expect(page.get_by_role("heading", name="Pairs that change")).to_be_visible()
    shot("what-if")
    page.get_by_role("link", name="Back to the draft").click()

    # Publishing shows what will happen first, with the message each side will get.
    page.get_by_role("link", name=re.compile(r"Review and publish 5 pairs")).click()
    expect(page.get_by_role("heading", name="What will happen")).to_be_visible()
    expect(page.get_by_text("5 pairs become requests")).to_be_visible()
    page.get_by_label("Introduction (first paragraph of every message)").fill(
        "Welcome to the spring cohort of Grow."
    )
    page.get_by_role("button", name="Update the preview").click()
    mentee_msg = page.get_by_role("region", name=re.compile(r"What .* \(mentee\) will get"))
    expect(mentee_msg.get_by_text("Welcome to the spring cohort of Grow.")).to_be_visible()
    assert Relationship.objects.count() == 0  # nothing sent or created yet
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        shot(f"publish-preview-{width}")
    page.get_by_role("button", name=re.compile(r"Publish 5 pairs and tell \d+ people")).click()
    expect(page.get_by_text(re.compile(r"Published 5 pairs and told \d+ people"))).to_be_visible()
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        wide = page.evaluate("""() => [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1
                    && !e.closest('.table-scroll, .card table'))
            .slice(0, 5).map(e => e.tagName + '.' + e.className + ' ' + e.textContent.slice(0, 40))""")
        assert not wide, wide
        shot(f"published-{width}")

    # Until a mentor accepts, the manager can withdraw a match (it asks first).
    other = Relationship.objects.exclude(mentee=personas.mentee).order_by("pk").first()
    page.goto(f"/matching/grow/withdraw/{other.pk}/")
    page.get_by_label("Reason (told to both)").fill("Joined the wrong cohort")
    page.get_by_role("button", name="Withdraw the match and tell both").click()
    withdrew = page.get_by_text(re.compile(r"Withdrew the match of .*; both were told"))
    expect(withdrew).to_be_visible()
    other.refresh_from_db()
    assert other.status != "requested"

    rel = Relationship.objects.get(mentee=personas.mentee)
    assert rel.mentor == personas.mentor  # the pin held
    page.get_by_role("button", name="Sign out").click()
    sign_in(page, personas.mentee.email)
    page.goto(f"/relationships/{rel.pk}/")
    why = page.get_by_role("region", name="Why we matched you")
    expect(why).to_be_visible()
    expect(
        why.get_by_text("Marco Mentor has worked as Marketing Manager, your target role")
    ).to_be_visible()
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        shot(f"mentee-why-matched-{width}")
