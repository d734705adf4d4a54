"""Ending: a final reflection from each side, and the mentee's request to be rematched."""

from __future__ import annotations

import pytest
from django.urls import reverse

from mentora.lib.errors import DomainError
from mentora.relationships.models import RematchRequest
from mentora.relationships.services.ending import reflection_create, rematch_request_create
from mentora.relationships.services.lifecycle import relationship_end_early

from .conftest import NOW

pytestmark = pytest.mark.django_db


def test_it_takes_one_reflection_per_side_after_the_end(active, personas):
    with pytest.raises(DomainError, match="once the relationship has ended"):
        reflection_create(relationship=active, by=personas.mentee, what_went_well="x")
    relationship_end_early(relationship=active, by=personas.mentor, reason="Moving abroad")
    for person in (personas.mentee, personas.mentor):
        reflection_create(relationship=active, by=person, what_went_well="Honest talks", now=NOW)
    with pytest.raises(DomainError, match="already wrote"):
        reflection_create(relationship=active, by=personas.mentee, what_went_well="Again")
    with pytest.raises(DomainError) as exc:
        reflection_create(relationship=active, by=personas.manager, what_went_well="x")
    assert exc.value.code == "forbidden"
    assert active.reflections.count() == 2


def test_it_queues_the_mentee_for_a_rematch(active, personas):
    relationship_end_early(relationship=active, by=personas.mentor, reason="Moving abroad")
    with pytest.raises(DomainError):
        rematch_request_create(relationship=active, by=personas.mentor)
    request = rematch_request_create(relationship=active, by=personas.mentee, note="Marketing")
    assert (request.program, request.mentee, request.resolved_at) == (
        personas.program,
        personas.mentee,
        None,
    )
    with pytest.raises(DomainError, match="already asked"):
        rematch_request_create(relationship=active, by=personas.mentee)


def test_it_offers_reflection_and_rematch_on_the_page(client_for, active, personas):
    relationship_end_early(relationship=active, by=personas.mentee, reason="Not a fit")
    client = client_for(personas.mentee)
    page = client.get(reverse("relationships:detail", args=[active.pk])).content.decode()
    assert "Final reflections" in page and "Match me with someone new" in page
    client.post(
        reverse("relationships:reflection", args=[active.pk]), {"what_went_well": "Clear goals"}
    )
    client.post(reverse("relationships:rematch", args=[active.pk]), {"note": ""})
    assert active.reflections.get().author == personas.mentee
    assert RematchRequest.objects.filter(relationship=active).exists()


@pytest.mark.parametrize(
    ("persona", "sees"),
    [("mentee", True), ("mentor", False), ("manager", True), ("admin", True)],
)
def test_it_keeps_the_rematch_request_from_the_former_mentor(
    client_for, api_token_for, active, personas, persona, sees
):
    import json

    relationship_end_early(relationship=active, by=personas.mentee, reason="Not a fit")
    rematch_request_create(relationship=active, by=personas.mentee, note="Someone in sales")
    user = getattr(personas, persona)
    page = client_for(user).get(reverse("relationships:detail", args=[active.pk])).text
    assert ("Asked to be rematched" in page) is sees
    assert "Someone in sales" not in page  # the note is for the managers' queue only
    api = client_for(user).get(f"/api/v1/relationships/{active.pk}", **api_token_for(user))
    actions = [e["action"] for e in api.json()["events"]]
    assert ("rematch_requested" in actions) is sees
    if persona in ("mentee", "mentor"):
        export = client_for(user).get(reverse("relationships:export", args=[active.pk]))
        actions = [e["action"] for e in json.loads(export.content)["events"]]
        assert ("rematch_requested" in actions) is sees
