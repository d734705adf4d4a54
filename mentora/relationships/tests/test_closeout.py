"""From agreement to close-out over the API, and the review fixes: actions added during a
meeting, end date and sessions, the wrap-up reminder, confirmations, the member's export."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from django.urls import reverse

from mentora.lib.clock import frozen_at
from mentora.lib.errors import DomainError
from mentora.relationships.models import RematchRequest
from mentora.relationships.reminders import digest_items
from mentora.relationships.selectors import meeting_actions
from mentora.relationships.services.actions import action_item_add
from mentora.relationships.services.agreements import agreement_sign, agreement_update
from mentora.relationships.services.lifecycle import (
    relationship_accept,
    relationship_complete,
    relationship_request,
)
from mentora.relationships.services.meetings import (
    meeting_schedule,
    private_note_add,
    shared_note_add,
)

from .conftest import NOW

pytestmark = pytest.mark.django_db

PERSONAS = ["mentee", "mentor", "coach", "manager", "admin", "unrelated"]
API = "/api/v1/relationships"


def _call(client, method, url, headers, data=None):
    return getattr(client, method)(
        url, data=json.dumps(data or {}), content_type="application/json", **headers
    )


def test_it_closes_a_relationship_out_over_the_api(client, api_token_for, active, personas):
    mentee, mentor = api_token_for(personas.mentee), api_token_for(personas.mentor)
    with frozen_at(NOW):
        too_early = _call(
            client, "post", f"{API}/{active.pk}/reflections", mentee, {"what_went_well": "x"}
        )
        assert too_early.status_code == 409
        done = _call(
            client,
            "post",
            f"{API}/{active.pk}/transitions",
            mentor,
            {"action": "complete", "reason": "Goals reached"},
        )
        assert done.json()["status"] == "completed"
        for headers, text in ((mentee, "I negotiated a raise"), (mentor, "Maya grew fast")):
            made = _call(
                client, "post", f"{API}/{active.pk}/reflections", headers,
                {"what_went_well": text, "what_to_improve": "Start earlier"},
            )  # fmt: skip
            assert made.status_code == 201, made.content
        twice = _call(
            client, "post", f"{API}/{active.pk}/reflections", mentee, {"what_went_well": "Again"}
        )
        assert twice.status_code == 409
        both = client.get(f"{API}/{active.pk}/reflections", **mentor).json()
        assert {r["author"] for r in both} == {"Maya Mentee", "Marco Mentor"}
        not_mentor = _call(client, "post", f"{API}/{active.pk}/rematch", mentor, {"note": "x"})
        assert not_mentor.status_code == 403
        queued = _call(
            client, "post", f"{API}/{active.pk}/rematch", mentee, {"note": "Someone in sales"}
        )
        assert queued.status_code == 201 and queued.json()["resolved_at"] is None
    assert RematchRequest.objects.get().note == "Someone in sales"
    versions = client.get(f"{API}/{active.pk}/agreement/versions", **mentee).json()
    assert [v["number"] for v in versions] == [2, 1]
    assert versions[0]["mentee_signed_at"] and versions[0]["mentor_signed_at"]
    assert versions[0]["content"]["goals"][0] == "Negotiate my next salary review"


@pytest.mark.parametrize("persona", PERSONAS)
def test_it_keeps_the_pairs_endpoints_to_the_pair(client, api_token_for, active, personas, persona):
    headers = api_token_for(getattr(personas, persona))
    meeting = meeting_schedule(
        relationship=active, by=personas.mentee, starts_at=NOW + timedelta(days=400), now=NOW
    )
    member = persona in ("mentee", "mentor")
    for url in ("agreement/versions", "reflections", "export"):
        response = client.get(f"{API}/{active.pk}/{url}", **headers)
        assert response.status_code == (200 if member else 404), (persona, url)
    confirm = _call(client, "post", f"{API}/meetings/{meeting.pk}/confirm", headers)
    assert confirm.status_code == (200 if member else 404)
    if member:
        assert confirm.json()[f"{persona}_confirmed_at"] is not None


def test_it_has_no_agreement_to_change_before_acceptance(
    client, api_token_for, requested, personas
):
    response = _call(
        client, "patch", f"{API}/{requested.pk}/agreement", api_token_for(personas.mentee),
        {"goals": ["x"]},
    )  # fmt: skip
    assert (
        response.status_code == 409
        and "starts once the request is accepted" in response.json()["detail"]
    )
    requested.refresh_from_db()
    assert not hasattr(requested, "agreement")


def test_it_refuses_a_series_of_zero_meetings(client, api_token_for, active, personas):
    response = _call(
        client, "post", f"{API}/{active.pk}/meetings", api_token_for(personas.mentee),
        {"local_start": "2026-04-01T09:00:00", "repeat": 0},
    )  # fmt: skip
    assert response.status_code == 422 and response.json()["field"] == "repeat"


def test_it_shows_an_action_added_during_the_meeting_on_that_meeting(active, personas):
    meeting = meeting_schedule(
        relationship=active, by=personas.mentee, starts_at=NOW + timedelta(days=1), now=NOW
    )
    during = NOW + timedelta(days=1, minutes=20)
    item = action_item_add(
        relationship=active, by=personas.mentor, text="Book the review", owner=personas.mentee,
        meeting=meeting, now=during,
    )  # fmt: skip
    assert list(meeting_actions(meeting=meeting)) == [item]
    later = meeting_schedule(
        relationship=active, by=personas.mentee, starts_at=NOW + timedelta(days=8), now=NOW
    )
    assert list(meeting_actions(meeting=later)) == [item]  # still open: carried over


def test_it_counts_sessions_only_for_coaching_and_keeps_the_end_date_in_step(active, personas):
    with pytest.raises(DomainError) as refused:
        agreement_update(agreement=active.agreement, by=personas.mentee, data={"sessions": 6})
    assert refused.value.field == "sessions"
    agreement_update(
        agreement=active.agreement, by=personas.mentee, data={"ends_on": "2026-09-30"}, now=NOW
    )
    active.refresh_from_db()
    assert active.ends_on == date(2026, 9, 30)


def _coaching(personas, sessions):
    from mentora.programs.models import Enrollment

    Enrollment.objects.create(
        program=personas.coaching, user=personas.mentee, role="mentee", status="approved"
    )
    rel = relationship_request(
        program=personas.coaching, mentee=personas.mentee, mentor=personas.coach,
        by=personas.mentee, sessions_planned=sessions, now=NOW,
    )  # fmt: skip
    relationship_accept(relationship=rel, by=personas.coach, now=NOW)
    agreement_update(agreement=rel.agreement, by=personas.mentee, data={"goals": ["Lead"]}, now=NOW)
    agreement_sign(agreement=rel.agreement, by=personas.mentee, now=NOW)
    agreement_sign(agreement=rel.agreement, by=personas.coach, now=NOW)
    return rel


def test_it_asks_to_wrap_up_once_every_coaching_session_is_held(client_for, personas):
    rel = _coaching(personas, sessions=2)
    for days in (1, 8):
        meeting_schedule(
            relationship=rel, by=personas.coach, starts_at=NOW + timedelta(days=days), now=NOW
        )
    with frozen_at(NOW + timedelta(days=9)):
        page = client_for(personas.mentee).get(reverse("relationships:detail", args=[rel.pk]))
    body = page.content.decode()
    assert "2 of 2 sessions held" in body and "All 2 agreed sessions are held" in body
    items = digest_items(user=personas.coach, now=NOW + timedelta(days=9))
    assert "wrap_up" in [i.kind for i in items]
    relationship_complete(relationship=rel, by=personas.coach, now=NOW + timedelta(days=9))
    items = digest_items(user=personas.coach, now=NOW + timedelta(days=10))
    assert "wrap_up" not in [i.kind for i in items]


def test_it_asks_to_wrap_up_after_the_agreed_end_date(active, personas):
    agreement_update(
        agreement=active.agreement, by=personas.mentee, data={"ends_on": "2026-04-01"}, now=NOW
    )
    assert "wrap_up" not in [i.kind for i in digest_items(user=personas.mentee, now=NOW)]
    after = NOW + timedelta(days=31)
    kinds = [i.kind for i in digest_items(user=personas.mentee, now=after)]
    assert "wrap_up" in kinds


def test_it_confirms_a_meeting_from_the_meeting_page(client_for, active, personas):
    meeting = meeting_schedule(
        relationship=active, by=personas.mentee, starts_at=NOW + timedelta(days=400), now=NOW
    )
    client = client_for(personas.mentor)
    page = client.get(reverse("relationships:meeting", args=[meeting.pk])).content.decode()
    assert "Confirm I will be there" in page
    response = client.post(reverse("relationships:meeting_confirm", args=[meeting.pk]), follow=True)
    assert "You confirmed you will be there." in response.content.decode()
    other = client_for(personas.mentee).get(reverse("relationships:meeting", args=[meeting.pk]))
    assert "Marco Mentor confirmed." in other.content.decode()


SECRET = "I worry Marco is bored by my questions"
MINE = "Marco's own private thought"


@pytest.mark.parametrize("persona", ["mentee", "mentor", "coach", "manager", "admin", "unrelated"])
def test_it_exports_only_what_the_reader_may_see(
    client_for, api_token_for, client, active, personas, persona
):
    meeting = meeting_schedule(
        relationship=active, by=personas.mentee, starts_at=NOW + timedelta(days=400), now=NOW
    )
    private_note_add(meeting=meeting, by=personas.mentee, body=SECRET)
    private_note_add(meeting=meeting, by=personas.mentor, body=MINE)
    shared_note_add(meeting=meeting, by=personas.mentor, body="Practise the pitch")
    user = getattr(personas, persona)
    page = client_for(user).get(reverse("relationships:export", args=[active.pk]))
    api = client.get(f"{API}/{active.pk}/export", **api_token_for(user))
    if persona not in ("mentee", "mentor"):
        assert (page.status_code, api.status_code) == (404, 404)
        assert SECRET not in page.content.decode() + api.content.decode()
        return
    for body in (page.content.decode(), api.content.decode()):
        assert (SECRET in body) == (persona == "mentee")
        assert (MINE in body) == (persona == "mentor")
        assert "Practise the pitch" in body
    assert page["Content-Disposition"].startswith("attachment")
    record = api.json()
    assert record["agreement"]["current"]["goals"][0] == "Negotiate my next salary review"
    (exported,) = record["meetings"]
    assert [n["body"] for n in exported["my_private_notes"]] == [
        SECRET if persona == "mentee" else MINE
    ]
