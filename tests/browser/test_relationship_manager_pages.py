"""A program manager nudges a stalled pair, handles the rematch queue and writes the program's
agreement template — in a real browser."""

from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import expect

from mentora.notifications.models import OutboxMessage
from mentora.programs.models import Enrollment
from mentora.relationships.models import AgreementTemplate, RematchRequest
from mentora.relationships.services.agreements import agreement_sign, agreement_update
from mentora.relationships.services.ending import rematch_request_create
from mentora.relationships.services.lifecycle import (
    relationship_accept,
    relationship_end_early,
    relationship_request,
)
from mentora.testing import make_user

from .test_relationship_flow import sign_in, sign_out

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _active(program, mentee, mentor, since):
    rel = relationship_request(program=program, mentee=mentee, mentor=mentor, by=mentee, now=since)
    relationship_accept(relationship=rel, by=mentor, now=since)
    agreement_update(agreement=rel.agreement, by=mentee, data={"goals": ["Grow"]}, now=since)
    agreement_sign(agreement=rel.agreement, by=mentee, now=since)
    agreement_sign(agreement=rel.agreement, by=mentor, now=since)
    return rel


def test_it_lets_a_manager_nudge_handle_the_queue_and_write_a_template(page, shot, personas):
    month_ago = datetime.now(UTC) - timedelta(days=30)
    Enrollment.objects.filter(program=personas.program, user=personas.mentor).update(capacity=5)
    stalled = _active(personas.program, personas.mentee, personas.mentor, month_ago)
    nina = make_user("nina.mentee@example.com", "Nina Mentee")
    Enrollment.objects.create(program=personas.program, user=nina, role="mentee", status="approved")
    ended = _active(personas.program, nina, personas.mentor, month_ago)
    relationship_end_early(relationship=ended, by=nina, reason="Different time zones")
    rematch_request_create(relationship=ended, by=nina, note="Someone in Europe, please")

    sign_in(page, "priya.manager@example.com")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="My mentoring").click()
    expect(page.get_by_text("1 relationship stalled")).to_be_visible()
    page.get_by_role("link", name="See stalled pairs and nudge them").click()
    expect(page.get_by_role("heading", name="Stalled relationships")).to_be_visible()
    expect(page.get_by_role("table")).to_contain_text("30 days ago")
    shot("stalled-across-programs")

    page.goto("/programs/grow/")
    page.get_by_role("link", name="Relationships, rematch queue, agreement templates").click()
    expect(page.get_by_role("heading", name="Relationships in Grow")).to_be_visible()
    stalled_region = page.get_by_role("region", name="Stalled pairs")
    expect(stalled_region).to_contain_text("Maya Mentee & Marco Mentor")
    expect(stalled_region).to_contain_text("Stalled")
    shot("program-overview")
    stalled_region.get_by_label("Note to Maya Mentee and Marco Mentor").fill(
        "Shall we book the next session this week?"
    )
    stalled_region.get_by_role("button", name="Nudge both: Maya Mentee and Marco Mentor").click()
    expect(page.get_by_text("have been sent a friendly reminder")).to_be_visible()
    expect(page.get_by_role("heading", name="Relationships in Grow")).to_be_visible()
    nudges = OutboxMessage.objects.filter(kind="relationships.nudge")
    assert {m.to_email for m in nudges} == {"maya.mentee@example.com", "marco.mentor@example.com"}
    assert stalled.events.last().action == "nudged"
    shot("nudged")

    page.get_by_role("navigation", name="Grow management").get_by_role(
        "link", name="Rematch queue"
    ).click()
    queue = page.get_by_role("table")
    expect(queue).to_contain_text("Nina Mentee")
    expect(queue).to_contain_text("Someone in Europe, please")
    expect(queue).to_contain_text("Different time zones")
    shot("rematch-queue")
    page.get_by_label("What was done for Nina Mentee").fill("Matched with Chloe in the May run")
    page.get_by_role("button", name="Mark Nina Mentee's request handled").click()
    expect(page.get_by_text("Nina Mentee's request is marked handled.")).to_be_visible()
    expect(page.get_by_text("Nobody is waiting to be matched again.")).to_be_visible()
    page.get_by_role("link", name="Show handled requests").click()
    expect(page.get_by_role("table")).to_contain_text("Matched with Chloe in the May run")
    assert RematchRequest.objects.get().resolved_by == personas.manager

    page.get_by_role("navigation", name="Grow management").get_by_role(
        "link", name="Agreement templates"
    ).click()
    expect(page.get_by_text("No templates yet")).to_be_visible()
    page.get_by_label("Name").fill("Short sprint")
    page.get_by_label("Suggested goals").fill("Ship one thing you are proud of")
    page.get_by_label("Meeting cadence").select_option("weekly")
    page.get_by_label("Meeting length (minutes)").fill("30")
    page.get_by_label("Where pairs meet").fill("Teams, camera on")
    page.get_by_role("button", name="Save template").click()
    expect(page.get_by_text("Template “Short sprint” saved.")).to_be_visible()
    expect(page.get_by_role("region", name="Templates")).to_contain_text("Default")
    shot("templates")
    page.get_by_role("link", name="Short sprint").click()
    page.get_by_label("How feedback is given").fill("Two questions at the end of each meeting.")
    page.get_by_role("button", name="Save template").click()
    expect(page.get_by_text("Template saved.")).to_be_visible()
    template = AgreementTemplate.objects.get()
    assert (template.cadence, template.meeting_minutes, template.is_default) == ("weekly", 30, True)
    assert template.feedback == "Two questions at the end of each meeting."
    sign_out(page)
