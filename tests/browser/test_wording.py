"""No page of any role reads like code: the wording-leak crawl (docs/writing.md).

The demo organization is built (tests/browser/_a11y.py) and each role's site is crawled with
Django's test client, following every link and htmx GET, like the accessibility crawl. Every
page and fragment is read as a person reads it (text outside scripts and code) and checked
for the tell-tale signs of internals leaking into words: snake_case words, Python lists and
values, "1 people"-style plurals, "Accept: done.", made-up plurals ("coachs"), roles written
as codes ("mentee / coachee") and labels with a trailing colon.

Pages another helper is rewriting this round are listed in KNOWN_LEAKS: each has its own
test, expected to fail (strict), so it turns red the moment the page is fixed and its entry
can go.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from tests.browser import _a11y
from tests.browser.conftest import ARTIFACTS

pytestmark = [pytest.mark.browser]

# route -> why its leaks are not fixed on this branch (each is an expected failure below).
H17A = "programs pages: h17a"
H17B = "import/outcomes pages: h17b"
KNOWN_LEAKS: dict[str, str] = {
    # "Mentee / coachee", "Mentor / coach" (Enrollment.Role's labels) instead of the program's
    # own role words; "Default mentor/coach capacity".
    "programs:list": H17A,
    "programs:detail": H17A,
    "programs:roster": H17A,
    # "Breaks: min_overlap": a constraint's code on the move-a-mentee page.
    "matching:move": H17A,
    # "(1 mentors)" in a chart description; "Effect size d_z".
    "outcomes:dashboard": H17B,
    "outcomes:outcomes": H17B,
}

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


@pytest.mark.parametrize(
    "route",
    [pytest.param(r, marks=pytest.mark.xfail(strict=True, reason=why)) for r, why in
     KNOWN_LEAKS.items()],
)
def test_it_finds_no_wording_leaks_on_pages_being_rewritten(route):
    if not _FOUND and route not in _FOUND:
        pytest.skip("runs after the crawl test in this module")
    assert route not in _FOUND, "\n".join(_FOUND[route])
