"""Messages between Maya and Marco: sending, reading, unread counts, who may see them."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse

from mentora.conversations.models import MAX_MESSAGE_LENGTH, ConversationMember, Message
from mentora.conversations.selectors import conversations_of, unread_count
from mentora.conversations.services import (
    BATCH_DELAY,
    conversation_mark_read,
    conversations_notify,
    message_send,
)
from mentora.lib.errors import DomainError
from mentora.notifications.models import OutboxMessage
from mentora.notifications.outbox import outbox_process
from mentora.relationships.services.lifecycle import relationship_end_early

pytestmark = pytest.mark.django_db


def test_it_keeps_messages_oldest_first_and_counts_unread(active, personas, now):
    maya, marco = personas.mentee, personas.mentor
    message_send(relationship=active, by=maya, body="Hi Marco!", now=now)
    message_send(
        relationship=active, by=maya, body="Can we talk pricing?", now=now + timedelta(minutes=1)
    )
    assert unread_count(marco) == 2
    assert unread_count(maya) == 0
    assert [m.body for m in Message.objects.all()] == ["Hi Marco!", "Can we talk pricing?"]
    assert conversation_mark_read(relationship=active, by=marco) == 2
    assert unread_count(marco) == 0
    message_send(
        relationship=active, by=marco, body="Sure, Tuesday?", now=now + timedelta(minutes=2)
    )
    (row,) = conversations_of(maya)
    assert row.unread == 1
    assert row.last_body == "Sure, Tuesday?"


def test_it_works_while_a_request_is_open_and_carries_on_after_accepting(requested, personas, now):
    from mentora.relationships.services.lifecycle import relationship_accept

    message_send(relationship=requested, by=personas.mentee, body="A question first", now=now)
    relationship_accept(relationship=requested, by=personas.mentor, now=now)
    message_send(relationship=requested, by=personas.mentor, body="Welcome!", now=now)
    assert Message.objects.filter(conversation__relationship=requested).count() == 2


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ("", "empty"),
        ("   \n  ", "empty"),
        ("x" * (MAX_MESSAGE_LENGTH + 1), "4,001 characters"),
        ("hello\x07there", "control characters"),
        ("bad \ud800 surrogate", "surrogate"),
    ],
)
def test_it_refuses_bad_input_with_a_clear_message(active, personas, body, words):
    with pytest.raises(DomainError) as caught:
        message_send(relationship=active, by=personas.mentee, body=body)
    assert words in caught.value.message
    assert caught.value.field == "body"
    assert not Message.objects.exists()


def test_it_keeps_tabs_and_line_breaks(active, personas):
    m = message_send(
        relationship=active, by=personas.mentee, body="Two things:\r\n\t1. pricing\n\t2. hiring"
    )
    assert m.body == "Two things:\n\t1. pricing\n\t2. hiring"


def test_it_lets_only_the_two_people_write(active, personas):
    for outsider in (personas.manager, personas.admin, personas.unrelated, personas.coach):
        with pytest.raises(DomainError) as caught:
            message_send(relationship=active, by=outsider, body="Hello")
        assert caught.value.code == "not_found"


def test_it_stops_new_messages_after_the_relationship_ends_but_keeps_them_readable(
    active, personas, client_for
):
    message_send(relationship=active, by=personas.mentee, body="Thanks for everything")
    relationship_end_early(relationship=active, by=personas.mentor, reason="Moved teams")
    with pytest.raises(DomainError) as caught:
        message_send(relationship=active, by=personas.mentee, body="One more")
    assert caught.value.code == "conflict"
    page = client_for(personas.mentor).get(reverse("conversations:thread", args=[active.pk]))
    assert b"Thanks for everything" in page.content
    assert b"no new messages can be sent" in page.content


def test_it_emails_one_batch_and_not_while_reading(active, personas, now, settings):
    maya, marco = personas.mentee, personas.mentor
    for i in range(3):
        message_send(
            relationship=active, by=maya, body=f"Message {i}", now=now + timedelta(seconds=i)
        )
    # Too soon: the burst may go on.
    assert conversations_notify(now=now + timedelta(minutes=1)).emails == 0
    # Marco has the page open (it polls): he is reading, so no email.
    conversation_mark_read(relationship=active, by=marco, now=now + BATCH_DELAY)
    message_send(relationship=active, by=maya, body="Are you there?", now=now + BATCH_DELAY)
    result = conversations_notify(now=now + BATCH_DELAY + timedelta(seconds=20))
    assert result.emails == 0 and result.reading == 1
    # He closed it: ten minutes later one email about the unread message.
    later = now + BATCH_DELAY * 3
    assert conversations_notify(now=later).emails == 1
    assert conversations_notify(now=later + timedelta(minutes=10)).emails == 0  # told once
    outbox_process(now=later)
    (email,) = mail.outbox
    assert email.to == [marco.email]
    assert email.subject == "A new message from Maya"
    assert "Are you there?" in email.body


def test_it_counts_the_messages_in_the_subject(active, personas, now):
    for i in range(3):
        message_send(relationship=active, by=personas.mentor, body=f"Note {i}", now=now)
    conversations_notify(now=now + BATCH_DELAY)
    message = OutboxMessage.objects.get(kind="conversations.new_messages")
    assert message.subject == "3 new messages from Marco"
    assert message.recipient == personas.mentee


def test_thread_page_marks_read_and_poll_returns_only_new(active, personas, client_for):
    first = message_send(relationship=active, by=personas.mentee, body="First")
    client = client_for(personas.mentor)
    page = client.get(reverse("conversations:thread", args=[active.pk]))
    assert page.status_code == 200 and b"First" in page.content
    assert ConversationMember.objects.get(user=personas.mentor).last_read_message_id == first.pk
    message_send(relationship=active, by=personas.mentee, body="Second")
    poll = client.get(
        reverse("conversations:poll", args=[active.pk]) + f"?after={first.pk}",
        HTTP_HX_REQUEST="true",
    )
    assert b"Second" in poll.content and b"First" not in poll.content
    assert unread_count(personas.mentor) == 0


def test_sending_from_the_page_shows_the_problem(active, personas, client_for):
    client = client_for(personas.mentee)
    url = reverse("conversations:send", args=[active.pk])
    answer = client.post(url, {"body": "  "})
    assert answer.status_code == 422
    assert b"the message is empty" in answer.content
    answer = client.post(url, {"body": "hello\x00"}, HTTP_HX_REQUEST="true")
    assert b"control characters" in answer.content
    assert client.post(url, {"body": "Hello Marco"}).status_code == 302
    assert Message.objects.get().body == "Hello Marco"


def test_outsiders_get_404(active, personas, client_for):
    for outsider in (personas.manager, personas.admin, personas.unrelated):
        client = client_for(outsider)
        assert client.get(reverse("conversations:thread", args=[active.pk])).status_code == 404
        assert (
            client.post(reverse("conversations:send", args=[active.pk]), {"body": "x"}).status_code
            == 404
        )


def test_badge_shows_the_unread_count(active, personas, client_for):
    message_send(relationship=active, by=personas.mentee, body="Ping")
    badge = client_for(personas.mentor).get(reverse("conversations:badge"))
    assert b'class="count">1<' in badge.content


def test_api_sends_lists_and_refuses(active, personas, client, api_token_for):
    maya = api_token_for(personas.mentee)
    url = f"/api/v1/conversations/relationships/{active.pk}/messages"
    answer = client.post(url, {"body": "Hi via API"}, content_type="application/json", **maya)
    assert answer.status_code == 201, answer.content
    bad = client.post(url, {"body": ""}, content_type="application/json", **maya)
    assert bad.status_code == 422 and bad.json()["field"] == "body"
    marco = api_token_for(personas.mentor)
    assert client.get("/api/v1/conversations/unread", **marco).json() == {"unread": 1}
    listed = client.get(url, **marco).json()
    assert [m["body"] for m in listed] == ["Hi via API"]
    assert client.get("/api/v1/conversations/unread", **marco).json() == {"unread": 0}
    uma = api_token_for(personas.unrelated)
    assert client.get(url, **uma).status_code == 404
