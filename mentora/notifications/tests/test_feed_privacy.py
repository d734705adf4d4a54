"""The private calendar feed holds times and names only (issue 21, item 9).

On `main` each feed event carried the free-text meeting location and the program name in its
description, and the attendees' email addresses, while docs/privacy.md promised times and
names; the feed URL is handed to third-party calendar services. This test fails there.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from icalendar import Calendar

from mentora.notifications.services import calendar_feed_create
from mentora.relationships.services.meetings import meeting_schedule

from .conftest import NOW

pytestmark = pytest.mark.django_db

PLACE = "Café Flora, back room"


def test_it_leaves_the_place_the_program_and_emails_out_of_the_feed(client, active, personas):
    meeting_schedule(
        relationship=active, by=personas.mentee, starts_at=NOW + timedelta(days=400),
        location=PLACE, now=NOW,
    )
    _, token = calendar_feed_create(user=personas.mentor)
    response = client.get(reverse("notifications:feed", args=[token]))
    text = response.content.decode()
    (event,) = Calendar.from_ical(response.content).walk("VEVENT")
    assert "LOCATION" not in event and "Café Flora" not in text
    assert active.program.name not in text
    assert personas.mentee.email not in text and personas.mentor.email not in text
    assert personas.mentee.full_name in str(event["summary"])
    assert event.decoded("dtstart") == (NOW + timedelta(days=400))


def test_it_keeps_the_place_in_the_persons_own_invitation(active, personas):
    from mentora.notifications.ics import meeting_ics

    meeting = meeting_schedule(
        relationship=active, by=personas.mentee, starts_at=NOW + timedelta(days=400),
        location=PLACE, now=NOW,
    )
    (event,) = Calendar.from_ical(meeting_ics(meeting, method="REQUEST", stamp=NOW)).walk("VEVENT")
    assert str(event["location"]) == PLACE
