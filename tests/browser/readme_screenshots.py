"""Screenshots of the main screens from the demo organization, for the README and reviews.

Run with `make screenshots` (not part of the test suite: the file name does not start with
`test_`). It builds the demo world the accessibility crawl uses (tests/browser/_a11y.py),
signs in as each demo person and saves, at 1280 px and at 390 px (a phone):

- `docs/screenshots/*.png`: the screens the README opens with (the window as seen, not the
  whole page), so the README always shows what the code does;
- `test-artifacts/screenshots/<role>/<width>/<page>.png`: full pages of home, the profile steps,
  the directory and a directory profile for every role, to look at when changing them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.urls import reverse

from tests.browser import _a11y
from tests.browser.conftest import ARTIFACTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DOCS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
ROLES = ("mentee", "mentor", "coach", "manager", "admin")
WIDTHS = {"desktop": 1280, "phone": 390}


def _pages(world: _a11y.World) -> dict[str, str]:
    mentor = world.users["mentor"]
    return {
        "home": "/",
        "profile-basics": reverse("people:profile_edit") + "?step=basics",
        "profile-career": reverse("people:profile_edit") + "?step=career",
        "profile-availability": reverse("people:availability"),
        "directory": reverse("people:directory"),
        "directory-profile": reverse("people:detail", args=[mentor.pk]),
    }


# (file name, role, page, width, what it shows) for the README.
README = [
    ("home-mentee.png", "mentee", "home", "desktop"),
    ("choose-a-mentor.png", "mentee", "choose", "desktop"),
    ("relationship.png", "mentee", "relationship", "desktop"),
    ("directory.png", "mentee", "directory", "desktop"),
    ("mentor-profile.png", "mentee", "directory-profile", "desktop"),
    ("profile-steps.png", "mentee", "profile-career", "desktop"),
    ("home-coach-phone.png", "coach", "home", "phone"),
    ("menu-phone.png", "mentee", "menu", "phone"),
]


def test_it_takes_the_screenshots(browser, live_server, client, tmp_path):
    world = _a11y.build_world(tmp_path)
    pages = _pages(world)
    extra = {
        "choose": reverse("recommendations:program", args=["stretch"]),
        "relationship": reverse("relationships:detail", args=[world.objects["pair"].pk]),
        "menu": "/",
    }
    DOCS.mkdir(parents=True, exist_ok=True)
    for role in ROLES:
        client.logout()
        client.force_login(world.users[role])
        session = client.cookies["sessionid"].value
        for label, width in WIDTHS.items():
            context = browser.new_context(
                base_url=live_server.url, viewport={"width": width, "height": 900},
                device_scale_factor=1,
            )
            context.add_cookies([{"name": "sessionid", "value": session, "url": live_server.url}])
            page = context.new_page()
            folder = ARTIFACTS / "screenshots" / role / label
            folder.mkdir(parents=True, exist_ok=True)
            for name, url in pages.items():
                page.goto(url)
                page.screenshot(path=str(folder / f"{name}.png"), full_page=True)
            for file, who, what, size in README:
                if who != role or size != label:
                    continue
                page.goto(pages.get(what) or extra[what])
                if what == "menu":
                    page.get_by_role("button", name="Menu").click()
                page.screenshot(path=str(DOCS / file), full_page=False)
            context.close()
    assert len(list(DOCS.glob("*.png"))) >= len(README)
