"""The pages program staff live on, as Priya (program manager) and Olga (organization admin)
see them on the demo, at 1280 and 390 px: each opens, nothing scrolls sideways, and a
full-page screenshot is saved for review (test-artifacts/<test>/)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from mentora.demo.builder import demo_build
from mentora.demo.data import DEMO_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = {
    "priya.raman@example.com": [
        ("programs", "/programs/"),
        ("program", "/programs/grow/"),
        ("roster", "/programs/grow/roster/"),
        ("relationships", "/relationships/programs/grow/"),
        ("outcomes", "/outcomes/programs/grow/outcomes/"),
        ("overview", "/outcomes/overview/"),
    ],
    "olga.petrova@example.com": [
        ("programs", "/programs/"),
        ("program", "/programs/lead/"),
        ("roster", "/programs/lead/roster/"),
        ("import", "/people/import/"),
        ("outcomes", "/outcomes/programs/lead/outcomes/"),
        ("overview", "/outcomes/overview/"),
        ("audit", "/audit/"),
    ],
}


@pytest.mark.parametrize("email", list(PAGES))
def test_staff_pages_read_at_1280_and_390(page, shot, email):
    demo_build()
    page.set_default_timeout(60_000)  # a shared, busy machine
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    for width, height in ((1280, 900), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        for name, url in PAGES[email]:
            response = page.goto(url)
            assert response is not None and response.status == 200, f"{url}: {response}"
            expect(page.get_by_role("heading", level=1)).to_be_visible()
            wide = page.evaluate("document.documentElement.scrollWidth")
            assert wide <= width, f"{url} scrolls sideways at {width} px ({wide} px wide)"
            shot(f"{name}-{width}")
