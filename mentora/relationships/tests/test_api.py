"""The relationships API: the lifecycle, agreement, meetings and actions over JSON."""

from __future__ import annotations

import json

import pytest

from mentora.lib.clock import frozen_at

from .conftest import NOW

pytestmark = pytest.mark.django_db


def _post(client, url, data, headers, method="post"):
    return getattr(client, method)(
        url, data=json.dumps(data), content_type="application/json", **headers
    )


def test_it_runs_a_relationship_through_the_api(client, api_token_for, personas):
    mentee, mentor = api_token_for(personas.mentee), api_token_for(personas.mentor)
    with frozen_at(NOW):
        created = _post(
            client,
            "/api/v1/relationships",
            {
                "program": "grow",
                "mentee": "maya.mentee@example.com",
                "mentor": "marco.mentor@example.com",
                "message": "Hello",
            },
            mentee,
        )
        assert created.status_code == 201, created.content
        pk = created.json()["id"]
        assert created.json()["allowed_actions"] == ["accept", "decline"]
        refused = _post(
            client, f"/api/v1/relationships/{pk}/transitions", {"action": "accept"}, mentee
        )
        assert refused.status_code == 403
        accepted = _post(
            client, f"/api/v1/relationships/{pk}/transitions", {"action": "accept"}, mentor
        )
        assert accepted.json()["status"] == "accepted"
        bad = _post(client, f"/api/v1/relationships/{pk}/transitions", {"action": "resume"}, mentor)
        assert bad.status_code == 409 and "cannot resume" in bad.json()["detail"]
        patched = _post(
            client,
            f"/api/v1/relationships/{pk}/agreement",
            {"goals": ["Negotiate"], "cadence": "weekly"},
            mentee,
            method="patch",
        )
        assert patched.json()["version"] == 2
        invalid = _post(
            client,
            f"/api/v1/relationships/{pk}/agreement",
            {"meeting_minutes": 1},
            mentee,
            method="patch",
        )
        assert invalid.status_code == 422 and invalid.json()["field"] == "meeting_minutes"
        _post(client, f"/api/v1/relationships/{pk}/agreement/sign", {}, mentee)
        signed = _post(client, f"/api/v1/relationships/{pk}/agreement/sign", {}, mentor)
        assert signed.json()["fully_signed"] is True
        series = _post(
            client,
            f"/api/v1/relationships/{pk}/meetings",
            {"local_start": "2026-03-23T09:00:00", "repeat": 2},
            mentor,
        )
        assert series.status_code == 201, series.content
        assert [m["starts_local"] for m in series.json()] == [
            "Monday 23 March 2026, 09:00 (Europe/Paris)",
            "Monday 30 March 2026, 09:00 (Europe/Paris)",
        ]
        meeting_id = series.json()[0]["id"]
        action = _post(
            client,
            f"/api/v1/relationships/{pk}/actions",
            {"text": "Draft", "owner": "maya.mentee@example.com", "meeting_id": meeting_id},
            mentor,
        )
        assert action.status_code == 201
        done = _post(
            client,
            f"/api/v1/relationships/actions/{action.json()['id']}",
            {"done": True},
            mentee,
            method="patch",
        )
        assert done.json()["status"] == "done"
        check_in = _post(
            client,
            f"/api/v1/relationships/{pk}/check-ins",
            {"progress": "Good", "confidence": 6},
            mentee,
        )
        assert check_in.status_code == 422 and check_in.json()["field"] == "confidence"
    detail = client.get(f"/api/v1/relationships/{pk}", **api_token_for(personas.manager))
    assert detail.status_code == 200 and detail.json()["status"] == "active"
    hidden = client.get(f"/api/v1/relationships/{pk}/agreement", **api_token_for(personas.manager))
    assert hidden.status_code == 404


def test_it_hides_relationships_from_unrelated_people(client, api_token_for, active, personas):
    headers = api_token_for(personas.unrelated)
    assert client.get(f"/api/v1/relationships/{active.pk}", **headers).status_code == 404
    assert client.get("/api/v1/relationships", **headers).json()["count"] == 0


def test_it_changes_notification_preferences_over_the_api(client, api_token_for, personas):
    headers = api_token_for(personas.mentee)
    response = _post(
        client, "/api/v1/notifications/preferences", {"digest_hour": 25}, headers, method="patch"
    )
    assert response.status_code == 422 and response.json()["field"] == "digest_hour"
    response = _post(
        client,
        "/api/v1/notifications/preferences",
        {"digest_hour": 7, "quiet_start": "22:00", "quiet_end": "07:00"},
        headers,
        method="patch",
    )
    assert response.json()["digest_hour"] == 7
    feed = _post(client, "/api/v1/notifications/calendar-feed", {}, headers)
    assert feed.status_code == 201 and feed.json()["url"].endswith(".ics")


@pytest.mark.parametrize("path", ["meetings", "actions", "check-ins"])
def test_it_lists_a_relationships_items_in_a_bounded_number_of_queries(
    client, api_token_for, active, personas, django_assert_max_num_queries, path
):
    from datetime import timedelta

    from mentora.relationships.services.actions import action_item_add, check_in_create
    from mentora.relationships.services.meetings import meeting_schedule

    headers = api_token_for(personas.mentee)

    def add(n):
        for i in range(n):
            meeting_schedule(
                relationship=active,
                by=personas.mentee,
                starts_at=NOW + timedelta(days=400 + i),
                now=NOW,
            )
            action_item_add(
                relationship=active,
                by=personas.mentee,
                text=f"a{i}",
                owner=personas.mentor,
                now=NOW,
            )
            check_in_create(relationship=active, by=personas.mentee, progress="p", confidence=3)

    add(1)
    url = f"/api/v1/relationships/{active.pk}/{path}"
    client.get(url, **headers)
    with django_assert_max_num_queries(10) as few:
        client.get(url, **headers)
    add(5)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url, **headers)
    assert len(response.json()) == 6
