"""On a phone, a new mentee opens the menu, fills in her profile step by step, adds a photo,
and a mentor's directory profile then offers "Ask for mentoring"; nothing scrolls sideways."""

from __future__ import annotations

import re

import pytest
from PIL import Image
from playwright.sync_api import expect

from mentora.people.models import Profile
from mentora.testing import PASSWORD
from tests.browser import _a11y

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _no_sideways_scroll(page):
    findings = _a11y.phone_violations(page, role="mentee")
    assert not findings, _a11y.report(findings)


def test_it_walks_a_mentee_through_her_profile_on_a_phone(
    browser, live_server, personas, shot_dir, tmp_path
):
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 390, "height": 844}, has_touch=True
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(personas.mentee.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    # The header is one row: the primary items wait behind "Menu".
    main_nav = page.get_by_role("navigation", name="Main")
    expect(main_nav).to_be_hidden()
    expect(page.get_by_role("heading", name="Get started")).to_be_visible()
    _no_sideways_scroll(page)
    page.screenshot(path=str(shot_dir / "01-home.png"), full_page=True)
    page.get_by_role("button", name="Menu").click()
    expect(page.get_by_role("button", name="Menu")).to_have_attribute("aria-expanded", "true")
    expect(main_nav.get_by_role("link")).to_have_count(6)
    expect(main_nav.get_by_role("link", name="API tokens")).to_have_count(0)
    page.screenshot(path=str(shot_dir / "02-menu.png"))
    page.get_by_role("button", name=re.compile("your account")).click()
    page.locator("#account-menu").get_by_role("link", name="My profile").click()

    # Basics: a photo; the completeness names what is still missing.
    complete = re.compile(r"Your profile is \d+ % complete")
    expect(page.get_by_role("heading", name=complete)).to_be_visible()
    expect(page.locator(".completeness").get_by_role("link", name="A photo")).to_be_visible()
    picture = tmp_path / "me.png"
    Image.new("RGB", (900, 600), (20, 120, 60)).save(picture)
    page.get_by_label("Choose a photo").set_input_files(str(picture))
    page.get_by_role("button", name="Upload photo").click()
    expect(page.get_by_text("Your photo is saved.")).to_be_visible()
    expect(page.locator(".completeness").get_by_role("link", name="A photo")).to_have_count(0)
    _no_sideways_scroll(page)

    # Career path: saved, and on to the next step.
    page.get_by_role("navigation", name="Profile steps").get_by_role(
        "link", name="Career path and experience").click()
    page.get_by_label("Career goals").fill("Lead a marketing team within two years")
    page.get_by_role("button", name="Save and continue").click()
    saved = "Career path and experience saved. Next: style and personality."
    expect(page.get_by_text(saved)).to_be_visible()
    expect(page.get_by_role("heading", name="Style and personality", exact=True)).to_be_visible()
    _no_sideways_scroll(page)
    page.screenshot(path=str(shot_dir / "03-style-step.png"), full_page=True)
    profile = Profile.objects.get(user=personas.mentee)
    assert profile.career_goals == "Lead a marketing team within two years"
    assert profile.photo_updated_at is not None

    # Marco's profile, reached from the directory, shows her way to ask him when she may.
    personas.program.matching_mode = "mentee_choice"
    personas.program.save()
    page.goto("/people/")
    page.get_by_role("link", name="Marco Mentor").click()
    ask = page.get_by_role("link", name=re.compile("Ask for mentoring in Grow"))
    expect(ask).to_be_visible()
    box = ask.bounding_box()
    assert box is not None and box["height"] >= 44
    _no_sideways_scroll(page)
    page.screenshot(path=str(shot_dir / "04-mentor-profile.png"), full_page=True)
    context.close()


def test_it_opens_and_closes_the_account_menu_with_the_keyboard(page, personas):
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(personas.mentor.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    nav = page.get_by_role("navigation", name="Main")
    expect(nav.get_by_role("link", name="Requests to me")).to_be_visible()
    expect(nav.get_by_role("link")).to_have_count(6)
    button = page.get_by_role("button", name=re.compile("your account"))
    menu = page.locator("#account-menu")
    expect(menu).to_be_hidden()
    button.focus()
    page.keyboard.press("Enter")
    expect(menu.get_by_role("link", name="API tokens")).to_be_visible()
    page.keyboard.press("Escape")
    expect(menu).to_be_hidden()
    expect(button).to_be_focused()
    page.get_by_role("link", name="Accessibility").click()
    expect(page.get_by_role("heading", name="Accessibility", level=1)).to_be_visible()


@pytest.fixture
def shot_dir(request):
    from tests.browser.conftest import ARTIFACTS

    folder = ARTIFACTS / request.node.name
    folder.mkdir(parents=True, exist_ok=True)
    return folder
