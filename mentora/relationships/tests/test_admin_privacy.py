"""The Django admin follows docs/privacy.md (issue 21, item 3).

On `main` `relationships/admin.py` registered SharedNote, Agreement, ActionItem and CheckIn
plainly and the Meeting page had an editable agenda inline: a superuser read and changed the
pair's confidences, bypassing the event log. These tests fail there.
"""

from __future__ import annotations

import pytest
from django.contrib.admin.sites import site
from django.urls import NoReverseMatch, reverse

from mentora.relationships.models import (
    ActionItem,
    AgendaItem,
    Agreement,
    CheckIn,
    Meeting,
    Relationship,
    SharedNote,
)
from tests.access.world import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser(personas):
    admin = personas.admin
    admin.is_staff = admin.is_superuser = True
    admin.save()
    return admin


@pytest.mark.parametrize("model", [SharedNote, AgendaItem, Agreement, ActionItem, CheckIn])
def test_it_does_not_register_relationship_content(model):
    assert model not in site._registry
    with pytest.raises(NoReverseMatch):
        reverse(f"admin:relationships_{model._meta.model_name}_changelist")


def test_it_shows_relationships_and_meetings_read_only_without_their_content(
    client_for, personas, superuser
):
    world = build_world(personas)
    client = client_for(superuser)
    rel_page = client.get(
        reverse("admin:relationships_relationship_change", args=[world["relationship"].pk])
    )
    assert rel_page.status_code == 200
    html = rel_page.content.decode()
    assert 'name="status"' not in html and 'type="submit" value="Save"' not in html
    meeting = world["meeting"]
    meeting_page = client.get(reverse("admin:relationships_meeting_change", args=[meeting.pk]))
    html = meeting_page.content.decode()
    assert meeting_page.status_code == 200
    assert "Practise the ask." not in html
    for agenda in AgendaItem.objects.filter(meeting=meeting):
        assert agenda.text not in html
    if meeting.location:
        assert meeting.location not in html


@pytest.mark.parametrize("model", [Relationship, Meeting])
def test_it_lets_nobody_change_or_delete_relationships_in_the_admin(
    client_for, personas, superuser, model
):
    world = build_world(personas)
    obj = world["relationship"] if model is Relationship else world["meeting"]
    name = model._meta.model_name
    client = client_for(superuser)
    before = model.objects.filter(pk=obj.pk).values().get()
    client.post(reverse(f"admin:relationships_{name}_change", args=[obj.pk]), {"status": "ended"})
    deleted = client.post(
        reverse(f"admin:relationships_{name}_delete", args=[obj.pk]), {"post": "yes"}
    )
    assert deleted.status_code == 403
    assert model.objects.filter(pk=obj.pk).values().get() == before
    assert client.get(reverse(f"admin:relationships_{name}_add")).status_code == 403
