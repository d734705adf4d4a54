"""A mentee signs in, completes the profile and enrolls in a program — in a real browser."""

import pytest
from playwright.sync_api import expect

from mentora.programs.models import ApplicationQuestion, Enrollment
from tests.browser._walk import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_it_lets_a_mentee_complete_the_profile_and_enroll(page, shot, personas):
    question = ApplicationQuestion.objects.create(
        program=personas.coaching, text="What would you like to work on?", audience="mentee"
    )
    sign_in(page, "uma.unrelated@example.com")
    expect(page.get_by_role("heading", name="Welcome, Uma")).to_be_visible()
    shot("home")

    # The profile comes in steps: basics, career path and experience, style, availability.
    page.get_by_role("link", name="Fill in your profile").click()
    steps = page.get_by_role("navigation", name="Profile steps")
    expect(steps.get_by_role("link", name="Basics")).to_have_attribute("aria-current", "step")
    page.get_by_label("Time zone").select_option("Europe/London")
    shot("profile-basics")
    page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_text("Basics saved. Next: career path and experience.")).to_be_visible()

    expect(steps.get_by_role("link", name="Career path and experience")).to_have_attribute(
        "aria-current", "step"
    )
    page.get_by_label("Current role").fill("Accountant")
    page.get_by_label("Target role").fill("Finance Manager")
    page.get_by_label("Career goals").fill("Lead a small finance team within two years.")
    page.get_by_label("Experience summary").fill("Six years in accounts payable and reporting.")
    page.get_by_label("Skills wanted").fill("People management, Forecasting")
    shot("profile-career")
    page.get_by_role("button", name="Save and continue").click()
    expect(
        page.get_by_text("Career path and experience saved. Next: style and personality.")
    ).to_be_visible()

    page.get_by_role("group", name="Direct challenge ↔ encouragement, position").get_by_label(
        "4"
    ).check()
    shot("profile-style")
    page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_text("Style and personality saved. Next: availability.")).to_be_visible()
    shot("profile-saved")

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Programs").click()
    page.get_by_role("link", name="Lead").click()
    page.get_by_label("Coachee — I want guidance").check()
    page.get_by_role("button", name="Enroll").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "Please answer “What would you like to work on?”"
    )
    shot("enroll-error")
    page.get_by_label("What would you like to work on?").fill("Delegating and giving feedback")
    page.get_by_role("button", name="Enroll").click()
    expect(page.get_by_text("You are enrolled in Lead.")).to_be_visible()
    shot("enrolled")

    enrollment = Enrollment.objects.get(user=personas.unrelated, program=personas.coaching)
    assert enrollment.role == "mentee" and enrollment.status == "approved"
    assert enrollment.answers == {str(question.pk): "Delegating and giving feedback"}
    profile = personas.unrelated.profile
    profile.refresh_from_db()
    assert (profile.target_role, profile.timezone, profile.style_challenge) == (
        "Finance Manager",
        "Europe/London",
        4,
    )
