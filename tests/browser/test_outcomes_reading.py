"""Reading results as a director would, on the demo organization in a real browser: Priya
opens Grow's outcomes and the first lines are sentences ("Self-confidence rose for 7 of 10
mentees: +0.6 on a 5-point scale, a clear rise"), the statistics one click away; Olga opens
the organization overview, reads it in short, and prints it without the site around it.
Screenshots at 1280 and 390 px."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from mentora.demo.builder import demo_build
from mentora.demo.data import DEMO_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# "Self-confidence rose for 7 of 10 mentees: +0.6 on a 5-point scale, a clear rise."
SENTENCE = re.compile(
    r"\w[\w -]* (rose|fell) for \d+ of \d+ mentees: [+−]\d\.\d on a 5-point scale, "
    r"(a (very small|small|clear|large) (rise|drop)|too small to be sure it is more than chance)\."
)
JARGON = ("d_z", "p-value", "Wilcoxon", "t-test", "confidence interval")


def sign_in(page, email):
    page.set_default_timeout(60_000)  # a shared, busy machine: the first page compiles templates
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()


def no_sideways_scroll(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]


def test_priya_reads_grows_outcomes_in_sentences_first(page, shot):
    demo_build()
    sign_in(page, "priya.raman@example.com")
    page.goto("/outcomes/programs/grow/outcomes/")
    heading = page.get_by_role("heading", name=re.compile(r"^Grow\b.*: outcomes$"), level=1)
    expect(heading).to_be_visible()

    summary = page.get_by_role("region", name="In short")
    expect(summary.locator("p").first).to_have_text(
        "Compared with when they joined, by the end of the program:")
    expect(summary.get_by_role("listitem").first).to_have_text(SENTENCE)
    for word in JARGON:
        expect(summary).not_to_contain_text(word)
    shot("outcomes-1280")

    # The statistics are there, one click away, not in the way.
    change = page.get_by_role("region", name="What changed for them")
    stats = change.locator("details.statistics").filter(
        has=page.locator("summary", has_text=re.compile(r"^Statistics"))).first
    expect(stats.get_by_role("columnheader", name="Effect size (Cohen's d)")).to_be_hidden()
    stats.locator("summary").click()
    expect(stats.get_by_role("columnheader", name="Effect size (Cohen's d)")).to_be_visible()
    expect(stats.get_by_role("columnheader", name="Wilcoxon signed-rank p")).to_be_visible()
    shot("statistics-open")

    careers = page.get_by_role("region", name="Careers")
    expect(careers).to_contain_text("Career movement")
    expect(careers).to_contain_text(re.compile(r"association|imported again"))

    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    expect(page.get_by_role("region", name="In short").get_by_role("listitem").first).to_have_text(
        SENTENCE)
    no_sideways_scroll(page)
    shot("outcomes-390")


def test_olga_reads_the_organization_overview_and_prints_it(page, shot):
    demo_build()
    sign_in(page, "olga.petrova@example.com")
    page.goto("/outcomes/overview/")
    expect(page.get_by_role("heading", name="Mentoring and coaching: organization overview",
                            level=1)).to_be_visible()
    in_short = page.get_by_role("region", name="In short")
    expect(in_short).to_contain_text(re.compile(r"\d+ people enrolled to be mentored or coached; "
                                                r"\d+ of them are matched\."))
    expect(in_short).to_contain_text(re.compile(r"\d+ relationships are active"))
    glance = page.get_by_role("table", name="Programs at a glance")
    expect(glance.get_by_role("rowheader", name=re.compile(r"^Grow\b"))).to_be_visible()
    expect(glance.get_by_role("rowheader", name=re.compile(r"^Lead\b"))).to_be_visible()
    grow = page.get_by_role("region", name=re.compile(r"^Grow\b"))
    expect(grow.get_by_role("listitem").first).to_contain_text(re.compile(r"\d+ of \d+ enrolled"))
    expect(page.get_by_text("an association, not proof that a program caused it")).to_be_visible()
    for word in JARGON:
        expect(page.locator("main")).not_to_contain_text(word)
    shot("overview-1280")

    # Printed for the board: the site's navigation and the links go, the sentences stay.
    page.emulate_media(media="print")
    expect(page.get_by_role("navigation", name="Main")).to_be_hidden()
    expect(grow.get_by_role("link", name=re.compile("Dashboard"))).to_be_hidden()
    expect(grow.get_by_role("listitem").first).to_be_visible()
    page.pdf(path=str(shot("overview-print").with_suffix(".pdf")))
    page.emulate_media(media="screen")

    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    no_sideways_scroll(page)
    shot("overview-390")
