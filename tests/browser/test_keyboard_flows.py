"""The main flows, completed with the keyboard only (Tab, Shift+Tab, Enter, Space, arrows).

No mouse clicks and no `fill()`: every control is reached by pressing Tab from where focus
is (tests/browser/_a11y.py `Keyboard`), and every focus stop on the way must show a visible
focus indicator (a :focus-visible outline at least 2px wide) inside the viewport. axe-core
also checks the pages in the states these flows leave them in (after a form error, after
htmx swapped content in).
"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from mentora.growth.models import Feedback
from mentora.lib import clock
from mentora.matching.services import matchruns_process
from mentora.matching.tests.helpers import grow_cohort
from mentora.programs.models import Enrollment, Program
from mentora.relationships.models import ActionItem, Meeting, Relationship
from mentora.relationships.services.agreements import agreement_sign, agreement_update
from mentora.relationships.services.lifecycle import relationship_accept, relationship_request
from mentora.testing import PASSWORD
from tests.browser._a11y import Keyboard, axe_violations, report

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _patient(page):
    """Each flow loads a dozen pages on a shared machine: allow slow answers, not wrong ones."""
    page.set_default_timeout(30_000)


def sign_in(kb: Keyboard, email: str) -> None:
    page = kb.page
    page.goto("/accounts/login/")
    kb.type(page.get_by_label("Email"), email)
    kb.type(page.get_by_label("Password"), PASSWORD)
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def sign_out(kb: Keyboard) -> None:
    kb.press(kb.page.get_by_role("button", name="Sign out"))
    expect(kb.page.get_by_role("heading", name="Sign in")).to_be_visible()


def nav(kb: Keyboard, name: str) -> None:
    kb.press(kb.page.get_by_role("navigation", name="Main").get_by_role("link", name=name))


def no_axe_violations(kb: Keyboard, role: str) -> None:
    findings = axe_violations(kb.page, role=role)
    assert not findings, report(findings)


def test_it_enrolls_in_a_program_by_keyboard(page, shot, personas):
    kb = Keyboard(page)
    sign_in(kb, personas.unrelated.email)
    # The skip link is the first stop and moves focus to the main content.
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to main content")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()

    nav(kb, "Programs")
    kb.press(page.get_by_role("link", name="Grow", exact=True))
    expect(page.get_by_role("heading", name="Grow", level=1)).to_be_visible()
    kb.press(page.get_by_role("button", name="Enroll"))  # no role chosen yet
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Join as: This field is required.")
    expect(alert).to_be_focused()  # read first by screen readers; Tab goes on to the fields
    no_axe_violations(kb, "unrelated")  # the page with its error summary
    shot("enroll-error-announced")
    mentee = page.get_by_label(re.compile("Mentee — I want guidance"))
    kb.press(mentee, "Space")
    expect(mentee).to_be_checked()
    kb.press(page.get_by_role("button", name="Enroll"))
    expect(page.get_by_text("You are enrolled in Grow.")).to_be_visible()
    shot("enrolled")
    assert Enrollment.objects.filter(
        user=personas.unrelated, program=personas.program, role="mentee"
    ).exists()
    kb.assert_focus_always_visible()


def test_it_chooses_a_mentor_accepts_signs_schedules_and_takes_notes_by_keyboard(
    page, shot, personas
):
    grow = personas.program
    grow.matching_mode = Program.MatchingMode.MENTEE_CHOICE
    grow.save()
    kb = Keyboard(page)
    marco = personas.mentor

    # Maya chooses Marco.
    sign_in(kb, personas.mentee.email)
    nav(kb, "Choose a mentor")
    kb.press(page.get_by_role("link", name="Grow", exact=True))
    expect(page.get_by_role("heading", name="Choose your mentor in Grow")).to_be_visible()
    kb.choose(page.locator(f"#rank_{marco.pk}"), "1 (first choice)")
    kb.press(page.locator(f"#note-toggle-{marco.pk}"))  # opens Marco's note box only
    kb.type(page.locator(f"#note_{marco.pk}"), "I want to become a marketing manager.")
    kb.press(page.get_by_role("button", name="Send my requests"))
    expect(page.get_by_text("We asked Marco Mentor first.")).to_be_visible()
    shot("mentor-chosen")
    sign_out(kb)

    # Marco accepts.
    sign_in(kb, marco.email)
    nav(kb, "Requests to me")
    kb.press(page.get_by_role("link", name="Accept, decline or ask").first)
    kb.press(page.get_by_role("button", name="Accept Maya Mentee"))
    relationship = Relationship.objects.get(mentee=personas.mentee, program=grow)
    expect(page).to_have_url(re.compile(f"/relationships/{relationship.pk}/$"))
    shot("request-accepted")

    # Marco writes and signs the agreement.
    kb.press(page.get_by_role("link", name="Write the goals"))
    kb.type(page.get_by_label("Goals"), "Run a campaign end to end")
    kb.press(page.get_by_role("button", name="Propose this version"))
    expect(page.get_by_text("Your change is proposed as version 2")).to_be_visible()
    kb.press(page.get_by_role("button", name=re.compile("Sign version")))
    expect(page.get_by_text("It takes effect when Maya Mentee signs too")).to_be_visible()
    sign_out(kb)

    # Maya signs, schedules a meeting, adds an agenda topic, a note and an action.
    sign_in(kb, personas.mentee.email)
    nav(kb, "My mentoring")
    kb.press(page.get_by_role("link", name="Marco Mentor").first)
    kb.press(page.get_by_role("link", name="Read and sign"))
    kb.press(page.get_by_role("button", name=re.compile("Sign version")))
    expect(page.get_by_text("the relationship has started")).to_be_visible()
    kb.press(page.get_by_role("link", name="Schedule the first meeting"))
    when = (clock.now() + timedelta(days=2)).replace(hour=10, minute=0)
    kb.tab_to(page.get_by_label("Date and time"))
    # Chromium's date-time field takes digits segment by segment (en-US: month, day, year,
    # then hour, minute, AM/PM); the year takes up to six digits, so ArrowRight moves on.
    for key in [*f"{when:%m%d%Y}", "ArrowRight", *"1000", "A"]:
        page.keyboard.press(key)
    kb.press(page.get_by_role("button", name="Schedule"))
    expect(page.get_by_text("Meeting scheduled; invitations are on their way.")).to_be_visible()
    meeting = Meeting.objects.get(relationship=relationship)
    assert (meeting.starts_at.month, meeting.starts_at.day) == (when.month, when.day)
    shot("meeting-scheduled")

    kb.press(page.get_by_role("region", name="Next meeting").get_by_role("link").first)
    kb.type(page.get_by_label("Topic"), "Prepare the salary conversation")
    kb.press(page.get_by_role("button", name="Add to agenda"))
    expect(page.get_by_role("region", name="Agenda")).to_contain_text("salary conversation")
    kb.type(page.get_by_label("Note", exact=True), "Three opening lines to practise.")
    kb.press(page.get_by_role("button", name="Save note"))
    expect(page.get_by_text("Note shared.")).to_be_visible()
    kb.type(page.get_by_label("Action", exact=True), "Write my three numbers down")
    kb.choose(page.get_by_label("Who"), "Maya Mentee")
    kb.press(page.get_by_role("button", name="Add action"))
    expect(page.get_by_text("Action added.")).to_be_visible()
    no_axe_violations(kb, "mentee")
    shot("meeting-notes-and-action")
    assert ActionItem.objects.filter(relationship=relationship).count() == 1
    kb.assert_focus_always_visible()


def test_it_gives_feedback_by_keyboard(page, shot, personas):
    rel = relationship_request(
        program=personas.program, mentee=personas.mentee, mentor=personas.mentor,
        by=personas.mentee,
    )
    rel = relationship_accept(relationship=rel, by=personas.mentor)
    agreement_update(agreement=rel.agreement, by=personas.mentee, data={"goals": ["Negotiate"]})
    agreement_sign(agreement=rel.agreement, by=personas.mentee)
    agreement_sign(agreement=rel.agreement, by=personas.mentor)
    kb = Keyboard(page)
    sign_in(kb, personas.mentor.email)
    nav(kb, "My growth")
    kb.press(page.get_by_role("link", name="Maya Mentee"))
    kb.press(page.get_by_role("link", name="Give feedback"))
    point = page.get_by_role("group", name="Point 1")
    kb.press(point.get_by_label("Strength"), "Space")
    kb.type(point.get_by_label("Or another skill"), "Negotiation")
    kb.type(point.get_by_label("What you observed"), "You held your number calmly.")
    kb.type(point.get_by_label("An example"), "The vendor call on Tuesday.")
    kb.press(page.get_by_role("button", name="Give feedback"))
    expect(page.get_by_text("Your feedback to Maya Mentee is saved.")).to_be_visible()
    shot("feedback-given")
    assert Feedback.objects.filter(giver=personas.mentor, recipient=personas.mentee).exists()
    kb.assert_focus_always_visible()


def test_it_runs_and_publishes_a_match_by_keyboard(page, shot, personas):
    grow_cohort(personas, mentees=5, mentors=3)
    kb = Keyboard(page)
    sign_in(kb, personas.manager.email)
    nav(kb, "Programs")
    kb.press(page.get_by_role("link", name="Grow", exact=True))
    kb.press(page.get_by_role("link", name="Matching"))
    expect(page.get_by_role("heading", name="Matching: Grow")).to_be_visible()
    kb.press(page.get_by_role("button", name="Run the matching"))
    expect(page.get_by_role("progressbar")).to_be_visible()
    no_axe_violations(kb, "manager")  # the progress swapped in by htmx
    assert matchruns_process() == 1  # the worker's pass
    expect(page.get_by_role("heading", name="Proposed pairs")).to_be_visible()
    no_axe_violations(kb, "manager")
    shot("draft")
    # Publishing opens a preview of what happens and of the emails; publishing is its button.
    kb.press(page.get_by_role("link", name=re.compile(r"^Review and publish 5 pairs")))
    expect(page.get_by_role("heading", name=re.compile(r"^Publish draft \d+ of Grow\?$")))\
        .to_be_visible()
    expect(page.get_by_role("region", name="What will happen")).to_contain_text(
        "8 people are told by email")
    no_axe_violations(kb, "manager")
    shot("publish-preview")
    kb.press(page.get_by_role("button", name="Publish 5 pairs and tell 8 people"))
    expect(page.get_by_text(re.compile(r"Published 5 pairs"))).to_be_visible()
    shot("published")
    assert Relationship.objects.filter(program=personas.program).count() == 5
    kb.assert_focus_always_visible()
