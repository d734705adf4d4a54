"""A program manager opens the closed "Change the priority" panel, tries "only good fits" in a
what-if preview and reads the change in words; screenshots at 390 and 1280 px."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from mentora.matching.services import matchrun_execute, matchrun_start
from mentora.matching.tests.helpers import grow_cohort
from mentora.testing import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, email):
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def no_sideways_scroll(page):
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


@pytest.mark.parametrize("width", [390, 1280])
def test_priority_panel_opens_when_asked_and_whatif_tries_good_fits(page, shot, personas, width):
    page.set_viewport_size({"width": width, "height": 900})
    grow_cohort(personas, mentees=6, mentors=2)
    matchrun_execute(run=matchrun_start(program=personas.program, by=personas.manager))
    sign_in(page, personas.manager.email)
    page.goto("/matching/grow/")
    summary = page.get_by_text("Change the priority", exact=True)
    expect(summary).to_be_visible()
    save = page.get_by_role("button", name="Save the priority")
    expect(save).to_be_hidden()  # closed until asked
    no_sideways_scroll(page)
    shot(f"workbench-{width}")
    summary.click()
    expect(save).to_be_visible()
    expect(page.get_by_label("Match only good fits")).to_be_visible()
    shot(f"workbench-priority-open-{width}")

    page.goto("/matching/grow/what-if/")
    expect(page.get_by_role("heading", name="What-if: Grow")).to_be_visible()
    page.get_by_label("Match only good fits").check()
    no_sideways_scroll(page)
    shot(f"whatif-{width}")
    page.get_by_role("button", name="Preview").click()
    expect(page.get_by_role("heading", name="Side by side")).to_be_visible()
    row = page.get_by_role("row", name="Priority")
    expect(row).to_contain_text("Match as many as possible")
    expect(row).to_contain_text("Match only good fits")
    no_sideways_scroll(page)
    shot(f"whatif-result-{width}")
