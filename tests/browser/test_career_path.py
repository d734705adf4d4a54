"""The demo mentee's career path in a real browser: she confirms the O*NET occupation of the
target role she typed, reads what it takes (O*NET skills, BLS figures), rates herself and sees
her skill gap — on a laptop and on a phone. No career data is loaded by hand: the demo ships it."""

import pytest
from playwright.sync_api import expect

from mentora.demo.builder import demo_build
from mentora.demo.data import DEMO_PASSWORD
from mentora.people.models import Profile

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
TARGET = "Computer and Information Systems Managers"


def sign_in(page, email):
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def no_sideways_scroll(page, selector="main"):
    """Nothing in the page's content is wider than the phone's screen."""
    wide = page.evaluate(
        """([selector, limit]) => [...document.querySelectorAll(selector + ' *')]
            .filter(el => el.getBoundingClientRect().right > limit + 1)
            .map(el => [el.tagName, el.className, Math.round(el.getBoundingClientRect().right)])
            .map(parts => parts.join(' '))
            .slice(0, 5)""",
        [selector, page.viewport_size["width"]],
    )
    assert not wide, f"wider than the screen: {wide}"


def test_it_walks_the_demo_mentee_from_her_free_text_target_to_her_skill_gap(page, shot):
    page.set_default_timeout(30_000)  # the shared test machine is slow under load
    demo_build()
    # As if Maya had only typed her target role (or the HRIS import had brought it).
    Profile.objects.filter(user__email="maya.chen@example.com").update(target_occupation_code="")
    sign_in(page, "maya.chen@example.com")

    page.goto("/growth/")
    question = page.get_by_role("region", name="Is this your target role?")
    expect(question).to_contain_text("you want to become “Engineering Manager”")
    shot("did-you-mean-1280")
    page.set_viewport_size({"width": 390, "height": 844})
    no_sideways_scroll(page)
    shot("did-you-mean-390")
    page.set_viewport_size({"width": 1280, "height": 900})
    question.get_by_role("button", name=TARGET).click()
    expect(page.get_by_role("status").or_(page.locator(".messages"))).to_contain_text(
        f"Your target role is now {TARGET}"
    )

    page.get_by_role("link", name="What it takes: skills, tasks, market outlook").click()
    expect(page.get_by_role("heading", level=1, name=TARGET)).to_be_visible()
    outlook = page.get_by_role("region", name="Market outlook (2024–2034)")
    expect(outlook).to_contain_text("Median wage")
    expect(outlook).to_contain_text("$")
    expect(page.get_by_role("region", name="Top skills")).to_be_visible()
    expect(page.get_by_text("Bureau of Labor Statistics")).to_be_visible()
    shot("insight-1280")
    page.set_viewport_size({"width": 390, "height": 844})
    no_sideways_scroll(page)
    shot("insight-390")
    page.set_viewport_size({"width": 1280, "height": 900})

    page.goto("/growth/assessment/")
    groups = page.locator("fieldset.skill-scale")
    skills = groups.count()
    assert skills == 10
    shot("assessment-1280")
    for index in range(skills):
        groups.nth(index).get_by_role("radio").nth(2).check()
    page.get_by_role("button", name="Save assessment").click()
    expect(page.get_by_role("heading", level=1, name=f"Skill gap for {TARGET}")).to_be_visible()
    expect(page.locator("table.gap-table tbody tr")).to_have_count(10)
    expect(page.locator("table.gap-table")).to_contain_text("of 5")
    shot("gap-1280")
    page.set_viewport_size({"width": 390, "height": 844})
    no_sideways_scroll(page)
    shot("gap-390")

    # A role outside the shipped subset: the search says why it finds nothing.
    page.goto("/careers/?q=nurse")
    expect(page.get_by_text("This site holds only the 82 occupations")).to_be_visible()
    no_sideways_scroll(page)
    shot("search-subset-390")
