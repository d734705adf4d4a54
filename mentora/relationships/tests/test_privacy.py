"""Private notes: only the author sees them, through every interface and for every persona."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse

from mentora.relationships.models import PrivateNote
from mentora.relationships.services.meetings import (
    meeting_schedule,
    private_note_add,
    shared_note_add,
)

from .conftest import NOW

pytestmark = pytest.mark.django_db

PERSONAS = ["mentee", "mentor", "coach", "manager", "admin", "unrelated", "anonymous"]
SECRET = "I worry Marco is bored by my questions"
SHARED = "Agreed to practise the salary pitch"


@pytest.fixture
def meeting(active, personas):
    meeting = meeting_schedule(
        relationship=active, by=personas.mentee, starts_at=NOW + timedelta(days=400), now=NOW
    )
    private_note_add(meeting=meeting, by=personas.mentee, body=SECRET)
    shared_note_add(meeting=meeting, by=personas.mentor, body=SHARED)
    return meeting


@pytest.fixture
def superuser_admin(personas):
    admin = personas.admin
    admin.is_staff = admin.is_superuser = True
    admin.save()
    return admin


@pytest.mark.parametrize("persona", PERSONAS)
def test_it_shows_the_private_note_on_pages_only_to_its_author(
    client_for, personas, meeting, persona
):
    client = client_for(getattr(personas, persona))
    for url in (
        reverse("relationships:meeting", args=[meeting.pk]),
        reverse("relationships:detail", args=[meeting.relationship_id]),
        reverse("relationships:list"),
    ):
        body = client.get(url).content.decode()
        assert (SECRET in body) == (persona == "mentee" and "meeting" in url), (persona, url)


@pytest.mark.parametrize("persona", PERSONAS)
def test_it_shows_shared_notes_to_the_pair_only(client_for, personas, meeting, persona):
    response = client_for(getattr(personas, persona)).get(
        reverse("relationships:meeting", args=[meeting.pk])
    )
    expected = {"mentee": 200, "mentor": 200, "anonymous": 302}.get(persona, 404)
    assert response.status_code == expected
    assert (SHARED in response.content.decode()) == (persona in ("mentee", "mentor"))


@pytest.mark.parametrize("persona", [p for p in PERSONAS if p != "anonymous"])
def test_it_shows_the_private_note_in_the_api_only_to_its_author(
    client, api_token_for, personas, meeting, persona
):
    headers = api_token_for(getattr(personas, persona))
    response = client.get(f"/api/v1/relationships/meetings/{meeting.pk}", **headers)
    if persona in ("mentee", "mentor"):
        notes = [n["body"] for n in response.json()["private_notes"]]
        assert notes == ([SECRET] if persona == "mentee" else [])
        assert [n["body"] for n in response.json()["shared_notes"]] == [SHARED]
    else:
        assert response.status_code == 404
        assert SECRET not in response.content.decode()
    detail = client.get(f"/api/v1/relationships/{meeting.relationship_id}", **headers)
    assert SECRET not in detail.content.decode()


def test_it_answers_anonymous_api_callers_with_401(client, meeting):
    response = client.get(f"/api/v1/relationships/meetings/{meeting.pk}")
    assert response.status_code == 401


def test_it_hides_others_private_notes_from_a_superuser_in_the_admin(
    client_for, superuser_admin, meeting
):
    client = client_for(superuser_admin)
    note = PrivateNote.objects.get()
    listing = client.get(reverse("admin:relationships_privatenote_changelist"))
    assert listing.status_code == 200 and SECRET not in listing.content.decode()
    assert "0 private notes" in listing.content.decode()
    change = client.get(reverse("admin:relationships_privatenote_change", args=[note.pk]))
    assert change.status_code in (302, 403, 404)
    assert SECRET not in change.content.decode()
    meeting_page = client.get(reverse("admin:relationships_meeting_change", args=[meeting.pk]))
    assert meeting_page.status_code == 200 and SECRET not in meeting_page.content.decode()


def test_it_lets_a_staff_author_see_their_own_note_in_the_admin(client_for, personas, meeting):
    mentee = personas.mentee
    mentee.is_staff = mentee.is_superuser = True
    mentee.save()
    listing = client_for(mentee).get(reverse("admin:relationships_privatenote_changelist"))
    assert "1 private note" in listing.content.decode()


def test_it_keeps_private_notes_out_of_the_event_log(meeting):
    actions = list(meeting.relationship.events.values_list("action", flat=True))
    assert "note_added" in actions  # the shared note
    assert all(SECRET not in (e.reason or "") for e in meeting.relationship.events.all())
