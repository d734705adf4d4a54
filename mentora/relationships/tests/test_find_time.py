"""Find a time: slots that suit both, proposing, confirming; one invitation with a video link."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import pytest
from icalendar import Calendar

from mentora.calendars.models import VideoSetting
from mentora.calendars.services import calendar_connect, video_setting_update
from mentora.calendars.tests.servers import DATA, Answer, start_calendar_host, stop_calendar_host
from mentora.lib.errors import DomainError
from mentora.notifications.models import OutboxMessage
from mentora.people.models import AvailabilityWindow
from mentora.relationships.models import MeetingProposal, MeetingSeries
from mentora.relationships.services.meetings import meeting_schedule
from mentora.relationships.services.proposals import (
    meeting_proposal_confirm,
    meeting_propose,
    meeting_suggestions,
)
from mentora.relationships.tests.conftest import NOW

pytestmark = pytest.mark.django_db


@pytest.fixture
def maya_calendar(settings, personas):
    settings.MENTORA_OUTBOUND_ALLOW = ["127.0.0.0/8"]
    host = start_calendar_host()
    host.answers["/basic.ics"] = Answer((DATA / "google_work.ics").read_bytes())
    connection, read = calendar_connect(
        user=personas.mentee, kind="ical", url=host.url("/basic.ics"), now=NOW
    )
    yield read.intervals
    stop_calendar_host(host)


def overlaps(start, minutes, intervals):
    end = start + timedelta(minutes=minutes)
    return any(start < e and s < end for s, e in intervals)


def test_suggestions_suit_both_and_avoid_calendar_and_mentora_meetings(
    active, personas, maya_calendar
):
    held = meeting_schedule(
        relationship=active, by=personas.mentor, starts_at=NOW + timedelta(days=1, hours=5), now=NOW
    )
    slots = meeting_suggestions(
        relationship=active, by=personas.mentee, duration_minutes=45, now=NOW
    )
    assert 3 <= len(slots) <= 5
    for slot in slots:
        assert not overlaps(slot, 45, maya_calendar)
        assert not overlaps(slot, 45, [(held.starts_at, held.ends_at)])
        assert slot.weekday() != 4 or slot.hour >= 23  # Maya's Fridays are blocked all day
        assert slot >= NOW + timedelta(hours=12)


def test_suggestions_keep_inside_each_persons_windows(active, personas):
    marco = personas.mentor.profile  # Europe/Paris
    AvailabilityWindow.objects.filter(profile=marco).delete()
    AvailabilityWindow.objects.create(
        profile=marco, weekday=2, starts_at=time(16), ends_at=time(18)
    )
    slots = meeting_suggestions(
        relationship=active, by=personas.mentee, duration_minutes=60, now=NOW
    )
    assert slots and all(s.weekday() == 2 and s.hour in (15, 16) for s in slots)


def test_maya_proposes_and_marco_confirms_one_recurring_invitation_with_a_video_link(
    active, personas, maya_calendar
):
    video_setting_update(
        by=personas.admin, mode=VideoSetting.Mode.JITSI, jitsi_server="https://meet.example.org/"
    )
    slots = meeting_suggestions(relationship=active, by=personas.mentee, now=NOW)
    proposal = meeting_propose(
        relationship=active,
        by=personas.mentee,
        starts=slots[:3],
        count=6,
        cadence="biweekly",
        now=NOW,
    )
    asked = OutboxMessage.objects.get(kind="relationships.meeting_proposed")
    assert asked.recipient == personas.mentor and "(Europe/Paris)" in asked.body
    assert "Nobody sees your calendar" in asked.body
    with pytest.raises(DomainError, match="Marco"):
        meeting_proposal_confirm(
            proposal=proposal, slot=proposal.slots.first(), by=personas.mentee, now=NOW
        )
    chosen = proposal.slots.all()[1]
    meetings = meeting_proposal_confirm(proposal=proposal, slot=chosen, by=personas.mentor, now=NOW)
    assert len(meetings) == 6 and meetings[0].starts_at == chosen.starts_at
    assert meetings[0].mentor_confirmed_at == NOW  # confirming the time confirms the first one
    series = MeetingSeries.objects.get()
    assert series.video_url.startswith("https://meet.example.org/Mentora-")
    assert {m.video_url for m in meetings} == {series.video_url}
    invites = OutboxMessage.objects.filter(kind="relationships.meeting_invite")
    assert sorted(i.recipient.pk for i in invites) == sorted(
        [personas.mentee.pk, personas.mentor.pk]
    )
    for invite in invites:
        assert series.video_url in invite.body
        (attachment,) = invite.attachments
        calendar = Calendar.from_ical(attachment["content"])
        (event,) = calendar.walk("VEVENT")
        assert event["UID"] == series.uid
        assert event["RRULE"]["COUNT"] == [6] and event["RRULE"]["INTERVAL"] == [2]
        assert str(event["CONFERENCE"]) == series.video_url
        assert event.decoded("DTSTART").astimezone(UTC) == chosen.starts_at
    proposal.refresh_from_db()
    assert proposal.status == MeetingProposal.Status.CONFIRMED
    with pytest.raises(DomainError, match="already answered"):
        meeting_proposal_confirm(proposal=proposal, slot=chosen, by=personas.mentor, now=NOW)


def test_proposing_others_replaces_the_open_times(active, personas):
    slots = meeting_suggestions(relationship=active, by=personas.mentee, now=NOW)
    first = meeting_propose(relationship=active, by=personas.mentee, starts=slots[:2], now=NOW)
    second = meeting_propose(relationship=active, by=personas.mentor, starts=slots[2:4], now=NOW)
    first.refresh_from_db()
    assert first.status == MeetingProposal.Status.REPLACED
    with pytest.raises(DomainError, match="already answered"):
        meeting_proposal_confirm(
            proposal=first, slot=first.slots.first(), by=personas.mentor, now=NOW
        )
    meetings = meeting_proposal_confirm(
        proposal=second, slot=second.slots.first(), by=personas.mentee, now=NOW
    )
    assert len(meetings) == 1 and meetings[0].organiser == personas.mentor


def test_only_the_pair_finds_or_proposes_times(active, personas):
    for outsider in (personas.manager, personas.unrelated, personas.admin):
        with pytest.raises(DomainError):
            meeting_suggestions(relationship=active, by=outsider, now=NOW)
        with pytest.raises(DomainError):
            meeting_propose(
                relationship=active, by=outsider, starts=[NOW + timedelta(days=2)], now=NOW
            )


@pytest.mark.parametrize(
    ("starts", "message"),
    [
        ([], "between 1 and 5"),
        ([NOW + timedelta(days=d) for d in range(1, 8)], "between 1 and 5"),
        ([NOW - timedelta(days=1)], "future"),
        ([datetime(2026, 3, 5, 10)], "time zone"),
    ],
)
def test_bad_proposals_are_refused_with_what_to_fix(active, personas, starts, message):
    with pytest.raises(DomainError, match=message):
        meeting_propose(relationship=active, by=personas.mentee, starts=starts, now=NOW)
    assert not MeetingProposal.objects.exists()
