"""Text that cannot be stored, typed in a browser (issue 21, item 8): Maya pastes a title with a
tab and a note with a bell character; each page answers with the error under its field and
keeps what she typed, at 1280 and 390 px."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from mentora.growth.models import Situation
from mentora.testing import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ONE_LINE = "This cannot contain line breaks, tabs or other control characters."
ANY_TEXT = "This cannot contain control characters (other than tabs and line breaks)."


def test_it_shows_the_error_under_the_field_that_holds_it(page, shot, personas):
    page.set_default_timeout(30_000)  # a shared, busy test machine
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(personas.mentee.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    page.goto("/growth/situations/")
    page.get_by_label("Title").fill("Budget\treview")
    page.get_by_label("Situation").fill("My manager asked\x07 for the numbers.")
    page.get_by_role("button", name="Save (private)").click()
    expect(page.get_by_text(ONE_LINE, exact=True)).to_be_visible()
    expect(page.get_by_text(ANY_TEXT, exact=True)).to_be_visible()
    assert page.get_by_label("Title").input_value() == "Budget\treview"
    assert not Situation.objects.exists()
    shot("situation-errors-1280")
    page.set_viewport_size({"width": 390, "height": 844})
    shot("situation-errors-390")
    wide = page.evaluate(
        "[...document.querySelectorAll('main *')].filter(e => e.getBoundingClientRect().right"
        " > window.innerWidth + 1).map(e => e.tagName)"
    )
    assert wide == [], wide
