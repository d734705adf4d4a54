"""Pairs stuck before they start (a request nobody answered, an accepted pair that never
met) are flagged everywhere a pair's health shows, and program staff can nudge them: the
person asked is reminded to answer; an accepted pair is reminded to hold their first meeting."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse

from mentora.lib.clock import frozen_at
from mentora.lib.errors import DomainError
from mentora.notifications.models import OutboxMessage
from mentora.relationships.health import health_of
from mentora.relationships.selectors import program_relationships
from mentora.relationships.services.lifecycle import relationship_decline
from mentora.relationships.services.nudges import relationship_nudge
from mentora.relationships.tests.conftest import NOW

pytestmark = pytest.mark.django_db


def _nudges():
    return OutboxMessage.objects.filter(kind="relationships.nudge")


def test_it_grades_a_request_waiting_13_days_as_stalled_not_ungraded(personas, requested):
    early = health_of(requested, now=NOW + timedelta(days=3))
    late = health_of(requested, now=NOW + timedelta(days=13))
    assert early.label == "Not graded" and not early.stalled
    assert late.label == "Stalled" and late.level == "red" and late.days_silent == 13
    assert late.reasons == ["Requested 13 days ago; Marco Mentor has not answered."]


def test_it_grades_an_accepted_pair_that_never_met_in_22_days_as_stalled(personas, accepted):
    health = health_of(accepted, now=NOW + timedelta(days=22))
    assert health.label == "Stalled"
    assert health.reasons == [
        "Accepted 22 days ago; Maya Mentee and Marco Mentor have not started."
    ]


def test_it_lists_stuck_pairs_first_among_a_programs_relationships(personas, accepted):
    rows = program_relationships(program=personas.program, now=NOW + timedelta(days=22))
    assert [(r.pk, r.stuck, r.health.stalled) for r in rows] == [(accepted.pk, True, True)]


def test_it_reminds_only_the_person_asked_when_a_request_is_unanswered(personas, requested):
    sent = relationship_nudge(
        relationship=requested, by=personas.manager, note="Could you answer Maya this week?",
        now=NOW + timedelta(days=13),
    )
    (message,) = _nudges()
    assert sent == 1 and message.recipient == personas.mentor
    assert message.subject == "Maya Mentee is waiting for your answer"
    assert "asked you to be their mentor in Grow" in message.body
    assert "Could you answer Maya this week?" in message.body
    assert "Accept or decline the request" in message.body
    assert requested.events.filter(action="nudged").count() == 1


def test_it_reminds_both_to_hold_their_first_meeting_when_accepted(personas, accepted):
    sent = relationship_nudge(relationship=accepted, by=personas.manager, now=NOW + timedelta(22))
    assert sent == 2
    assert {m.recipient for m in _nudges()} == {personas.mentee, personas.mentor}
    assert all("have not met yet" in m.body for m in _nudges())
    assert all(m.subject.startswith("Time for your first meeting with") for m in _nudges())


def test_it_refuses_to_nudge_a_declined_request_and_names_its_status(personas, requested):
    relationship_decline(relationship=requested, by=personas.mentor, now=NOW)
    with pytest.raises(DomainError, match="This relationship is declined"):
        relationship_nudge(relationship=requested, by=personas.manager, now=NOW)
    assert not _nudges().exists()


def test_it_refuses_a_second_reminder_the_same_day(personas, requested):
    relationship_nudge(relationship=requested, by=personas.manager, now=NOW + timedelta(days=9))
    with pytest.raises(DomainError, match="Marco Mentor was nudged less than a day ago"):
        relationship_nudge(
            relationship=requested, by=personas.admin, now=NOW + timedelta(days=9, hours=2)
        )


def test_it_offers_the_reminder_on_the_stalled_page_and_shows_it_was_sent(
    personas, requested, client_for
):
    client = client_for(personas.manager)
    with frozen_at(NOW + timedelta(days=13)):
        page = client.get(reverse("relationships:stalled")).content.decode()
        assert "Remind Marco Mentor</button>" in page
        response = client.post(
            reverse("relationships:nudge", args=[requested.pk]),
            {"note": "", "next": reverse("relationships:stalled")},
        )
        assert response.status_code == 302
        after = client.get(reverse("relationships:stalled")).content.decode()
    assert "We reminded Marco Mentor to answer Maya Mentee" in after
    assert "Nudged today" in after
    assert _nudges().count() == 1


def test_it_offers_nudge_both_on_the_programs_relationships_for_an_accepted_pair(
    personas, accepted, client_for
):
    with frozen_at(NOW + timedelta(days=22)):
        page = client_for(personas.manager).get(
            reverse("relationships:program", args=["grow"])
        ).content.decode()
        detail = client_for(personas.manager).get(
            reverse("relationships:detail", args=[accepted.pk])
        ).content.decode()
    assert 'aria-label="Nudge both: Maya Mentee and Marco Mentor"' in page
    assert "Not graded" not in page
    assert "Nudge both</a>" in detail


@pytest.mark.parametrize("persona", ["manager", "admin", "mentee", "mentor", "unrelated"])
def test_it_nudges_a_stuck_request_over_the_api_for_staff_only(
    client, api_token_for, personas, requested, persona
):
    headers = api_token_for(getattr(personas, persona))
    with frozen_at(NOW + timedelta(days=13)):
        stalled = client.get("/api/v1/relationships/stalled", **headers)
        nudge = client.post(
            f"/api/v1/relationships/{requested.pk}/nudge", {"note": ""},
            content_type="application/json", **headers,
        )
    if persona in ("manager", "admin"):
        (row,) = stalled.json()["items"]
        assert row["health"]["label"] == "Stalled"
        assert nudge.status_code == 200
        assert [m.recipient for m in _nudges()] == [personas.mentor]
    else:
        assert stalled.status_code == 403
        assert nudge.status_code in (403, 404)
        assert not _nudges().exists()


def test_it_shows_the_stuck_flag_to_staff_but_not_to_the_member_it_is_about(
    personas, requested, client_for
):
    with frozen_at(NOW + timedelta(days=13)):
        mentor = client_for(personas.mentor).get(reverse("relationships:list")).content.decode()
        staff = client_for(personas.manager).get(
            reverse("relationships:detail", args=[requested.pk])
        ).content.decode()
    # Marco never reads "Marco Mentor has not answered" about himself.
    assert "has not answered" not in mentor
    assert "Stalled" in staff and "Marco Mentor has not answered" in staff
