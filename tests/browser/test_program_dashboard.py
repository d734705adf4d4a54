"""A program manager reads the dashboard and outcomes of the demo organization, and the demo
mentee answers her baseline survey — in a real browser."""

import pytest
from playwright.sync_api import expect

from mentora.demo.builder import demo_build
from mentora.demo.data import DEMO_PASSWORD
from mentora.outcomes.models import SurveyAnswer, SurveyInvitation
from tests.browser._walk import open_account_menu, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_it_shows_the_demo_program_dashboard_and_outcomes(page, shot):
    demo_build()
    sign_in(page, "priya.raman@example.com", DEMO_PASSWORD)
    page.goto("/programs/grow/")
    page.get_by_role("link", name="Dashboard").click()
    expect(page.get_by_role("heading", name="Grow: 1:1 mentoring: dashboard")).to_be_visible()
    funnel = page.get_by_role("region", name="Funnel")
    expect(funnel.get_by_role("img", name="Funnel: how far mentees got")).to_be_visible()
    expect(funnel.get_by_role("row", name="Enrolled 80 100")).to_be_visible()
    expect(page.get_by_role("region", name="Capacity planning")).to_contain_text(
        "More mentors needed"
    )
    expect(
        page.get_by_role("region", name="Pairs to look at").get_by_role("link").first
    ).to_be_visible()
    shot("grow-dashboard")

    page.get_by_role("navigation", name="Program analytics").get_by_role(
        "link", name="Outcomes"
    ).click()
    end = page.get_by_role("region", name="Baseline → end of program")
    expect(end.get_by_role("listitem").first).to_contain_text("Self-confidence rose for")
    end.get_by_text("Statistics").first.click()  # the figures are folded away
    expect(end.get_by_role("img")).to_be_visible()
    expect(end.get_by_role("row", name="Self-confidence")).to_contain_text("0.")
    shot("grow-outcomes")
    with page.expect_download() as download:
        end.get_by_role("link", name="Download CSV").click()
    assert download.value.suggested_filename == "grow-outcomes_end.csv"

    page.goto("/outcomes/programs/lead/outcomes/")
    expect(page.get_by_role("region", name="Baseline → end of program")).to_contain_text(
        "fewer than 5"
    )
    shot("lead-outcomes-withheld")


def test_it_lets_the_demo_mentee_answer_her_baseline(page, shot):
    demo_build()
    survey = SurveyInvitation.objects.get(
        respondent__email="maya.chen@example.com", kind="baseline"
    )
    sign_in(page, "maya.chen@example.com", DEMO_PASSWORD)
    open_account_menu(page).get_by_role("link", name="Surveys").click()
    page.get_by_role("link", name="Baseline (at enrollment) survey").click()
    shot("baseline-survey")
    groups = page.get_by_role("group")
    questions = groups.count()
    assert questions == 13  # ten statements and Maya's three skills
    for index in range(questions):
        groups.nth(index).get_by_role("radio").nth(3).check()
    page.get_by_role("button", name="Send my answers").click()
    expect(page.get_by_text("Only you can see them")).to_be_visible()
    shot("baseline-answered")
    assert SurveyAnswer.objects.filter(invitation=survey, value=4).count() == questions
    response = page.goto("/outcomes/programs/grow/")
    assert response is not None and response.status == 404  # aggregates are for managers
