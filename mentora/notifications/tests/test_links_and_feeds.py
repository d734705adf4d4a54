"""One-click email links (signed, expiring) and the private calendar feed."""

from __future__ import annotations

from datetime import date, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from icalendar import Calendar

from mentora.lib.signing import BadLink, link_token, read_link_token
from mentora.notifications.services import calendar_feed_create, calendar_feed_revoke
from mentora.relationships.services.actions import action_item_add
from mentora.relationships.services.meetings import meeting_schedule

from .conftest import NOW

pytestmark = pytest.mark.django_db


@pytest.fixture
def action(active, personas):
    return action_item_add(
        relationship=active,
        by=personas.mentor,
        text="Draft the pitch",
        owner=personas.mentee,
        due_on=date(2026, 3, 3),
        now=NOW,
    )


def test_it_marks_an_action_done_from_the_email_link_without_signing_in(client, action, personas):
    url = reverse(
        "notifications:one_click",
        args=[link_token(action="action_done", object_id=action.pk, user_id=personas.mentee.pk)],
    )
    page = client.get(url)
    assert page.status_code == 200 and "Mark the action done" in page.content.decode()
    action.refresh_from_db()
    assert action.status == "open"  # a GET (mail scanners prefetch links) changes nothing
    done = client.post(url)
    assert "is marked done" in done.content.decode()
    action.refresh_from_db()
    assert action.status == "done"


def test_it_confirms_a_meeting_from_the_email_link(client, active, personas):
    meeting = meeting_schedule(
        relationship=active, by=personas.mentee, starts_at=NOW + timedelta(days=400), now=NOW
    )
    token = link_token(action="confirm_meeting", object_id=meeting.pk, user_id=personas.mentor.pk)
    page = client.get(reverse("notifications:one_click", args=[token])).content.decode()
    # Marco reads the time in his own zone (Paris), signed in or not.
    local = (NOW + timedelta(days=400)).astimezone(ZoneInfo("Europe/Paris"))
    assert f"{local:%H:%M} (Europe/Paris)" in page
    client.post(reverse("notifications:one_click", args=[token]))
    meeting.refresh_from_db()
    assert meeting.mentor_confirmed_at is not None and meeting.mentee_confirmed_at is None


@pytest.mark.parametrize("token", ["nonsense", "a" * 200, "eyJhIjoiYSJ9:bad:sig"])
def test_it_answers_a_bad_link_with_a_clear_page(client, token):
    response = client.get(reverse("notifications:one_click", args=[token]))
    assert response.status_code == 400
    assert "This link cannot be used" in response.content.decode()


def test_it_refuses_an_expired_link(action, personas):
    token = link_token(action="action_done", object_id=action.pk, user_id=personas.mentee.pk)
    with pytest.raises(BadLink, match="expired"):
        read_link_token(token, max_age=-1)


def test_it_refuses_a_link_sent_to_someone_outside_the_pair(client, action, personas):
    token = link_token(action="action_done", object_id=action.pk, user_id=personas.unrelated.pk)
    response = client.post(reverse("notifications:one_click", args=[token]))
    assert response.status_code == 409
    action.refresh_from_db()
    assert action.status == "open"


def test_it_serves_a_private_feed_until_revoked(client, active, personas):
    meeting = meeting_schedule(
        relationship=active, by=personas.mentee, starts_at=NOW + timedelta(days=400), now=NOW
    )
    _, token = calendar_feed_create(user=personas.mentor)
    response = client.get(reverse("notifications:feed", args=[token]))
    assert response["Content-Type"].startswith("text/calendar")
    (event,) = Calendar.from_ical(response.content).walk("VEVENT")
    assert str(event["uid"]) == meeting.uid
    calendar_feed_revoke(user=personas.mentor)
    assert client.get(reverse("notifications:feed", args=[token])).status_code == 404


def test_it_replaces_the_old_feed_address_with_a_new_one(client, personas):
    _, old = calendar_feed_create(user=personas.mentee)
    _, new = calendar_feed_create(user=personas.mentee)
    assert client.get(reverse("notifications:feed", args=[old])).status_code == 404
    assert client.get(reverse("notifications:feed", args=[new])).status_code == 200


def test_it_saves_preferences_from_the_page(client_for, personas):
    client = client_for(personas.mentee)
    response = client.post(
        reverse("notifications:preferences"),
        {"digest_enabled": "on", "digest_hour": "7", "quiet_start": "22:00", "quiet_end": ""},
    )
    body = response.content.decode()
    assert "Give both the start and the end of quiet hours" in body
    response = client.post(
        reverse("notifications:preferences"),
        {"digest_enabled": "on", "digest_hour": "7", "quiet_start": "22:00", "quiet_end": "07:00"},
        follow=True,
    )
    assert "Your notification settings are saved." in response.content.decode()
