"""The relationship workspace in a real browser, as the pair lives it: Marco writes the goals and
signs, Maya signs and schedules their first meeting from the next step, asks Marco for feedback,
and Marco completes the relationship after reading what will happen. Screenshots at 1280 and
390 px as the mentee, the mentor and a coach; at 390 px nothing may scroll sideways."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import expect

from mentora.growth.models import FeedbackRequest
from mentora.notifications.models import OutboxMessage
from mentora.programs.models import Enrollment
from mentora.relationships.models import Meeting, Relationship
from mentora.relationships.services.agreements import agreement_sign, agreement_update
from mentora.relationships.services.lifecycle import relationship_accept, relationship_request
from mentora.relationships.services.meetings import meeting_schedule
from mentora.testing import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def sign_in(page, email):
    page.context.clear_cookies()
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def both_widths(page, shot, name):
    """A screenshot at 1280 px, then at 390 px where the page must not scroll sideways."""
    page.set_viewport_size(DESKTOP)
    shot(f"{name}-1280")
    page.set_viewport_size(PHONE)
    wide = page.evaluate("document.documentElement.scrollWidth")
    assert wide <= PHONE["width"], f"{name}: the page is {wide} px wide at 390 px"
    shot(f"{name}-390")
    page.set_viewport_size(DESKTOP)


def test_it_takes_a_pair_from_signing_to_a_completed_relationship(page, shot, personas):
    rel = relationship_request(
        program=personas.program, mentee=personas.mentee, mentor=personas.mentor,
        by=personas.mentee, message="Negotiation, please",
    )  # fmt: skip
    relationship_accept(relationship=rel, by=personas.mentor)
    detail = f"/relationships/{rel.pk}/"

    # Marco: the one next step is the agreement; there is nothing to sign before goals exist.
    sign_in(page, "marco.mentor@example.com")
    page.goto(detail)
    next_step = page.get_by_role("region", name="Sign the agreement")
    expect(next_step).to_contain_text("Agree your goals")
    both_widths(page, shot, "mentor-agree-goals")
    next_step.get_by_role("link", name="Write the goals").click()
    page.get_by_label("Goals").fill("Negotiate my next salary review\nRun a campaign end to end")
    page.get_by_label("How often you meet").select_option("weekly")
    page.get_by_role("button", name="Propose this version").click()
    expect(page.get_by_text("Your change is proposed as version 2")).to_be_visible()
    page.get_by_role("button", name="Sign version 2").click()
    expect(page.get_by_text("It takes effect when Maya Mentee signs too.")).to_be_visible()
    both_widths(page, shot, "mentor-agreement-read-view")

    # Maya signs from her next step; the relationship starts, and the next step is the meeting.
    sign_in(page, "maya.mentee@example.com")
    page.goto(detail)
    expect(page.get_by_role("heading", name="Your mentoring with Marco Mentor")).to_be_visible()
    page.get_by_role("link", name="Read and sign").click()
    page.get_by_role("button", name="Sign version 2").click()
    expect(page.get_by_text("the relationship has started")).to_be_visible()
    expect(page.get_by_role("heading", name="Schedule the first meeting")).to_be_visible()
    expect(page.get_by_text("Not started yet")).to_be_visible()
    both_widths(page, shot, "mentee-schedule-first")
    page.get_by_role("region", name="Schedule the first meeting").get_by_role(
        "link", name="Schedule the first meeting"
    ).click()
    form = page.locator("#next-panel form")  # fetched into place, not a new page
    expect(form).to_be_visible()
    first = (datetime.now(UTC) + timedelta(days=2)).replace(hour=10, minute=0)
    form.get_by_label("Date and time").fill(first.strftime("%Y-%m-%dT%H:%M"))
    form.get_by_label("Location or link").fill("https://meet.example.com/maya-marco")
    form.get_by_role("button", name="Schedule").click()
    expect(page.get_by_text("Meeting scheduled; invitations are on their way.")).to_be_visible()
    expect(page.get_by_role("heading", name="Prepare the agenda")).to_be_visible()
    both_widths(page, shot, "mentee-prepare-agenda")

    # Maya asks Marco for feedback from the relationship page.
    feedback = page.get_by_role("region", name="Feedback")
    feedback.get_by_role("link", name="Ask Marco for feedback").click()
    feedback.get_by_label("What would you like feedback on?").fill("How I open a negotiation")
    feedback.get_by_role("button", name="Ask Marco").click()
    expect(page.get_by_text("Asked Marco Mentor for feedback")).to_be_visible()
    request = FeedbackRequest.objects.get(requester=personas.mentee, giver=personas.mentor)
    assert request.message == "How I open a negotiation"

    # Marco completes it from the secondary menu, after reading what will happen.
    sign_in(page, "marco.mentor@example.com")
    page.goto(detail)
    both_widths(page, shot, "mentor-active")
    page.get_by_text("More actions").click()
    page.get_by_role("link", name="Mark as completed…").click()
    expect(page.get_by_role("heading", name=re.compile("as completed\\?"))).to_be_visible()
    expect(page.get_by_text("is cancelled, and both calendars get a cancellation")).to_be_visible()
    expect(page.get_by_text("Maya Mentee is told by email")).to_be_visible()
    both_widths(page, shot, "mentor-confirm-complete")
    page.get_by_label("A word of why (optional)").fill("We reached both goals.")
    page.get_by_role("button", name="Mark as completed").click()
    expect(page.get_by_text("Completed. 1 upcoming meeting cancelled")).to_be_visible()
    expect(page.get_by_role("heading", name="Wrap up and reflect")).to_be_visible()
    both_widths(page, shot, "mentor-completed")

    rel.refresh_from_db()
    assert rel.status == Relationship.Status.COMPLETED
    assert Meeting.objects.get(relationship=rel).status == Meeting.Status.CANCELLED
    told = OutboxMessage.objects.get(kind="relationships.relationship_complete")
    assert told.recipient == personas.mentee and "We reached both goals." in told.body
    cancels = OutboxMessage.objects.filter(kind="relationships.meeting_cancel")
    assert {m.recipient_id for m in cancels} == {personas.mentee.pk, personas.mentor.pk}

    # Maya reads the ending and writes her reflection from the next step.
    sign_in(page, "maya.mentee@example.com")
    page.goto(detail)
    page.get_by_role("link", name="Write my reflection").click()
    page.get_by_label(re.compile("What went well")).fill("I negotiated my raise.")
    page.get_by_role("button", name="Save my reflection").click()
    expect(page.get_by_text("Thank you for your reflection.")).to_be_visible()
    both_widths(page, shot, "mentee-closed")


def test_it_shows_a_coach_the_engagement_in_coaching_words(page, shot, personas):
    Enrollment.objects.create(
        program=personas.coaching, user=personas.mentee, role="mentee", status="approved"
    )
    rel = relationship_request(
        program=personas.coaching, mentee=personas.mentee, mentor=personas.coach,
        by=personas.mentee, sessions_planned=6,
    )  # fmt: skip
    relationship_accept(relationship=rel, by=personas.coach)
    agreement_update(agreement=rel.agreement, by=personas.coach, data={"goals": ["Lead a team"]})
    agreement_sign(agreement=rel.agreement, by=personas.coach)
    agreement_sign(agreement=rel.agreement, by=personas.mentee)
    meeting_schedule(
        relationship=rel, by=personas.coach,
        starts_at=(datetime.now(UTC) + timedelta(days=3)).replace(microsecond=0),
    )  # fmt: skip
    sign_in(page, "chloe.coach@example.com")
    page.goto(f"/relationships/{rel.pk}/")
    expect(page.get_by_role("heading", name="Your coaching with Maya Mentee")).to_be_visible()
    expect(page.get_by_text("You are Maya Mentee's coach")).to_be_visible()
    both_widths(page, shot, "coach-prepare-agenda")
    page.goto(f"/relationships/{rel.pk}/agreement/")
    expect(page.get_by_text("What Maya Mentee (coachee) commits to").first).to_be_visible()
    expect(page.get_by_text("Lead a team")).to_be_visible()
    both_widths(page, shot, "coach-agreement")
    page.goto(f"/relationships/{rel.pk}/do/pause/confirm/")
    expect(page.get_by_text("Maya Mentee is told by email")).to_be_visible()
    both_widths(page, shot, "coach-confirm-pause")
