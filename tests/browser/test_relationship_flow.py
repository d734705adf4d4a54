"""A mentor and mentee agree, meet, take notes and act — and the mentee ticks an action off
from the email link — in a real browser."""

import re
from datetime import UTC, datetime, timedelta
from urllib.parse import urlparse

import pytest
from django.core import mail
from playwright.sync_api import expect

from mentora.jobs import reminders_run
from mentora.notifications.outbox import outbox_process
from mentora.relationships.models import ActionItem, Meeting, Relationship
from mentora.relationships.services.lifecycle import relationship_accept, relationship_request
from tests.browser._walk import sign_in, sign_out

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _sent(kind):
    """The emails of one kind the worker has sent (kinds are "<app>.<name>")."""
    return [m for m in mail.outbox if m.extra_headers["X-Mentora-Kind"] == kind]


def test_it_takes_a_pair_from_agreement_to_a_done_action(page, shot, personas):
    relationship = relationship_request(
        program=personas.program,
        mentee=personas.mentee,
        mentor=personas.mentor,
        by=personas.mentee,
        message="Negotiation, please",
    )
    relationship_accept(relationship=relationship, by=personas.mentor)

    sign_in(page, "marco.mentor@example.com")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="My mentoring").click()
    expect(page.get_by_role("heading", name="My mentoring")).to_be_visible()
    shot("my-mentoring")
    page.get_by_role("link", name="Maya Mentee").click()
    page.get_by_role("link", name="Write the goals").click()
    page.get_by_label("Goals").fill("Negotiate my next salary review\nRun a campaign end to end")
    page.get_by_label("How often you meet").select_option("weekly")
    page.get_by_role("button", name="Propose this version").click()
    expect(page.get_by_text("Your change is proposed as version 2")).to_be_visible()
    page.get_by_role("button", name=re.compile("Sign version")).click()
    expect(page.get_by_text("It takes effect when Maya Mentee signs too")).to_be_visible()
    shot("agreement-signed-by-mentor")
    sign_out(page)

    sign_in(page, "maya.mentee@example.com")
    page.goto(f"/relationships/{relationship.pk}/agreement/")
    page.get_by_role("button", name=re.compile("Sign version")).click()
    expect(page.get_by_text("the relationship has started")).to_be_visible()
    page.get_by_role("link", name="Schedule the first meeting").click()
    form = page.locator("#next-panel form")
    first = (datetime.now(UTC) + timedelta(days=2)).replace(hour=10, minute=0)
    form.get_by_label("Date and time").fill(first.strftime("%Y-%m-%dT%H:%M"))
    form.get_by_label("Number of meetings").fill("4")
    form.get_by_label("Cadence").select_option("weekly")
    form.get_by_label("Location or link").fill("https://meet.example.com/maya-marco")
    form.get_by_role("button", name="Schedule").click()
    expect(page.get_by_text("4 meetings scheduled")).to_be_visible()
    shot("relationship-with-meetings")
    assert Meeting.objects.filter(relationship=relationship).count() == 4

    page.get_by_role("region", name="Next meeting").get_by_role("link").first.click()
    page.get_by_label("Topic").fill("Prepare the salary conversation")
    page.get_by_role("button", name="Add to agenda").click()
    expect(page.get_by_role("region", name="Agenda")).to_contain_text(
        "Prepare the salary conversation"
    )
    page.get_by_label("Note", exact=True).fill("Marco shared three opening lines.")
    page.get_by_role("button", name="Save note").click()
    expect(page.get_by_text("Note shared.")).to_be_visible()
    page.get_by_label("Note", exact=True).fill("I feel nervous about this.")
    page.get_by_label("Private — only I will ever see this note").check()
    page.get_by_role("button", name="Save note").click()
    expect(page.get_by_text("Private note saved.")).to_be_visible()
    page.get_by_label("Action", exact=True).fill("Write my three numbers down")
    page.get_by_label("Who").select_option(label="Maya Mentee")
    page.get_by_label("Due").fill(datetime.now(UTC).date().isoformat())
    page.get_by_role("button", name="Add action").click()
    expect(page.get_by_text("Action added.")).to_be_visible()
    shot("meeting-page")
    meeting_path = urlparse(page.url).path
    sign_out(page)

    # Marco sees the agenda, the shared note and the action, never Maya's private note, and
    # adds his own topic; both received a calendar invitation for each meeting of the series.
    sign_in(page, "marco.mentor@example.com")
    page.goto(meeting_path)
    expect(page.get_by_role("region", name="Notes")).to_contain_text(
        "Marco shared three opening lines."
    )
    expect(page.get_by_role("region", name="Notes")).not_to_contain_text("nervous")
    expect(page.get_by_role("region", name="Action items")).to_contain_text(
        "Write my three numbers down"
    )
    page.get_by_label("Topic").fill("Role-play the first five minutes")
    page.get_by_role("button", name="Add to agenda").click()
    expect(page.get_by_role("region", name="Agenda")).to_contain_text("Role-play")
    page.get_by_role("button", name="Confirm I will be there").click()
    expect(page.get_by_text("You confirmed you will be there.")).to_be_visible()
    shot("meeting-page-as-mentor")
    invites = _sent("relationships.meeting_invite")
    assert len(invites) == 0  # still queued: the worker sends them
    sign_out(page)
    outbox_process()
    invites = _sent("relationships.meeting_invite")
    assert sorted({m.to[0] for m in invites}) == [
        "marco.mentor@example.com",
        "maya.mentee@example.com",
    ]
    # Four meetings in a series: one invitation each, with the series as one RRULE (issue 18).
    assert len(invites) == 2
    assert all("BEGIN:VCALENDAR" in m.attachments[0][1] for m in invites)
    assert all("RRULE:" in m.attachments[0][1] and "COUNT=4" in m.attachments[0][1]
               for m in invites)

    # Next morning the worker sends Maya's digest; the action is overdue by then.
    tomorrow = datetime.now(UTC).replace(hour=9, minute=0) + timedelta(days=1)
    mail.outbox.clear()
    reminders_run(now=tomorrow)
    outbox_process(now=tomorrow)
    (digest,) = [m for m in _sent("notifications.digest") if m.to == ["maya.mentee@example.com"]]
    link = re.search(r"http://\S+/notifications/do/\S+/", digest.body).group(0)

    page.goto(urlparse(link).path)
    expect(page.get_by_role("heading", name="Mark the action done")).to_be_visible()
    shot("one-click-link")
    page.get_by_role("button", name="Mark the action done").click()
    expect(page.get_by_text("is marked done")).to_be_visible()
    shot("action-done")

    action = ActionItem.objects.get()
    assert action.status == "done"
    relationship.refresh_from_db()
    assert relationship.status == Relationship.Status.ACTIVE
