"""A program manager sees how fresh the stored dashboard figures are and refreshes them."""

import pytest
from playwright.sync_api import expect

from mentora.demo.builder import demo_build
from mentora.demo.data import DEMO_PASSWORD
from mentora.programs.models import Enrollment, Program
from mentora.testing import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TOP = {"x": 0, "y": 0, "width": 1280, "height": 900}  # the part this test is about


def test_it_says_when_the_figures_were_computed_and_refreshes_them(page, shot):
    demo_build()
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill("priya.raman@example.com")
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.goto("/outcomes/programs/grow/")
    expect(page.get_by_text("Figures as of")).to_contain_text("(just now)")
    funnel = page.get_by_role("region", name="Funnel")
    expect(funnel.get_by_role("row", name="Enrolled 80 100")).to_be_visible()
    page.screenshot(path=str(shot("figures-as-of").with_name("01-top.png")), clip=TOP)
    pairs = page.get_by_role("region", name="Pairs to look at")
    expect(pairs.get_by_role("link").first).to_be_visible()  # names read live, badges stored
    pairs.screenshot(path=str(shot("pairs").with_name("02-pairs.png")))

    # Written behind the services' back: nothing marks the stored figures stale.
    newcomer = make_user("newcomer@example.com", "New Comer")
    Enrollment.objects.create(
        program=Program.objects.get(slug="grow"),
        user=newcomer,
        role=Enrollment.Role.MENTEE,
        status=Enrollment.Status.APPROVED,
    )
    page.reload()
    expect(funnel.get_by_role("row", name="Enrolled 80 100")).to_be_visible()
    page.get_by_role("button", name="Refresh now").click()
    expect(page.get_by_text("The figures are computed again")).to_be_visible()
    expect(funnel.get_by_role("row", name="Enrolled 81 100")).to_be_visible()
    page.screenshot(path=str(shot("refreshed").with_name("03-top.png")), clip=TOP)
