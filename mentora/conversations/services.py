"""Writing messages, reading them, and the batched email about new ones.

A person who has the conversation open (it polls every few seconds) is "reading": their
read marker moves with every poll and no email is sent to them. Everyone else hears about
new messages in one email per burst ("3 new messages from Marco"), sent by the worker once
the first unannounced message is BATCH_DELAY old, through `notify` (and so their chosen
channel: email, Slack or Teams).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Exists, Max, OuterRef
from django.urls import reverse

from mentora.conversations import permissions as perms
from mentora.conversations.models import (
    MAX_MESSAGE_LENGTH,
    Conversation,
    ConversationMember,
    Message,
)
from mentora.lib import clock
from mentora.lib.errors import DomainError
from mentora.lib.text import text_problem
from mentora.notifications.links import absolute
from mentora.notifications.messages import notify
from mentora.notifications.preferences import send_after
from mentora.relationships.models import Relationship

# Someone whose open conversation polled this recently is reading it (the page polls every 5 s).
READING_WINDOW = timedelta(seconds=60)
# Wait this long after the first unannounced message, so a burst becomes one email.
BATCH_DELAY = timedelta(minutes=5)


def message_body_problem(body: str) -> str | None:
    """What is wrong with a message's text, in words for the person writing it, or None."""
    if not body.strip():
        return "Write something before you send it: the message is empty."
    if len(body) > MAX_MESSAGE_LENGTH:
        return (
            f"It is {len(body):,} characters long; keep it to "
            f"{MAX_MESSAGE_LENGTH:,} or split it into two messages."
        )
    problem = text_problem(body, single_line=False)
    if problem:
        return f"It {problem} Paste it as plain text and try again."
    return None


def _conversation(relationship: Relationship, now: datetime) -> Conversation:
    conversation, created = Conversation.objects.get_or_create(
        relationship=relationship, defaults={"created_at": now}
    )
    if created:
        ConversationMember.objects.bulk_create(
            [
                ConversationMember(conversation=conversation, user_id=relationship.mentee_id),
                ConversationMember(conversation=conversation, user_id=relationship.mentor_id),
            ]
        )
    return conversation


@transaction.atomic
def message_send(
    *, relationship: Relationship, by: Any, body: str, now: datetime | None = None
) -> Message:
    """Write a message to the other person of a relationship (or of an open request)."""
    now = now or clock.now()
    if not perms.can_read(by, relationship):
        raise DomainError("This conversation is between two other people.", code="not_found")
    if not perms.is_open(relationship):
        raise DomainError(
            "This relationship has ended, so no new messages can be sent; you can still read "
            "what you both wrote.",
            code="conflict",
        )
    if not isinstance(body, str):
        raise DomainError("Send the message as text.", field="body")
    body = body.replace("\r\n", "\n").strip()
    problem = message_body_problem(body)
    if problem:
        raise DomainError(problem, field="body")
    conversation = _conversation(relationship, now)
    message = Message.objects.create(
        conversation=conversation, author=by, body=body, created_at=now
    )
    Conversation.objects.filter(pk=conversation.pk).update(last_message_at=now)
    # Writing means having read everything before it.
    ConversationMember.objects.filter(conversation=conversation, user=by).update(
        last_read_message_id=message.pk, last_seen_at=now
    )
    return message


def conversation_mark_read(
    *, relationship: Relationship, by: Any, now: datetime | None = None
) -> int:
    """Mark everything in the conversation read for `by` (they have it open); returns the unread
    count it cleared."""
    now = now or clock.now()
    if not perms.can_read(by, relationship):
        raise DomainError("This conversation is between two other people.", code="not_found")
    member = ConversationMember.objects.filter(
        conversation__relationship=relationship, user=by
    ).first()
    if member is None:
        return 0
    newest = (
        Message.objects.filter(conversation_id=member.conversation_id).aggregate(m=Max("pk"))["m"]
        or 0
    )
    cleared = (
        Message.objects.filter(
            conversation_id=member.conversation_id, pk__gt=member.last_read_message_id
        )
        .exclude(author=by)
        .count()
    )
    ConversationMember.objects.filter(pk=member.pk).update(
        last_read_message_id=max(newest, member.last_read_message_id), last_seen_at=now
    )
    return cleared


@dataclass
class NotifyResult:
    """What one pass of the batched email did."""

    emails: int = 0
    reading: int = 0


def conversations_notify(*, now: datetime | None = None) -> NotifyResult:
    """Tell each person, in one message per burst, about messages they have not read yet."""
    now = now or clock.now()
    result = NotifyResult()
    unannounced = (
        Message.objects.filter(
            conversation=OuterRef("conversation"),
            id__gt=OuterRef("last_read_message_id"),
        )
        .filter(id__gt=OuterRef("notified_through_id"))
        .exclude(author=OuterRef("user"))
    )
    waiting = (
        ConversationMember.objects.filter(Exists(unannounced))
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    for pk in list(waiting):
        with transaction.atomic():
            member = (
                ConversationMember.objects.select_for_update()
                .select_related("user", "conversation__relationship__program")
                .filter(pk=pk)
                .first()
            )
            if member is None or not member.user.is_active:
                continue
            if member.last_seen_at is not None and now - member.last_seen_at < READING_WINDOW:
                result.reading += 1  # they are reading it now; the poll marks it read
                continue
            since = max(member.last_read_message_id, member.notified_through_id)
            fresh = Message.objects.filter(
                conversation_id=member.conversation_id, pk__gt=since
            ).exclude(author_id=member.user_id)
            first = fresh.order_by("pk").first()
            if first is None or now - first.created_at < BATCH_DELAY:
                continue
            unread = list(
                Message.objects.filter(
                    conversation_id=member.conversation_id, pk__gt=member.last_read_message_id
                )
                .exclude(author_id=member.user_id)
                .select_related("author")
                .order_by("pk")
            )
            relationship = member.conversation.relationship
            sender = unread[-1].author
            notify(
                kind="conversations.new_messages",
                to=member.user,
                context={
                    "sender": sender,
                    "count": len(unread),
                    "latest": unread[-3:],
                    "program": relationship.program,
                    "page": absolute(reverse("conversations:thread", args=[relationship.pk])),
                },
                dedupe_key=f"conv:{member.pk}:{unread[-1].pk}",
                available_at=send_after(user=member.user, now=now),
                now=now,
            )
            ConversationMember.objects.filter(pk=member.pk).update(
                notified_through_id=unread[-1].pk
            )
            result.emails += 1
    return result
