"""Find a time, as the pair lives it in a real browser: Maya connects her calendar (a loopback
server serving a Google-shaped .ics with repeating and all-day events), first pastes the wrong
link and reads what to copy instead, then picks times that suit both; Marco confirms one, and
both receive one recurring invitation with a Jitsi video link. Screenshots at 1280 and 390 px
as the mentee and the mentor; at 390 px nothing may scroll sideways."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from icalendar import Calendar
from playwright.sync_api import expect

from mentora.calendars.models import BusyInterval
from mentora.calendars.services import video_setting_update
from mentora.calendars.tests.servers import DATA, Answer, start_calendar_host, stop_calendar_host
from mentora.notifications.models import OutboxMessage
from mentora.relationships.models import Meeting, MeetingProposal
from mentora.relationships.services.agreements import agreement_sign, agreement_update
from mentora.relationships.services.lifecycle import relationship_accept, relationship_request
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
    page.set_viewport_size(DESKTOP)
    shot(f"{name}-1280")
    page.set_viewport_size(PHONE)
    wide = page.evaluate("document.documentElement.scrollWidth")
    assert wide <= PHONE["width"], f"{name}: the page is {wide} px wide at 390 px"
    shot(f"{name}-390")
    page.set_viewport_size(DESKTOP)


@pytest.fixture
def calendar_host(settings):
    settings.MENTORA_OUTBOUND_ALLOW = ["127.0.0.0/8"]
    host = start_calendar_host()
    host.answers["/calendar/ical/maya/private-7f3a/basic.ics"] = Answer(
        (DATA / "google_work.ics").read_bytes()
    )
    host.answers["/calendar/r/settings"] = Answer(
        b"<!DOCTYPE html><html><head><title>Google Calendar</title></head></html>",
        content_type="text/html; charset=utf-8",
    )
    yield host
    stop_calendar_host(host)


@pytest.fixture
def pair(personas):
    rel = relationship_request(
        program=personas.program,
        mentee=personas.mentee,
        mentor=personas.mentor,
        by=personas.mentee,
        message="Negotiation, please",
    )
    relationship_accept(relationship=rel, by=personas.mentor)
    agreement_update(agreement=rel.agreement, by=personas.mentee, data={"goals": ["Negotiate"]})
    agreement_sign(agreement=rel.agreement, by=personas.mentee)
    agreement_sign(agreement=rel.agreement, by=personas.mentor)
    video_setting_update(by=personas.admin, mode="jitsi", jitsi_server="https://meet.example.org")
    return rel


def test_maya_finds_a_time_marco_confirms_and_both_get_one_recurring_invite(
    page, shot, personas, pair, calendar_host
):
    # The machine this runs on is shared: give slow first page loads room, not a failure.
    page.set_default_timeout(30_000)
    page.set_default_navigation_timeout(60_000)
    sign_in(page, personas.mentee.email)
    page.goto("/calendars/")
    expect(page.get_by_role("heading", name="Your calendars")).to_be_visible()
    page.get_by_label("Calendar address").fill(calendar_host.url("/calendar/r/settings"))
    page.get_by_role("button", name="Connect the calendar").click()
    expect(page.get_by_text("answered with a web page, not a calendar").first).to_be_visible()
    both_widths(page, shot, "mentee-calendar-link-refused")

    page.get_by_label("Calendar address").fill(
        calendar_host.url("/calendar/ical/maya/private-7f3a/basic.ics")
    )
    page.get_by_role("button", name="Connect the calendar").click()
    expect(page.get_by_text(re.compile("Calendar connected: we read"))).to_be_visible()
    expect(page.get_by_text("private-7f3a")).to_have_count(0)  # the secret is never shown
    both_widths(page, shot, "mentee-calendar-connected")

    page.goto(f"/relationships/{pair.pk}/")
    page.get_by_role("link", name="Find a time").click()
    expect(page.get_by_role("heading", name="Find a time with Marco Mentor")).to_be_visible()
    offered = page.get_by_role("checkbox")
    assert 3 <= offered.count() <= 5
    both_widths(page, shot, "mentee-find-a-time")
    page.get_by_label("Number of meetings").fill("6")
    page.get_by_label("How often").select_option("biweekly")
    page.get_by_role("button", name="Send these times to Marco Mentor").click()
    expect(page.get_by_text(re.compile("We sent Marco Mentor \\d times"))).to_be_visible()

    proposal = MeetingProposal.objects.get()
    busy = list(BusyInterval.objects.values_list("starts_at", "ends_at"))
    for slot in proposal.slots.all():  # none clashes with Maya's calendar
        end = slot.starts_at + timedelta(minutes=proposal.duration_minutes)
        assert all(end <= s or slot.starts_at >= e for s, e in busy)

    sign_in(page, personas.mentor.email)
    page.goto(f"/relationships/{pair.pk}/")
    expect(page.get_by_text("Maya Mentee proposed times to meet.")).to_be_visible()
    page.get_by_role("link", name="Answer Maya Mentee").click()
    expect(page.get_by_text("(Europe/Paris)").first).to_be_visible()
    both_widths(page, shot, "mentor-proposed-times")
    page.get_by_role("button", name=re.compile("^Confirm ")).first.click()
    expect(
        page.get_by_text(re.compile("You confirmed .* each get the calendar invitation"))
    ).to_be_visible()

    meetings = list(Meeting.objects.order_by("starts_at"))
    assert len(meetings) == 6
    invites = list(OutboxMessage.objects.filter(kind="relationships.meeting_invite"))
    assert sorted(m.recipient_id for m in invites) == sorted(
        [personas.mentee.pk, personas.mentor.pk]
    )
    for invite in invites:
        calendar = Calendar.from_ical(invite.attachments[0]["content"])
        (event,) = calendar.walk("VEVENT")
        assert event["RRULE"]["COUNT"] == [6]
        assert str(event["CONFERENCE"]).startswith("https://meet.example.org/Mentora-")
        assert meetings[0].video_url in invite.body

    page.goto(f"/relationships/meetings/{meetings[0].pk}/")
    expect(page.get_by_role("link", name="Join the video call")).to_have_attribute(
        "href", meetings[0].video_url
    )
    both_widths(page, shot, "mentor-meeting-with-video")


def test_an_admin_chooses_jitsi_video_links(page, shot, personas):
    page.set_default_timeout(30_000)
    page.set_default_navigation_timeout(60_000)
    sign_in(page, personas.admin.email)
    page.goto("/calendars/video/")
    expect(page.get_by_role("heading", name="Video links for meetings")).to_be_visible()
    page.get_by_label("A new Jitsi Meet room for each meeting or series").check()
    page.get_by_label("Jitsi Meet server").fill("https://meet.example.org")
    page.get_by_role("button", name="Save the video setting").click()
    expect(page.get_by_text("Video setting saved")).to_be_visible()
    both_widths(page, shot, "admin-video-setting")
