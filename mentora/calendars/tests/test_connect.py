"""Connecting a calendar by its secret iCal address: what is kept, refused, disconnected."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection as db

from mentora.calendars import services
from mentora.calendars.ical import HTML_ANSWER
from mentora.calendars.models import BusyInterval, CalendarConnection
from mentora.calendars.services import (
    calendar_connect,
    calendar_disconnect,
    calendar_refresh,
    calendars_refresh_due,
)
from mentora.calendars.tests.servers import DATA, Answer, free_port
from mentora.lib.errors import DomainError

pytestmark = pytest.mark.django_db

GOOGLE = (DATA / "google_work.ics").read_bytes()


def serve(host, path="/calendar/ical/maya%40example.com/private-abc123/basic.ics", **kwargs):
    host.answers[path] = Answer(kwargs.pop("body", GOOGLE), **kwargs)
    return host.url(path)


def all_stored_text() -> str:
    """Every value of every calendars table, to prove what is (not) kept."""
    with db.cursor() as cursor:
        rows = []
        for table in ("calendars_calendarconnection", "calendars_busyinterval"):
            cursor.execute(f"SELECT * FROM {table}")  # noqa: S608 - fixed table names
            rows += cursor.fetchall()
    return repr(rows)


def test_it_keeps_only_busy_times_of_a_connected_calendar(personas, calendar_host, now):
    url = serve(calendar_host)
    connection, read = calendar_connect(user=personas.mentee, kind="ical", url=url, now=now)
    assert connection.refreshed_at == now and connection.last_error == ""
    stored = list(
        BusyInterval.objects.filter(connection=connection).values_list("starts_at", "ends_at")
    )
    assert stored == read.intervals and len(stored) > 20  # repeats expanded over weeks
    text = all_stored_text()
    for secret in (
        "Platform stand-up",
        "Falcon",
        "Board room",
        "Lena",
        "lena@example.com",
        "Dentist",
    ):
        assert secret not in text


def test_it_turns_webcal_addresses_into_https():
    assert services.normalise_url(" webcal://p01-caldav.icloud.com/published/2/abc ") == (
        "https://p01-caldav.icloud.com/published/2/abc"
    )


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        (
            {"body": b"<!doctype html><title>Google Calendar</title>", "content_type": "text/html"},
            HTML_ANSWER,
        ),
        ({"body": b"gone", "status": 404, "content_type": "text/plain"}, "no calendar there"),
        ({"body": b"", "status": 302, "content_type": "text/plain"}, "points somewhere else"),
    ],
)
def test_it_refuses_a_link_that_is_not_a_calendar_and_keeps_nothing(
    personas, calendar_host, now, answer, message
):
    url = serve(calendar_host, **answer)
    with pytest.raises(DomainError) as refused:
        calendar_connect(user=personas.mentee, kind="ical", url=url, now=now)
    assert message in refused.value.message
    assert not CalendarConnection.objects.exists() and not BusyInterval.objects.exists()


def test_it_refuses_a_calendar_larger_than_the_limit(personas, calendar_host, now, monkeypatch):
    monkeypatch.setattr(services, "MAX_BYTES", 50_000)
    url = serve(calendar_host, body=GOOGLE + b" " * 60_000)
    with pytest.raises(DomainError, match="larger than"):
        calendar_connect(user=personas.mentee, kind="ical", url=url, now=now)
    assert not CalendarConnection.objects.exists()


def test_it_gives_up_on_a_slow_calendar(personas, calendar_host, now, monkeypatch):
    monkeypatch.setattr(services, "TIMEOUT_SECONDS", 0.5)
    url = serve(calendar_host, delay=2.0)
    with pytest.raises(DomainError, match="took longer than"):
        calendar_connect(user=personas.mentee, kind="ical", url=url, now=now)
    assert not CalendarConnection.objects.exists()


def test_it_says_when_a_calendar_cannot_be_reached(personas, loopback, now):
    url = f"http://127.0.0.1:{free_port()}/basic.ics"  # nothing listens there
    with pytest.raises(DomainError, match="could not be reached"):
        calendar_connect(user=personas.mentee, kind="ical", url=url, now=now)
    assert not CalendarConnection.objects.exists()


def test_it_refuses_internal_addresses_without_fetching(personas, settings, now):
    settings.MENTORA_OUTBOUND_ALLOW = []
    with pytest.raises(DomainError, match="Calendar address"):
        calendar_connect(
            user=personas.mentee, kind="ical", url="http://169.254.169.254/latest/", now=now
        )


def test_a_disconnected_calendar_leaves_nothing_behind(personas, calendar_host, now):
    connection, _ = calendar_connect(
        user=personas.mentee, kind="ical", url=serve(calendar_host), now=now
    )
    with pytest.raises(DomainError):
        calendar_disconnect(connection=connection, by=personas.mentor)
    calendar_disconnect(connection=connection, by=personas.mentee)
    assert all_stored_text() == "[]"


def test_a_failed_refresh_keeps_the_last_busy_times_and_says_why(personas, calendar_host, now):
    url = serve(calendar_host)
    connection, read = calendar_connect(user=personas.mentee, kind="ical", url=url, now=now)
    serve(calendar_host, body=b"<html>Sign in</html>", content_type="text/html")
    assert calendar_refresh(connection=connection, now=now + timedelta(hours=1)) is False
    connection.refresh_from_db()
    assert connection.last_error == HTML_ANSWER
    assert BusyInterval.objects.filter(connection=connection).count() == len(read.intervals)


def test_the_worker_reads_calendars_again_after_half_an_hour(personas, calendar_host, now):
    url = serve(calendar_host)
    connection, _ = calendar_connect(user=personas.mentee, kind="ical", url=url, now=now)
    assert calendars_refresh_due(now=now + timedelta(minutes=10)) == 0
    assert calendars_refresh_due(now=now + timedelta(minutes=31)) == 1
    connection.refresh_from_db()
    assert connection.refreshed_at == now + timedelta(minutes=31)
    assert len(calendar_host.requests) == 2


def test_it_refuses_the_same_calendar_twice(personas, calendar_host, now):
    url = serve(calendar_host)
    calendar_connect(user=personas.mentee, kind="ical", url=url, now=now)
    with pytest.raises(DomainError, match="already connected"):
        calendar_connect(user=personas.mentee, kind="ical", url=url, now=now)
