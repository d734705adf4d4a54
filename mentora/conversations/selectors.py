"""Reads that span conversations: unread counts, a person's conversations, a thread's messages."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, F, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce

from mentora.conversations.models import Conversation, ConversationMember, Message


def unread_count(user: Any) -> int:
    """Messages from the other person this person has not read yet, in all their conversations."""
    return (
        Message.objects.filter(
            conversation__members__user=user,
            id__gt=F("conversation__members__last_read_message_id"),
        )
        .exclude(author=user)
        .count()
    )


def conversations_of(user: Any) -> QuerySet[Conversation]:
    """A person's conversations, newest first, each with `unread` and its last message's text."""
    last = Message.objects.filter(conversation=OuterRef("pk")).order_by("-created_at", "-pk")
    read_up_to = ConversationMember.objects.filter(conversation=OuterRef("pk"), user=user)
    unread = (
        Message.objects.filter(conversation=OuterRef("pk"), id__gt=OuterRef("read_up_to"))
        .exclude(author=user)
        .values("conversation")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        Conversation.objects.for_member(user)
        .select_related("relationship__mentee", "relationship__mentor", "relationship__program")
        .annotate(
            read_up_to=Coalesce(Subquery(read_up_to.values("last_read_message_id")[:1]), 0),
        )
        .annotate(
            unread=Coalesce(Subquery(unread[:1]), 0),
            last_body=Subquery(last.values("body")[:1]),
            last_author_id=Subquery(last.values("author_id")[:1]),
        )
        .order_by(F("last_message_at").desc(nulls_last=True), "-pk")
    )


def messages_of(conversation: Conversation, *, after: int = 0) -> QuerySet[Message]:
    """The conversation's messages, oldest first (newest at the bottom), after a message id."""
    return (
        Message.objects.filter(conversation=conversation, id__gt=after)
        .select_related("author")
        .order_by("created_at", "pk")
    )


def member_of(conversation: Conversation, user: Any) -> ConversationMember | None:
    """This person's read marker in the conversation, if they have one."""
    return ConversationMember.objects.filter(conversation=conversation, user=user).first()
