"""Find a time on the web: each sees times in their own zone, proposes, confirms; video links."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse

from mentora.calendars.services import meeting_room_set, video_setting_update
from mentora.lib import clock
from mentora.relationships.models import Meeting, MeetingProposal
from mentora.relationships.reminders import digest_items

pytestmark = pytest.mark.django_db


def test_maya_proposes_marco_confirms_and_both_see_the_video_link(client_for, active, personas):
    video_setting_update(by=personas.admin, mode="personal")
    meeting_room_set(user=personas.mentee, url="https://zoom.us/j/5550001111")
    maya = client_for(personas.mentee)
    page = maya.get(reverse("relationships:find_time", args=[active.pk])).content.decode()
    assert "Times that suit you both" in page and "(UTC)" in page
    detail = maya.get(reverse("relationships:detail", args=[active.pk])).content.decode()
    assert "Find a time" in detail
    starts = [s.split('"')[0] for s in page.split('name="starts" value="')[1:]][:3]
    assert len(starts) == 3
    done = maya.post(
        reverse("relationships:find_time", args=[active.pk]),
        {"starts": starts, "duration_minutes": 45, "count": 4, "cadence": "weekly"},
        follow=True,
    ).content.decode()
    assert "We sent Marco Mentor 3 times" in done

    marco = client_for(personas.mentor)
    detail = marco.get(reverse("relationships:detail", args=[active.pk])).content.decode()
    assert "proposed times to meet" in detail
    page = marco.get(reverse("relationships:find_time", args=[active.pk])).content.decode()
    assert "Maya Mentee proposed 3 times" in page and "(Europe/Paris)" in page
    proposal = MeetingProposal.objects.get()
    slot = proposal.slots.all()[0]
    marco.post(reverse("relationships:proposal_confirm", args=[proposal.pk]), {"slot": slot.pk})
    meetings = list(Meeting.objects.order_by("starts_at"))
    assert len(meetings) == 4 and meetings[0].starts_at == slot.starts_at
    assert {m.video_url for m in meetings} == {"https://zoom.us/j/5550001111"}  # Maya organises
    meeting_page = marco.get(
        reverse("relationships:meeting", args=[meetings[0].pk])
    ).content.decode()
    assert "Join the video call" in meeting_page and "Cancel the whole series" in meeting_page
    # The reminder of the day before carries the link too.
    items = digest_items(user=personas.mentor, now=meetings[0].starts_at - timedelta(hours=3))
    assert any("https://zoom.us/j/5550001111" in item.text for item in items)


def test_the_series_cancel_page_asks_first(client_for, active, personas):
    from datetime import datetime

    from mentora.relationships.services.meetings import meeting_schedule_recurring

    series = meeting_schedule_recurring(
        relationship=active,
        by=personas.mentor,
        local_start=datetime.now() + timedelta(days=3),
        count=3,
        cadence="weekly",
        now=clock.now(),
    )
    maya = client_for(personas.mentee)
    ask = maya.get(reverse("relationships:series_cancel", args=[series.pk])).content.decode()
    assert "These 3 meetings are cancelled" in ask and "Cancel the series" in ask
    maya.post(reverse("relationships:series_cancel", args=[series.pk]))
    assert not Meeting.objects.scheduled().exists()
    assert (
        client_for(personas.manager)
        .get(reverse("relationships:series_cancel", args=[series.pk]))
        .status_code
        == 404
    )


def test_bad_times_posted_get_a_message_not_a_traceback(client_for, active, personas):
    maya = client_for(personas.mentee)
    response = maya.post(
        reverse("relationships:find_time", args=[active.pk]),
        {"starts": ["next tuesday"], "duration_minutes": 45, "count": 1, "cadence": "weekly"},
        follow=True,
    )
    assert "choose them from the list" in response.content.decode()
    assert not MeetingProposal.objects.exists()


def test_a_made_up_slot_gets_a_message(client_for, active, personas):
    from datetime import timedelta as days

    from mentora.relationships.services.proposals import meeting_propose

    proposal = meeting_propose(
        relationship=active, by=personas.mentee, starts=[clock.now() + days(days=3)]
    )
    marco = client_for(personas.mentor)
    for value in ("abc", "99999999999999999999", ""):
        response = marco.post(
            reverse("relationships:proposal_confirm", args=[proposal.pk]),
            {"slot": value},
            follow=True,
        )
        assert "Choose one of the proposed times" in response.content.decode()
