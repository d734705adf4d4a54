"""Every page of every role passes axe-core's WCAG 2.2 A/AA rules with zero violations.

The demo organization is built (tests/browser/_a11y.py), then for each role — mentee,
mentor, coach, program manager, organization admin, anonymous — the site is crawled from
the home page with Django's test client, following every link and htmx GET, so a page added
anywhere in the UI is visited without editing this file. Every route of
`django.urls.get_resolver()` must be met by some crawl (as a page, a form action, an htmx
fragment, a download or a redirect), be answered 405 to a GET (a POST-only action), or be
listed in EXEMPT with a reason. Then one Chromium visits each page with the role's session
and runs axe-core. docs/accessibility.md is the conformance statement built on this test.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
import time
from typing import Any

import pytest
from django.urls import NoReverseMatch, get_resolver, reverse
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.browser import _a11y
from tests.browser.conftest import ARTIFACTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Routes no crawl can reach, each with the reason. Keep it short: a page belongs here only
# when no link, form or email in the demo world leads to it.
EXEMPT: dict[str, str] = {
    "oidc_authentication_init": "single sign-on: redirects to the identity provider (linked "
    "from the sign-in page only when SSO is configured); never a page of its own",
    "oidc_authentication_callback": "single sign-on: the identity provider sends the browser "
    "back here and it redirects; never a page of its own",
    "matching:withdraw": "offered only for a published pair the mentor has not accepted yet; "
    "the crawl's world publishes no draft; test_matching_workbench.py walks it",
}

PROBE_VALUES = {"int": "999999", "slug": "grow", "str": "x", "path": "x", "onet": "11-2021.00"}


def _probe_url(route: str) -> str | None:
    """A URL of a route with made-up arguments: enough to see whether GET is refused."""
    try:
        params = _route_params(route)
        return reverse(route, kwargs={k: PROBE_VALUES.get(v, "x") for k, v in params.items()})
    except NoReverseMatch:  # a route that cannot be built is reported as unreached
        return None


def _route_params(route: str) -> dict[str, str]:
    """{argument: converter name} of a named route, from the URL patterns."""
    from django.urls import URLPattern, URLResolver

    def walk(patterns: list[Any], namespace: str | None, found: dict[str, str]) -> bool:
        for p in patterns:
            if isinstance(p, URLResolver):
                ns = namespace
                if p.namespace:
                    ns = f"{namespace}:{p.namespace}" if namespace else p.namespace
                inner = dict(found)
                inner.update(_converters(p.pattern))
                if walk(p.url_patterns, ns, inner):
                    found.clear()
                    found.update(inner)
                    return True
            elif isinstance(p, URLPattern):
                name = f"{namespace}:{p.name}" if namespace and p.name else p.name
                if name == route:
                    found.update(_converters(p.pattern))
                    return True
        return False

    found: dict[str, str] = {}
    walk(get_resolver().url_patterns, None, found)
    return found


def _converters(pattern: Any) -> dict[str, str]:
    text = str(pattern)
    return {m.group(2): m.group(1) or "str" for m in re.finditer(r"<(?:(\w+):)?(\w+)>", text)}


def _post_only(client: Any, route: str) -> bool:
    url = _probe_url(route)
    return url is not None and client.get(url).status_code == 405


def _wait_for_htmx(page: Any) -> None:
    """Let content that htmx loads on page load arrive before axe looks."""
    if page.locator("[hx-trigger*='load']").count():
        # A page that keeps polling (a matching run in progress) is checked as it is.
        with contextlib.suppress(PlaywrightTimeout):
            page.wait_for_load_state("networkidle", timeout=3_000)


def test_it_runs_the_axe_core_named_in_the_conformance_statement():
    engine = hashlib.sha256(_a11y.AXE_SCRIPT.encode()).hexdigest()
    assert (_a11y.AXE_VERSION, engine) == ("4.12.1", _a11y.AXE_SHA256), (
        f"axe-core {_a11y.AXE_VERSION} ({engine}) is installed; docs/accessibility.md names "
        "4.12.1: update both together."
    )


def test_it_finds_no_axe_violations_on_any_page_of_any_role(browser, live_server, client, tmp_path):
    started = time.monotonic()
    world = _a11y.build_world(tmp_path)
    built = time.monotonic() - started
    crawls: list[_a11y.Crawl] = []
    findings: list[_a11y.Finding] = []
    phone: list[_a11y.Finding] = []  # at 360 px: sideways scrolling, small touch targets
    visited = 0
    checked: dict[str, str] = {}  # fingerprint -> the page (and role) axe checked for it
    same: list[str] = []
    spent = {"load": 0.0, "axe": 0.0}
    # Routes without arguments are opened by every role even when no page links to them
    # (a "forbidden" or "not found" answer is a page too).
    plain = [
        reverse(r) for r in _a11y.page_routes()
        if r not in EXEMPT and not r.startswith("^") and not _route_params(r)
    ]
    for role in _a11y.ROLES:
        client.logout()
        context = browser.new_context(
            base_url=live_server.url, viewport={"width": 1280, "height": 900}
        )
        user = world.users[role]
        if user is not None:
            client.force_login(user)
            context.add_cookies(
                [{"name": "sessionid", "value": client.cookies["sessionid"].value,
                  "url": live_server.url}]
            )
        result = _a11y.crawl(client, role=role, start=["/", *world.extra_urls[role], *plain])
        crawls.append(result)
        page = context.new_page()
        page.set_default_timeout(15_000)
        for url in result.pages:
            if result.fingerprints[url] in checked:
                same.append(f"{role}\t{url}\tsame as {checked[result.fingerprints[url]]}")
                continue
            checked[result.fingerprints[url]] = f"{url} as {role}"
            t0 = time.monotonic()
            page.goto(url)
            _wait_for_htmx(page)
            t1 = time.monotonic()
            findings += _a11y.axe_violations(page, role=role)
            spent["load"] += t1 - t0
            spent["axe"] += time.monotonic() - t1
            # The same page on a phone: no sideways scrolling, touch targets of 44 px.
            page.set_viewport_size({"width": _a11y.PHONE_WIDTH, "height": 800})
            phone += _a11y.phone_violations(page, role=role)
            page.set_viewport_size({"width": 1280, "height": 900})
            visited += 1
        context.close()
    client.logout()
    client.force_login(world.users["admin"])
    unreached = [
        r for r in _a11y.unreached_routes(crawls, EXEMPT) if not _post_only(client, r)
    ]

    summary = (
        f"axe-core {_a11y.AXE_VERSION}: {visited} pages checked of "
        + ", ".join(f"{c.role} {len(c.pages)}" for c in crawls)
        + f" found ({len(same)} the same as one checked for another role)"
        + f"; demo world built in {built:.0f} s, pages loaded in {spent['load']:.0f} s, axe ran "
        f"{spent['axe']:.0f} s, all in {time.monotonic() - started:.0f} s."
    )
    out = ARTIFACTS / "accessibility"
    out.mkdir(parents=True, exist_ok=True)
    text = _a11y.report(findings) if findings else "No violations.\n"
    (out / "axe-report.txt").write_text(summary + "\n\n" + text, encoding="utf-8")
    (out / "pages.txt").write_text(
        "\n".join(f"{c.role}\t{p}" for c in crawls for p in c.pages)
        + "\n\nNot checked again (same content, header aside):\n"
        + "\n".join(same)
        + "\n",
        encoding="utf-8",
    )
    problems = []
    if unreached:
        problems.append(
            "Routes no role's crawl reached (link them from a page, give the demo world an "
            "object that makes them appear, or list them in EXEMPT with a reason):\n  "
            + "\n  ".join(unreached)
        )
    if findings:
        problems.append(_a11y.report(findings))
    (out / "phone-report.txt").write_text(
        (_a11y.report(phone) if phone else "No page scrolls sideways at 360 px.") + "\n",
        encoding="utf-8",
    )
    if phone:
        problems.append(f"At {_a11y.PHONE_WIDTH} px:\n" + _a11y.report(phone))
    assert not problems, summary + "\n\n" + "\n\n".join(problems)


def test_it_reports_a_page_wider_than_a_phone_and_small_touch_targets(browser):
    context = browser.new_context(viewport={"width": _a11y.PHONE_WIDTH, "height": 800})
    page = context.new_page()
    page.set_content(
        "<main><div id='wide' style='width:600px'>A wide card</div>"
        "<button style='height:20px'>Tiny</button></main>"
    )
    findings = {f.rule: f for f in _a11y.phone_violations(page, role="mentee")}
    context.close()
    assert set(findings) == {"mentora-no-sideways-scroll", "mentora-touch-target"}
    assert "608px wide on a 360px screen" in findings["mentora-no-sideways-scroll"].help
    assert findings["mentora-no-sideways-scroll"].nodes[0][0] == "div#wide"
