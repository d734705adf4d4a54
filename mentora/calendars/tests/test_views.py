"""The calendars pages and API as a person uses them: connect, see the message, disconnect."""

from __future__ import annotations

import pytest
from django.urls import reverse

from mentora.calendars.ical import HTML_ANSWER
from mentora.calendars.models import BusyInterval, CalendarConnection, MeetingRoom, VideoSetting
from mentora.calendars.tests.servers import DATA, Answer

pytestmark = pytest.mark.django_db


def test_maya_connects_a_calendar_and_sees_only_its_host(client_for, personas, calendar_host):
    calendar_host.answers["/private-abc/basic.ics"] = Answer(
        (DATA / "google_work.ics").read_bytes()
    )
    client = client_for(personas.mentee)
    url = calendar_host.url("/private-abc/basic.ics")
    response = client.post(reverse("calendars:home"), {"kind": "ical", "url": url}, follow=True)
    assert "Calendar connected" in response.content.decode()
    page = client.get(reverse("calendars:home")).content.decode()
    assert "127.0.0.1" in page and "private-abc" not in page  # the secret part is never shown


def test_a_web_page_link_gets_the_message_on_the_field(client_for, personas, calendar_host):
    calendar_host.answers["/calendar"] = Answer(
        b"<html>Google Calendar</html>", content_type="text/html"
    )
    response = client_for(personas.mentee).post(
        reverse("calendars:home"), {"kind": "ical", "url": calendar_host.url("/calendar")}
    )
    assert response.status_code == 200
    assert "web page, not a calendar" in response.content.decode()
    assert not CalendarConnection.objects.exists()


def test_disconnect_asks_first_then_deletes_everything(client_for, personas, calendar_host):
    calendar_host.answers["/basic.ics"] = Answer((DATA / "google_work.ics").read_bytes())
    client = client_for(personas.mentee)
    client.post(reverse("calendars:home"), {"kind": "ical", "url": calendar_host.url("/basic.ics")})
    connection = CalendarConnection.objects.get()
    ask = client.get(reverse("calendars:disconnect", args=[connection.pk])).content.decode()
    assert "every busy time we read from it" in ask and "Disconnect the calendar" in ask
    assert (
        client_for(personas.mentor)
        .post(reverse("calendars:disconnect", args=[connection.pk]))
        .status_code
        == 404
    )
    client = client_for(personas.mentee)
    client.post(reverse("calendars:disconnect", args=[connection.pk]))
    assert not CalendarConnection.objects.exists() and not BusyInterval.objects.exists()


def test_the_api_connects_refuses_and_disconnects(client, api_token_for, personas, calendar_host):
    calendar_host.answers["/basic.ics"] = Answer((DATA / "google_work.ics").read_bytes())
    calendar_host.answers["/page"] = Answer(b"<!doctype html>", content_type="text/html")
    auth = api_token_for(personas.mentee)

    def post(path):
        body = {"kind": "ical", "url": calendar_host.url(path)}
        return client.post("/api/v1/calendars", body, content_type="application/json", **auth)

    refused = post("/page")
    assert refused.status_code == 422 and HTML_ANSWER in refused.content.decode()
    made = post("/basic.ics")
    assert made.status_code == 201
    body = made.json()
    assert body["host"] == "127.0.0.1" and "url" not in body and body["busy_count"] > 20
    listed = client.get("/api/v1/calendars", **auth).json()
    assert [c["id"] for c in listed] == [body["id"]]
    assert client.delete(f"/api/v1/calendars/{body['id']}", **auth).status_code == 204
    assert not BusyInterval.objects.exists()


def test_meeting_room_and_video_setting(client_for, personas):
    client = client_for(personas.mentor)
    client.post(reverse("calendars:room"), {"url": "zoom.us/j/123"})
    assert not MeetingRoom.objects.exists()
    client.post(reverse("calendars:room"), {"url": "https://zoom.us/j/1234567890"})
    assert MeetingRoom.objects.get().url == "https://zoom.us/j/1234567890"
    assert client.get(reverse("calendars:video")).status_code == 403
    admin = client_for(personas.admin)
    page = admin.post(reverse("calendars:video"), {"mode": "jitsi", "jitsi_server": ""})
    assert "Jitsi Meet server: give its address" in page.content.decode()
    admin.post(
        reverse("calendars:video"), {"mode": "jitsi", "jitsi_server": "https://meet.example.org"}
    )
    assert VideoSetting.objects.get().mode == "jitsi"
