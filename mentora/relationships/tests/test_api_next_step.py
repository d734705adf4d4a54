"""The API offers the same one next step the relationship page leads with, for each reader and
each stage: answer the request, agree the goals, sign, schedule the first meeting, prepare the
agenda, notes and actions after the meeting; a program manager reads the overseer's line."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse

from mentora.lib.clock import frozen_at
from mentora.relationships.services.agreements import agreement_sign, agreement_update
from mentora.relationships.services.lifecycle import relationship_accept, relationship_request
from mentora.relationships.services.meetings import meeting_schedule

from .conftest import NOW

pytestmark = pytest.mark.django_db


def _step(client, headers, rel):
    response = client.get(f"/api/v1/relationships/{rel.pk}", **headers)
    assert response.status_code == 200, response.content
    return response.json()["next_step"]


def _page_leads_with(client, user, rel, title):
    client.force_login(user)
    page = client.get(reverse("relationships:detail", args=[rel.pk])).content.decode()
    client.logout()
    assert title in page


def test_it_offers_the_next_step_of_each_stage_to_each_reader(client, api_token_for, personas):
    maya, marco = personas.mentee, personas.mentor
    as_maya, as_marco = api_token_for(maya), api_token_for(marco)
    with frozen_at(NOW):
        rel = relationship_request(program=personas.program, mentee=maya, mentor=marco, by=maya)
        step = _step(client, as_marco, rel)
        assert (step["key"], step["title"], step["button"]) == (
            "answer", "Answer the request", "Accept")
        assert step["url"] == reverse("relationships:detail", args=[rel.pk])
        assert _step(client, as_maya, rel)["title"] == f"Waiting for {marco} to answer"

        relationship_accept(relationship=rel, by=marco)
        step = _step(client, as_maya, rel)
        assert (step["key"], step["url"]) == (
            "agree_goals", reverse("relationships:agreement_change", args=[rel.pk]))

        rel.refresh_from_db()
        agreement_update(agreement=rel.agreement, by=maya, data={"goals": ["Negotiate"]})
        agreement_sign(agreement=rel.agreement, by=maya)
        assert _step(client, as_maya, rel)["key"] == "wait_sign"
        step = _step(client, as_marco, rel)
        assert (step["key"], step["url"]) == (
            "sign", reverse("relationships:agreement", args=[rel.pk]))
        _page_leads_with(client, marco, rel, step["title"])

        agreement_sign(agreement=rel.agreement, by=marco)
        step = _step(client, as_maya, rel)
        assert (step["key"], step["url"]) == (
            "schedule_first", reverse("relationships:form", args=[rel.pk, "schedule"]))
        _page_leads_with(client, maya, rel, step["title"])

        meeting = meeting_schedule(relationship=rel, by=maya, starts_at=NOW + timedelta(days=2))
        step = _step(client, as_marco, rel)
        assert step["key"] == "prepare_agenda"
        assert step["text"].startswith("Nothing is on the agenda yet")

    with frozen_at(NOW + timedelta(days=2, hours=2)):  # the meeting is over, nothing written
        step = _step(client, as_maya, rel)
        assert (step["key"], step["url"]) == (
            "after_meeting", reverse("relationships:meeting", args=[meeting.pk]))
        _page_leads_with(client, maya, rel, step["title"])
        manager = _step(client, api_token_for(personas.manager), rel)
        assert (manager["key"], manager["button"], manager["url"]) == ("oversee", "", "")
        assert "1 meeting held" in manager["text"]


def test_it_refuses_the_next_step_to_people_outside_the_relationship(
    client, api_token_for, personas
):
    with frozen_at(NOW):
        rel = relationship_request(program=personas.program, mentee=personas.mentee,
                                   mentor=personas.mentor, by=personas.mentee)
    response = client.get(f"/api/v1/relationships/{rel.pk}", **api_token_for(personas.unrelated))
    assert response.status_code == 404
