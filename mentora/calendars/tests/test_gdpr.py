"""A person's calendar data in their export (no password) and after erasure (nothing)."""

from __future__ import annotations

import pytest

from mentora.accounts.gdpr import export_json, gdpr_erase, gdpr_export
from mentora.calendars.models import BusyInterval, CalendarConnection, MeetingRoom
from mentora.calendars.services import calendar_connect, meeting_room_set
from mentora.calendars.tests.servers import DATA, Answer

pytestmark = pytest.mark.django_db


@pytest.fixture
def connected(personas, calendar_host, now):
    calendar_host.answers["/dav.ics"] = Answer((DATA / "google_work.ics").read_bytes())
    connection, _ = calendar_connect(
        user=personas.mentee,
        kind="ical",
        url=calendar_host.url("/dav.ics"),
        password="app-password-123",
        now=now,
    )
    meeting_room_set(user=personas.mentee, url="https://zoom.us/j/42")
    return connection


def test_the_export_has_the_connection_but_never_the_password(personas, connected):
    text = export_json(gdpr_export(user=personas.mentee, by=personas.mentee))
    assert "127.0.0.1" in text  # the connection is there: it is the person's own
    assert "app-password-123" not in text
    assert "https://zoom.us/j/42" in text


def test_erasing_a_person_leaves_no_calendar_data(personas, connected):
    gdpr_erase(user=personas.mentee, by=personas.admin)
    assert not CalendarConnection.objects.exists()
    assert not BusyInterval.objects.exists()
    assert not MeetingRoom.objects.exists()
