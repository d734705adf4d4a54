"""Messages between the two people of a relationship (or of an open request to a mentor)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

MAX_MESSAGE_LENGTH = 4000


class ConversationQuerySet(models.QuerySet["Conversation"]):
    def for_member(self, user: Any) -> ConversationQuerySet:
        """Conversations this person is one of the two people of."""
        return self.filter(Q(relationship__mentee=user) | Q(relationship__mentor=user))


class Conversation(models.Model):
    """The one thread between the two people of a relationship.

    A mentee's request to a mentor is a relationship in "requested" state, so the thread they
    start while the request is open carries on, the same one, once it is accepted.
    """

    relationship = models.OneToOneField(
        "relationships.Relationship", on_delete=models.CASCADE, related_name="conversation"
    )
    created_at = models.DateTimeField(default=timezone.now)
    last_message_at = models.DateTimeField(null=True, blank=True, db_index=True)

    objects = ConversationQuerySet.as_manager()

    class Meta:
        ordering = ["-last_message_at", "-pk"]

    def __str__(self) -> str:
        return f"Conversation about relationship {self.relationship_id}"


class ConversationMember(models.Model):
    """One person's place in a conversation: what they read, when they last looked, emailed."""

    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="conversation_members"
    )
    last_read_message_id = models.PositiveBigIntegerField(default=0)
    last_seen_at = models.DateTimeField(
        null=True, blank=True, help_text="When the conversation was last open on their screen."
    )
    notified_through_id = models.PositiveBigIntegerField(
        default=0, help_text="The newest message an email already told them about."
    )

    class Meta:
        ordering = ["conversation", "user"]
        constraints = [
            models.UniqueConstraint(
                fields=["conversation", "user"], name="conversation_member_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} in conversation {self.conversation_id}"


class Message(models.Model):
    """One message one of the two wrote."""

    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="messages"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    body = models.TextField()
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["conversation", "id"], name="conversation_message_order")]

    def __str__(self) -> str:
        return f"Message by {self.author} in conversation {self.conversation_id}"
