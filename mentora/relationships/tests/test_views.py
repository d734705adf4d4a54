"""Relationship pages: who may open what, the forms, and bounded query counts."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse

from mentora.lib.clock import frozen_at
from mentora.programs.models import Enrollment
from mentora.relationships.models import Meeting, Relationship
from mentora.relationships.services.actions import action_item_add, check_in_create
from mentora.relationships.services.ending import reflection_create
from mentora.relationships.services.lifecycle import (
    relationship_accept,
    relationship_complete,
    relationship_request,
)
from mentora.relationships.services.meetings import meeting_schedule
from mentora.testing import make_user

from .conftest import NOW

pytestmark = pytest.mark.django_db

PERSONAS = ["mentee", "mentor", "coach", "manager", "admin", "unrelated", "anonymous"]


@pytest.mark.parametrize("persona", PERSONAS)
def test_it_lets_the_pair_and_overseers_open_the_relationship(
    client_for, personas, active, persona
):
    response = client_for(getattr(personas, persona)).get(
        reverse("relationships:detail", args=[active.pk])
    )
    expected = {"coach": 404, "unrelated": 404, "anonymous": 302}.get(persona, 200)
    assert response.status_code == expected
    body = response.content.decode()
    goal = "Negotiate my next salary review"
    assert (goal in body) == (persona in ("mentee", "mentor"))  # agreement is the pair's
    if expected == 200:
        # The event log, in words: no status codes ("requested → accepted").
        assert "History" in body and "Accepted by" in body and "→ accepted" not in body


def test_it_walks_the_request_through_the_pages(client_for, personas, requested):
    client = client_for(personas.mentor)
    url = reverse("relationships:transition", args=[requested.pk, "accept"])
    response = client.post(url, follow=True)
    body = response.content.decode()
    assert "You accepted the request from Maya Mentee" in body and ": done." not in body
    requested.refresh_from_db()
    assert requested.status == "accepted"
    agreement_url = reverse("relationships:agreement", args=[requested.pk])
    response = client.post(
        agreement_url,
        {
            "goals_text": "Learn to negotiate\nLead a campaign",
            "cadence": "weekly",
            "meeting_minutes": "30",
            "channel": "Video",
            "confidentiality": "Between us",
        },
        follow=True,
    )
    assert "Your change is proposed as version 2" in response.content.decode()
    client.post(reverse("relationships:agreement_sign", args=[requested.pk]))
    client_for(personas.mentee).post(reverse("relationships:agreement_sign", args=[requested.pk]))
    requested.refresh_from_db()
    assert requested.status == "active"
    assert requested.agreement.goals == ["Learn to negotiate", "Lead a campaign"]


def test_it_shows_agreement_errors_next_to_the_field(client_for, personas, accepted):
    response = client_for(personas.mentee).post(
        reverse("relationships:agreement", args=[accepted.pk]),
        {"goals_text": "x", "cadence": "weekly", "meeting_minutes": "3"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Please correct" in body and "Meetings last between 15 and 240 minutes" in body


def test_it_refuses_an_invalid_transition_with_a_message(client_for, personas, requested):
    response = client_for(personas.mentee).post(
        reverse("relationships:transition", args=[requested.pk, "pause"]), follow=True
    )
    assert "requested relationship cannot pause" in response.content.decode()


def test_it_schedules_from_the_page_in_the_viewers_time_zone(client_for, personas, active):
    with frozen_at(NOW):
        response = client_for(personas.mentor).post(
            reverse("relationships:meeting_new", args=[active.pk]),
            {"starts_at": "2026-03-23T09:00", "repeat": "3", "cadence": "weekly"},
            follow=True,
        )
    assert "3 meetings scheduled" in response.content.decode()
    hours = [m.starts_at.hour for m in Meeting.objects.order_by("starts_at")]
    assert hours == [8, 7, 7]  # 09:00 Paris before and after the DST change


def test_it_adds_agenda_notes_and_actions_on_the_meeting_page(client_for, personas, active):
    meeting = meeting_schedule(
        relationship=active, by=personas.mentee, starts_at=NOW + timedelta(days=400), now=NOW
    )
    client = client_for(personas.mentee)
    client.post(reverse("relationships:agenda_add", args=[meeting.pk]), {"text": "Pitch"})
    client.post(reverse("relationships:note_add", args=[meeting.pk]), {"body": "Shared one"})
    client.post(
        reverse("relationships:action_add", args=[active.pk]),
        {"text": "Write pitch", "owner": personas.mentee.pk, "meeting": meeting.pk},
    )
    body = (
        client_for(personas.mentor)
        .get(reverse("relationships:meeting", args=[meeting.pk]))
        .content.decode()
    )
    assert "Pitch" in body and "Shared one" in body and "Write pitch" in body


def _many_relationships(personas, n):
    Enrollment.objects.filter(program=personas.program, user=personas.mentor).update(capacity=50)
    for i in range(n):
        mentee = make_user(f"m{i}@example.com", f"Mentee {i}")
        Enrollment.objects.create(
            program=personas.program, user=mentee, role="mentee", status="approved"
        )
        rel = relationship_request(
            program=personas.program, mentee=mentee, mentor=personas.mentor, by=mentee, now=NOW
        )
        relationship_accept(relationship=rel, by=personas.mentor, now=NOW)
        action_item_add(relationship=rel, by=mentee, text="x", owner=mentee, now=NOW)


@pytest.mark.parametrize("persona", ["mentor", "manager"])
def test_it_lists_relationships_in_a_bounded_number_of_queries(
    client_for, personas, django_assert_max_num_queries, persona
):
    _many_relationships(personas, 2)
    client = client_for(getattr(personas, persona))
    client.get(reverse("relationships:list"))
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("relationships:list"))
    _many_relationships_more = 6
    for i in range(_many_relationships_more):
        mentee = make_user(f"n{i}@example.com", f"Another {i}")
        Enrollment.objects.create(
            program=personas.program, user=mentee, role="mentee", status="approved"
        )
        relationship_request(
            program=personas.program, mentee=mentee, mentor=personas.mentor, by=mentee, now=NOW
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("relationships:list"))
    assert response.content.decode().count('href="/relationships/') >= 8
    assert Relationship.objects.count() == 8


def test_it_lists_relationships_in_the_api_in_a_bounded_number_of_queries(
    client, api_token_for, personas, django_assert_max_num_queries
):
    headers = api_token_for(personas.mentor)
    _many_relationships(personas, 2)
    with django_assert_max_num_queries(8) as few:
        client.get("/api/v1/relationships", **headers)
    _many_relationships(personas, 0)
    for i in range(5):
        mentee = make_user(f"k{i}@example.com", f"K {i}")
        Enrollment.objects.create(
            program=personas.program, user=mentee, role="mentee", status="approved"
        )
        relationship_request(
            program=personas.program, mentee=mentee, mentor=personas.mentor, by=mentee, now=NOW
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get("/api/v1/relationships", **headers)
    assert response.json()["count"] == 7


def test_it_grades_health_only_once_the_relationship_is_active(client_for, personas, requested):
    client = client_for(personas.mentor)
    # A day after the request (later it counts as stuck: see test_nudge_stuck.py).
    with frozen_at(NOW + timedelta(days=1)):
        detail = client.get(reverse("relationships:detail", args=[requested.pk])).content.decode()
        listing = client.get(reverse("relationships:list")).content.decode()
        api = client.get(f"/api/v1/relationships/{requested.pk}").json()
    assert "On track" not in detail
    assert "On track" not in listing and "not graded (only active relationships are)" in listing
    assert api["health"]["graded"] is False and api["health"]["label"] == "Not graded"


def _fill(relationship, personas, k):
    """k more meetings held, upcoming meetings, action items and check-ins."""
    for i in range(k):
        meeting_schedule(
            relationship=relationship,
            by=personas.mentee,
            starts_at=NOW + timedelta(days=1 + i),
            now=NOW,
        )
        Meeting.objects.create(
            relationship=relationship,
            organiser=personas.mentee,
            starts_at=NOW - timedelta(days=20 - i),
        )
        action_item_add(
            relationship=relationship,
            by=personas.mentee,
            text=f"Do {i}",
            owner=personas.mentee,
            now=NOW,
        )
        check_in_create(
            relationship=relationship,
            by=personas.mentee,
            progress=f"Went {i}",
            confidence=4,
            now=NOW,
        )


@pytest.mark.parametrize("persona", ["mentee", "mentor", "manager"])
def test_it_shows_the_relationship_page_in_constant_queries(
    client_for, personas, active, persona, django_assert_num_queries
):
    client = client_for(getattr(personas, persona))
    url = reverse("relationships:detail", args=[active.pk])
    _fill(active, personas, 1)
    with frozen_at(NOW + timedelta(days=10)):
        client.get(url)  # warm the session
        # Session, user, the relationship with its people, program, agreement and health
        # figures, the program's managers (asked up to seven times), the navigation, then the
        # page's lists: the pair sees meetings, actions and check-ins, a manager does not;
        # the pair also sees whether the other proposed times (one query, "Find a time").
        expected = {"mentee": 14, "mentor": 14, "manager": 8}[persona]
        with django_assert_num_queries(expected):
            client.get(url)
        _fill(active, personas, 4)
        with django_assert_num_queries(expected):
            body = client.get(url).content.decode()
    if persona != "manager":
        assert body.count("Went ") == 5
        assert body.count('Mark done<span class="visually-hidden">: Do ') == 5


def test_it_counts_held_meetings_and_grades_health_on_the_relationship_page(
    client_for, personas, active
):
    Relationship.objects.filter(pk=active.pk).update(sessions_planned=8)
    for days in (30, 25, 20):  # held, held, cancelled
        meeting = Meeting.objects.create(
            relationship=active, organiser=personas.mentee, starts_at=NOW + timedelta(days=days)
        )
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.CANCELLED)
    with frozen_at(NOW + timedelta(days=40)):
        body = (
            client_for(personas.mentee)
            .get(reverse("relationships:detail", args=[active.pk]))
            .content.decode()
        )
    assert "2 of 8 sessions held" in body
    assert "Held 2 of 2 agreed meetings." not in body  # amber/red reasons only when not green
    assert "Needs attention" in body or "At risk" in body or "On track" in body


def test_it_shows_reflections_only_once_the_relationship_has_ended(client_for, personas, active):
    client = client_for(personas.mentee)
    url = reverse("relationships:detail", args=[active.pk])
    assert "Final reflections" not in client.get(url).content.decode()
    relationship_complete(relationship=active, by=personas.mentee, now=NOW + timedelta(days=1))
    body = client.get(url).content.decode()
    assert "Final reflections" in body and "Wrap up and reflect" in body
    assert "Match me with someone new" in body  # the mentee may ask for someone new
    form = client.get(reverse("relationships:form", args=[active.pk, "reflection"]))
    assert "Save my reflection" in form.content.decode()
    reflection_create(
        relationship=active, by=personas.mentee, what_went_well="A lot", now=NOW + timedelta(days=2)
    )
    body = client.get(url).content.decode()
    assert "A lot" in body and "Write my reflection" not in body
