"""JSON API for conversations: one's conversations, unread count, a thread's messages, sending.

Only the two people of a relationship may read or write its conversation; anyone else gets
404, as if there were none. Reading a thread moves the caller's read marker.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Status
from ninja.errors import HttpError

from mentora.accounts.api import current_user
from mentora.conversations import permissions as perms
from mentora.conversations.models import Conversation, Message
from mentora.conversations.schemas import ConversationOut, MessageIn, MessageOut, UnreadOut
from mentora.conversations.selectors import conversations_of, messages_of, unread_count
from mentora.conversations.services import conversation_mark_read, message_send
from mentora.relationships.models import Relationship

router = Router(tags=["conversations"])


def _message(m: Message, user: Any) -> dict[str, Any]:
    return {
        "id": m.pk,
        "author_id": m.author_id,
        "author_name": str(m.author),
        "mine": m.author_id == user.pk,
        "body": m.body,
        "created_at": m.created_at,
    }


def _relationship(request: HttpRequest, relationship_id: int) -> Relationship:
    relationship = get_object_or_404(
        Relationship.objects.select_related("mentee", "mentor", "program"), pk=relationship_id
    )
    if not perms.can_read(current_user(request), relationship):
        raise HttpError(404, "No such conversation.")
    return relationship


@router.get("", response=list[ConversationOut], summary="My conversations, newest first")
def conversation_list(request: HttpRequest) -> Any:
    user = current_user(request)
    out = []
    for row in conversations_of(user):
        rel = row.relationship
        other = rel.mentor if user.pk == rel.mentee_id else rel.mentee
        out.append(
            {
                "relationship_id": rel.pk,
                "with_id": other.pk,
                "with_name": str(other),
                "program": rel.program.name,
                "unread": row.unread,  # type: ignore[attr-defined]
                "last_message_at": row.last_message_at,
                "can_write": perms.is_open(rel),
            }
        )
    return out


@router.get("/unread", response=UnreadOut, summary="How many messages I have not read")
def unread(request: HttpRequest) -> Any:
    return {"unread": unread_count(current_user(request))}


@router.get(
    "/relationships/{relationship_id}/messages",
    response=list[MessageOut],
    summary="A relationship's messages, oldest first (marks them read)",
)
def message_list(request: HttpRequest, relationship_id: int, after: int = 0) -> Any:
    user = current_user(request)
    relationship = _relationship(request, relationship_id)
    conversation_mark_read(relationship=relationship, by=user)
    conversation = Conversation.objects.filter(relationship=relationship).first()
    if conversation is None:
        return []
    return [_message(m, user) for m in messages_of(conversation, after=max(after, 0))]


@router.post(
    "/relationships/{relationship_id}/messages",
    response={201: MessageOut},
    summary="Send a message to the other person",
)
def message_create(request: HttpRequest, relationship_id: int, payload: MessageIn) -> Any:
    user = current_user(request)
    relationship = _relationship(request, relationship_id)
    message = message_send(relationship=relationship, by=user, body=payload.body)
    return Status(201, _message(message, user))
