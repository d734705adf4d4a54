"""CalDAV free-busy against a real Radicale server on loopback (started once per session)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import caldav
import pytest

from mentora.calendars.models import BusyInterval, CalendarConnection
from mentora.calendars.services import calendar_connect
from mentora.lib.errors import DomainError

pytestmark = pytest.mark.django_db

EVENT = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Nextcloud calendar//EN
BEGIN:VEVENT
UID:{uid}
DTSTAMP:20260220T090000Z
DTSTART:20260303T100000Z
DTEND:20260303T113000Z
RRULE:FREQ=WEEKLY;COUNT=3
SUMMARY:Salary review (confidential)
LOCATION:HR office
END:VEVENT
END:VCALENDAR
"""


def dav(radicale) -> caldav.DAVClient:
    return caldav.DAVClient(
        url=radicale.url,
        username=radicale.username,
        password=radicale.password,
        enable_rfc6764=False,
        require_tls=False,
    )


@pytest.fixture
def work_calendar(radicale):
    """A fresh calendar of Maya's in Radicale with one weekly event (3 times)."""
    client = dav(radicale)
    calendar = client.principal().make_calendar(name=f"Work {uuid.uuid4().hex[:6]}")
    calendar.save_event(EVENT.format(uid=uuid.uuid4()))
    yield calendar
    calendar.delete()


def test_it_reads_busy_times_over_caldav_free_busy(personas, loopback, radicale, work_calendar):
    now = datetime(2026, 3, 2, 9, tzinfo=UTC)
    connection, read = calendar_connect(
        user=personas.mentee,
        kind="caldav",
        url=str(work_calendar.url),
        username=radicale.username,
        password=radicale.password,
        now=now,
    )
    starts = [s for s, _ in read.intervals]
    assert starts == [
        datetime(2026, 3, 3, 10, tzinfo=UTC),
        datetime(2026, 3, 10, 10, tzinfo=UTC),
        datetime(2026, 3, 17, 10, tzinfo=UTC),
    ]
    assert all(
        e - s == (datetime(1, 1, 1, 11, 30) - datetime(1, 1, 1, 10)) for s, e in read.intervals
    )
    assert BusyInterval.objects.filter(connection=connection).count() == 3


def test_a_wrong_password_says_to_use_an_app_password_and_keeps_nothing(
    personas, loopback, radicale, work_calendar
):
    with pytest.raises(DomainError) as refused:
        calendar_connect(
            user=personas.mentee,
            kind="caldav",
            url=str(work_calendar.url),
            username=radicale.username,
            password="wrong",
        )
    assert "app password" in refused.value.message
    assert not CalendarConnection.objects.exists()


def test_it_sends_no_password_over_plain_http_to_a_public_address(personas, settings):
    settings.MENTORA_OUTBOUND_ALLOW = []
    with pytest.raises(DomainError, match="https"):
        calendar_connect(
            user=personas.mentee,
            kind="caldav",
            url="http://93.184.215.14/dav/",
            username="maya",
            password="secret",
        )
