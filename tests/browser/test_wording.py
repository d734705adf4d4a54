"""No page of any role reads like code: the wording-leak crawl (docs/writing.md).

The demo organization is built (tests/browser/_a11y.py) and each role's site is crawled with
Django's test client, following every link and htmx GET, like the accessibility crawl. Every
page and fragment is read as a person reads it (text outside scripts and code) and checked
for the tell-tale signs of internals leaking into words: snake_case words, Python lists and
values, "1 people"-style plurals, "Accept: done.", made-up plurals ("coachs"), roles written
as codes ("mentee / coachee") and labels with a trailing colon.

Pages another helper is rewriting this round are listed in KNOWN_LEAKS (empty now): the crawl
lets their leaks through, and a second test turns red the moment such a page is clean, so its
entry goes.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from tests.browser import _a11y
from tests.browser.conftest import ARTIFACTS

pytestmark = [pytest.mark.browser]

# route -> why its leaks are not fixed on this branch (the last test checks they still leak).
KNOWN_LEAKS: dict[str, str] = {}

_FOUND: dict[str, list[str]] = {}  # route -> "role url: leak", filled by the crawl test


@pytest.mark.django_db
def test_it_finds_no_wording_leaks_on_any_page_of_any_role(client, tmp_path):
    world = _a11y.build_world(tmp_path)
    pages = 0
    for role in _a11y.ROLES:
        client.logout()
        if world.users[role] is not None:
            client.force_login(world.users[role])
        result = _a11y.crawl(
            client, role=role, start=["/", *world.extra_urls[role], *_plain_urls()]
        )
        pages += len(result.pages)
        for url, leaks in result.leaks.items():
            route = _a11y.route_key(urlsplit(url).path) or url
            _FOUND.setdefault(route, []).extend(f"{role} {url}: {leak}" for leak in leaks)
    out = ARTIFACTS / "wording"
    out.mkdir(parents=True, exist_ok=True)
    (out / "leaks.txt").write_text(
        "\n".join(line for lines in _FOUND.values() for line in lines) + "\n", encoding="utf-8"
    )
    unexpected = {r: lines for r, lines in _FOUND.items() if r not in KNOWN_LEAKS}
    assert pages > 50
    assert not unexpected, f"Wording leaks on {len(unexpected)} route(s) (docs/writing.md):\n" + (
        "\n".join(f"  {line}" for lines in unexpected.values() for line in lines)
    )


def _plain_urls() -> list[str]:
    """Routes without arguments, opened by every role even when no page links to them."""
    from tests.browser.test_accessibility import EXEMPT, _route_params

    return [
        reverse(r) for r in _a11y.page_routes()
        if r not in EXEMPT and not r.startswith("^") and not _route_params(r)
    ]


def test_it_lists_only_pages_that_still_leak():
    """A KNOWN_LEAKS entry whose page is fixed must go (the list never hides a clean page)."""
    if not _FOUND and KNOWN_LEAKS:
        pytest.fail("runs after the crawl test in this module")
    fixed = [route for route in KNOWN_LEAKS if route not in _FOUND]
    assert not fixed, f"No leaks any more on {', '.join(fixed)}: remove them from KNOWN_LEAKS"
