"""A subject-access request in a browser (issue 21, item 2): the admin sends Maya her data from
the People page; Maya opens the emailed link signed in as herself and downloads it; the admin
opening the same link is refused."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from mentora.notifications.models import OutboxMessage
from tests.browser._walk import sign_in, sign_out

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _no_sideways_scroll(page):
    """Nothing in the page's own content reaches past the viewport. (The admin's account menu
    in the shared header is wider than 390 px on every page; that is base.html's, reported.)"""
    wide = page.evaluate(
        "[...document.querySelectorAll('main > *')].filter(e => e.getBoundingClientRect().right"
        " > window.innerWidth + 1).map(e => e.tagName + ': ' + e.textContent.slice(0, 40))"
    )
    assert wide == [], wide


def test_it_sends_a_person_their_data_and_only_they_download_it(page, shot, personas):
    sign_in(page, personas.admin.email)
    page.goto("/people/organization/")
    row = page.get_by_role("row").filter(has_text=personas.mentee.email)
    row.get_by_role("link", name="Send it to them").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("their data")
    shot("admin-asks-1280")
    page.set_viewport_size({"width": 390, "height": 800})
    shot("admin-asks-390")
    _no_sideways_scroll(page)
    page.get_by_role("button", name=re.compile("Email .* their data")).click()
    expect(page.get_by_text("We emailed")).to_be_visible()
    shot("admin-confirmation-390")
    _no_sideways_scroll(page)  # the people table scrolls inside its own box
    message = OutboxMessage.objects.get(kind="accounts.data_export")
    path = re.search(r"/accounts/my-data/link/[^\s]+/", message.body).group(0)

    page.goto(path)  # the admin opens the person's link
    expect(page.get_by_role("alert")).to_contain_text("sent to someone else")
    shot("admin-refused-390")
    sign_out(page)  # at 390 px "Sign out" is inside the "Menu" collapsible

    sign_in(page, personas.mentee.email)
    page.goto(path)
    page.set_viewport_size({"width": 1280, "height": 900})
    shot("person-link-1280")
    page.set_viewport_size({"width": 390, "height": 800})
    shot("person-link-390")
    _no_sideways_scroll(page)
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download my data (JSON)").click()
    data = json.loads(Path(download_info.value.path()).read_text(encoding="utf-8"))
    assert data["person"]["email"] == personas.mentee.email
    assert data["private_notes_included"] is True
