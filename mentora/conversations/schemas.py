"""JSON shapes of the conversations API."""

from __future__ import annotations

from datetime import datetime

from ninja import Schema


class MessageOut(Schema):
    id: int
    author_id: int
    author_name: str
    mine: bool
    body: str
    created_at: datetime


class MessageIn(Schema):
    body: str


class ConversationOut(Schema):
    relationship_id: int
    with_id: int
    with_name: str
    program: str
    unread: int
    last_message_at: datetime | None
    can_write: bool


class UnreadOut(Schema):
    unread: int
