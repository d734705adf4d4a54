"""Messages in a person's data export, erasure and retention; a request's conversation."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse

from mentora.accounts.gdpr import gdpr_erase, gdpr_export, retention_purge
from mentora.conversations.models import ConversationMember, Message
from mentora.conversations.services import message_send
from mentora.relationships.services.lifecycle import relationship_complete

pytestmark = pytest.mark.django_db


def test_it_exports_the_whole_conversation_to_both_people(active, personas):
    message_send(relationship=active, by=personas.mentee, body="From Maya")
    message_send(relationship=active, by=personas.mentor, body="From Marco")
    for person in (personas.mentee, personas.mentor):
        data = gdpr_export(user=person, by=person)
        bodies = sorted(r["body"] for r in data["records"]["conversations.Message"])
        assert bodies == ["From Marco", "From Maya"]
    uma = gdpr_export(user=personas.unrelated, by=personas.unrelated)
    assert "conversations.Message" not in uma["records"]


def test_it_erases_what_the_person_wrote_and_keeps_the_other_half(active, personas):
    message_send(relationship=active, by=personas.mentee, body="From Maya")
    message_send(relationship=active, by=personas.mentor, body="From Marco")
    report = gdpr_erase(user=personas.mentee, by=personas.mentee)
    assert report.deleted["conversations.Message"] == 1
    assert list(Message.objects.values_list("body", flat=True)) == ["From Marco"]
    assert not ConversationMember.objects.filter(user=personas.mentee).exists()


def test_it_purges_messages_of_relationships_past_retention(active, personas, now):
    message_send(relationship=active, by=personas.mentee, body="Private words", now=now)
    relationship_complete(relationship=active, by=personas.mentor, now=now)
    assert retention_purge(days=30, now=now + timedelta(days=10)).deleted == {}
    report = retention_purge(days=30, now=now + timedelta(days=31))
    assert report.deleted["conversations.Message"] == 1
    assert not Message.objects.exists()


def test_a_request_conversation_is_for_the_mentee_and_the_asked_mentor(
    requested, personas, client_for
):
    message_send(relationship=requested, by=personas.mentee, body="Before you decide")
    url = reverse("conversations:thread", args=[requested.pk])
    assert b"Before you decide" in client_for(personas.mentor).get(url).content
    for outsider in (personas.manager, personas.admin, personas.coach):
        assert client_for(outsider).get(url).status_code == 404
