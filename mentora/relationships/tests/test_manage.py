"""Program managers: a program's relationships and stalled pairs (nudge both), the rematch
queue; pages and API for every persona, bounded queries, a configurable stall threshold."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse

from mentora.lib.clock import frozen_at
from mentora.lib.errors import DomainError
from mentora.notifications.models import OutboxMessage
from mentora.programs.models import Enrollment
from mentora.relationships.health import health_of
from mentora.relationships.models import RematchRequest
from mentora.relationships.services.agreements import agreement_sign, agreement_update
from mentora.relationships.services.ending import rematch_request_create, rematch_request_resolve
from mentora.relationships.services.lifecycle import (
    relationship_accept,
    relationship_end_early,
    relationship_request,
)
from mentora.relationships.services.nudges import relationship_nudge
from mentora.testing import make_user

from .conftest import NOW

pytestmark = pytest.mark.django_db

PERSONAS = ["mentee", "mentor", "coach", "manager", "admin", "unrelated", "anonymous"]
MANAGERS = ("manager", "admin")
LATER = NOW + timedelta(days=30)  # Maya and Marco have done nothing for 30 days by then


def _active_pair(personas, name: str):
    """Another mentee paired with Marco in Grow, active since NOW."""
    Enrollment.objects.filter(program=personas.program, user=personas.mentor).update(capacity=50)
    mentee = make_user(f"{name.lower()}@example.com", f"{name} Mentee")
    Enrollment.objects.create(
        program=personas.program, user=mentee, role="mentee", status="approved"
    )
    rel = relationship_request(
        program=personas.program, mentee=mentee, mentor=personas.mentor, by=mentee, now=NOW
    )
    relationship_accept(relationship=rel, by=personas.mentor, now=NOW)
    agreement_update(agreement=rel.agreement, by=mentee, data={"goals": ["Grow"]}, now=NOW)
    agreement_sign(agreement=rel.agreement, by=mentee, now=NOW)
    agreement_sign(agreement=rel.agreement, by=personas.mentor, now=NOW)
    return rel


@pytest.fixture
def ended(active, personas):
    relationship_end_early(
        relationship=active, by=personas.mentee, reason="Marco moved teams", now=NOW
    )
    return active


@pytest.fixture
def waiting(ended, personas):
    return rematch_request_create(
        relationship=ended, by=personas.mentee, note="Someone in sales, please", now=NOW
    )


@pytest.mark.parametrize("persona", PERSONAS)
def test_it_shows_a_programs_relationships_and_stalled_pairs_to_its_managers(
    client_for, personas, active, persona
):
    client = client_for(getattr(personas, persona))
    with frozen_at(LATER):
        overview = client.get(reverse("relationships:program", args=["grow"]))
        stalled = client.get(reverse("relationships:stalled"))
    expected = 200 if persona in MANAGERS else 302 if persona == "anonymous" else 403
    assert (overview.status_code, stalled.status_code) == (expected, expected)
    if expected == 200:
        for page in (overview, stalled):
            body = page.content.decode()
            assert "Maya Mentee &amp; Marco Mentor" in body and "Stalled" in body
            assert "Nudge both" in body
            assert "Negotiate my next salary review" not in body  # the agreement is the pair's


def test_it_lists_the_most_at_risk_first_and_only_the_stalled_in_the_stalled_view(
    client_for, personas, active
):
    fresh = _active_pair(personas, "Fresh")
    fresh.last_activity_at = LATER - timedelta(days=1)
    fresh.save()
    with frozen_at(LATER):
        overview = client_for(personas.manager).get(reverse("relationships:program", args=["grow"]))
        stalled = client_for(personas.manager).get(reverse("relationships:stalled"))
    rows = overview.context["rows"]
    assert [r.pk for r in rows] == [active.pk, fresh.pk]
    assert [r.pk for r in stalled.context["rows"]] == [active.pk]


def test_it_takes_the_stall_threshold_from_settings(settings, personas, active):
    assert not health_of(active, now=NOW + timedelta(days=8)).stalled
    settings.MENTORA_STALLED_DAYS = 7
    health = health_of(active, now=NOW + timedelta(days=8))
    assert health.stalled and health.label == "Stalled"


def test_it_nudges_both_from_the_stalled_view_and_comes_back(client_for, personas, active):
    client = client_for(personas.manager)
    back = reverse("relationships:stalled") + "?program=grow"
    with frozen_at(LATER):
        response = client.post(
            reverse("relationships:nudge", args=[active.pk]),
            {"note": "Shall we book a slot?", "next": back},
        )
    assert response.status_code == 302 and response["Location"] == back
    nudges = OutboxMessage.objects.filter(kind="relationships.nudge")
    assert {m.recipient for m in nudges} == {personas.mentee, personas.mentor}
    assert all("Shall we book a slot?" in m.body for m in nudges)


def test_it_never_redirects_off_site(client_for, personas, active):
    with frozen_at(LATER):
        response = client_for(personas.manager).post(
            reverse("relationships:nudge", args=[active.pk]),
            {"next": "https://evil.example.com/"},
        )
    assert response["Location"] == reverse("relationships:detail", args=[active.pk])


def test_it_nudges_at_most_once_a_day_and_a_nudge_is_not_activity(personas, active):
    relationship_nudge(relationship=active, by=personas.manager, now=LATER)
    with pytest.raises(DomainError) as again:
        relationship_nudge(relationship=active, by=personas.admin, now=LATER + timedelta(hours=3))
    assert again.value.code == "conflict" and "less than a day ago" in again.value.message
    assert health_of(active, now=LATER).stalled
    relationship_nudge(relationship=active, by=personas.manager, now=LATER + timedelta(days=1))
    assert OutboxMessage.objects.filter(kind="relationships.nudge").count() == 4


@pytest.mark.parametrize("persona", ["mentee", "mentor", "coach", "unrelated"])
def test_it_lets_only_managers_nudge(personas, active, persona):
    with pytest.raises(DomainError) as refused:
        relationship_nudge(relationship=active, by=getattr(personas, persona), now=LATER)
    assert refused.value.code == "forbidden"


def test_it_shows_the_program_overview_in_a_bounded_number_of_queries(
    client_for, personas, active, django_assert_max_num_queries
):
    client = client_for(personas.manager)
    url = reverse("relationships:program", args=["grow"])
    with frozen_at(LATER), django_assert_max_num_queries(20) as few:
        client.get(url)
    for name in ("Ana", "Ben", "Cy", "Di"):
        _active_pair(personas, name)
    with frozen_at(LATER), django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert len(response.context["rows"]) == 5
    with frozen_at(LATER), django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("relationships:stalled"))


@pytest.mark.parametrize("persona", PERSONAS[:-1])
def test_it_serves_stalled_pairs_over_the_api_to_managers(
    client, api_token_for, personas, active, persona
):
    headers = api_token_for(getattr(personas, persona))
    with frozen_at(LATER):
        program = client.get(
            "/api/v1/relationships/programs/grow/relationships?stalled=true", **headers
        )
        mine = client.get("/api/v1/relationships/stalled", **headers)
        nudge = client.post(
            f"/api/v1/relationships/{active.pk}/nudge",
            {"note": "Hello"},
            content_type="application/json",
            **headers,
        )
    if persona in MANAGERS:
        (row,) = program.json()["items"]
        assert row["health"]["stalled"] and row["health"]["label"] == "Stalled"
        assert [r["id"] for r in mine.json()["items"]] == [active.pk]
        assert nudge.status_code == 200
    else:
        assert program.status_code == 403
        assert mine.status_code == 403  # as the page: only program managers see stalled pairs
        assert nudge.status_code == (403 if persona in ("mentee", "mentor") else 404)


@pytest.mark.parametrize("persona", PERSONAS)
def test_it_shows_the_rematch_queue_to_managers_only(client_for, personas, waiting, persona):
    response = client_for(getattr(personas, persona)).get(
        reverse("relationships:rematch_queue", args=["grow"])
    )
    expected = 200 if persona in MANAGERS else 302 if persona == "anonymous" else 403
    assert response.status_code == expected
    body = response.content.decode()
    assert ("Someone in sales, please" in body) == (persona in MANAGERS)
    if expected == 200:
        assert "Maya Mentee" in body and "with Marco Mentor" in body
        assert "Marco moved teams" in body  # the end reason, part of the event log managers see


def test_it_marks_a_request_handled_from_the_queue_page(client_for, personas, waiting):
    client = client_for(personas.manager)
    url = reverse("relationships:rematch_handle", args=[waiting.pk])
    response = client.post(url, {"resolution": "Matched with Chloe"}, follow=True)
    assert "Maya Mentee&#x27;s request is marked handled." in response.content.decode()
    assert "Nobody is waiting to be matched again." in response.content.decode()
    waiting.refresh_from_db()
    assert waiting.resolved_by == personas.manager and waiting.resolution == "Matched with Chloe"
    handled = client.get(reverse("relationships:rematch_queue", args=["grow"]) + "?show=handled")
    assert "Matched with Chloe" in handled.content.decode()
    again = client.post(url, {"resolution": ""}, follow=True)
    assert "already handled" in again.content.decode()
    assert waiting.relationship.events.last().action == "rematch_handled"


@pytest.mark.parametrize("persona", ["mentor", "coach", "unrelated"])
def test_it_refuses_others_handling_the_queue(client_for, personas, waiting, persona):
    with pytest.raises(DomainError):
        rematch_request_resolve(rematch_request=waiting, by=getattr(personas, persona))
    response = client_for(getattr(personas, persona)).post(
        reverse("relationships:rematch_handle", args=[waiting.pk])
    )
    assert response.status_code == 404  # by id, like the API: its existence stays hidden
    assert RematchRequest.objects.get().resolved_at is None


def test_it_lets_the_mentee_withdraw_their_own_request(personas, waiting):
    resolved = rematch_request_resolve(
        rematch_request=waiting, by=personas.mentee, resolution="Found a mentor myself"
    )
    assert resolved.resolved_at is not None


def test_it_shows_the_queue_in_a_bounded_number_of_queries(
    client_for, client, api_token_for, personas, waiting, django_assert_max_num_queries
):
    page = client_for(personas.manager)
    url = reverse("relationships:rematch_queue", args=["grow"])
    api_url = "/api/v1/relationships/programs/grow/rematch-queue"
    headers = api_token_for(personas.manager)
    with django_assert_max_num_queries(12) as few_pages:
        page.get(url)
    with django_assert_max_num_queries(12) as few_api:
        client.get(api_url, **headers)
    for name in ("Ana", "Ben", "Cy"):
        rel = _active_pair(personas, name)
        relationship_end_early(relationship=rel, by=rel.mentee, reason="Busy", now=NOW)
        rematch_request_create(relationship=rel, by=rel.mentee, now=NOW)
    page = client_for(personas.manager)
    with django_assert_max_num_queries(len(few_pages.captured_queries)):
        response = page.get(url)
    assert len(response.context["requests"]) == 4
    with django_assert_max_num_queries(len(few_api.captured_queries)):
        listing = client.get(api_url, **headers)
    assert listing.json()["count"] == 4


@pytest.mark.parametrize("persona", PERSONAS[:-1])
def test_it_serves_the_rematch_queue_over_the_api_to_managers(
    client, api_token_for, personas, waiting, persona
):
    headers = api_token_for(getattr(personas, persona))
    listing = client.get("/api/v1/relationships/programs/grow/rematch-queue", **headers)
    handle = client.post(
        f"/api/v1/relationships/rematch-requests/{waiting.pk}/handled",
        {"resolution": "New match in the March run"},
        content_type="application/json",
        **headers,
    )
    if persona in MANAGERS:
        (row,) = listing.json()["items"]
        assert row["mentee"]["email"] == "maya.mentee@example.com"
        assert row["previous_mentor"]["full_name"] == "Marco Mentor"
        assert (row["relationship_status"], row["end_reason"]) == (
            "ended_early",
            "Marco moved teams",
        )
        assert row["note"] == "Someone in sales, please" and row["resolved_at"] is None
        assert handle.status_code == 200 and handle.json()["resolution"].startswith("New match")
        handled = client.get(
            "/api/v1/relationships/programs/grow/rematch-queue?handled=true", **headers
        )
        assert handled.json()["count"] == 1
        assert (
            client.get("/api/v1/relationships/programs/grow/rematch-queue", **headers).json()[
                "count"
            ]
            == 0
        )
    else:
        assert listing.status_code == 403 and handle.status_code == 404


def test_it_lists_stalled_pairs_and_the_queue_from_the_command_line(personas, waiting, capsys):
    import json

    from django.core.management import CommandError, call_command

    from mentora.cli import _resolve

    assert _resolve(["relationships", "stalled"]) == ["relationships_stalled"]
    assert _resolve(["rematch", "queue", "--program", "grow"])[0] == "rematch_queue"
    fresh = _active_pair(personas, "Quiet")
    with frozen_at(LATER):
        call_command("relationships_stalled", "--program", "grow", "--json")
    (row,) = json.loads(capsys.readouterr().out)
    assert (row["id"], row["mentee"], row["days_silent"]) == (fresh.pk, "quiet@example.com", 30)
    call_command("rematch_queue", "--program", "grow")
    out = capsys.readouterr().out
    assert "1 waiting in grow." in out and "maya.mentee@example.com" in out
    with pytest.raises(CommandError, match="No program has the slug “nope”; programs: grow, lead"):
        call_command("rematch_queue", "--program", "nope")


def test_it_lists_the_queue_and_templates_in_the_django_admin(client_for, personas, waiting):
    from mentora.relationships.services.templates import agreement_template_create

    admin = personas.admin
    admin.is_staff = admin.is_superuser = True
    admin.save()
    agreement_template_create(program=personas.program, by=admin, data={"name": "Standard"})
    client = client_for(admin)
    queue = client.get(reverse("admin:relationships_rematchrequest_changelist"))
    assert queue.status_code == 200 and "Maya Mentee" in queue.content.decode()
    templates = client.get(reverse("admin:relationships_agreementtemplate_changelist"))
    assert templates.status_code == 200 and "Standard" in templates.content.decode()
