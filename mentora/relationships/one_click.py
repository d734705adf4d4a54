"""What signed email links may do with relationships (confirm a meeting, mark an action
done) and the meetings in a person's calendar feed, registered with notifications at start-up
so notifications never imports relationships."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db.models import Q, QuerySet

from mentora.notifications.services import (
    OneClickAction,
    calendar_feed_source_register,
    one_click_register,
)
from mentora.relationships.models import ActionItem, Meeting
from mentora.relationships.services.actions import action_item_set_status
from mentora.relationships.services.meetings import meeting_confirm

RELATED = ("relationship__mentee", "relationship__mentor")


def _meeting(pk: int) -> Meeting | None:
    return Meeting.objects.select_related(*RELATED).filter(pk=pk).first()


def _action(pk: int) -> ActionItem | None:
    return ActionItem.objects.select_related(*RELATED).filter(pk=pk).first()


def _confirm(*, obj: Meeting, by: Any, now: datetime | None) -> str:
    meeting_confirm(meeting=obj, by=by, now=now)
    return "Thank you: your meeting is confirmed."


def _done(*, obj: ActionItem, by: Any, now: datetime | None) -> str:
    action_item_set_status(item=obj, by=by, done=True, now=now)
    return f"Done: “{obj.text}” is marked done."


def feed_meetings(user: Any) -> QuerySet[Meeting]:
    """A person's meetings for their private calendar feed (no notes)."""
    return Meeting.objects.filter(
        Q(relationship__mentee=user) | Q(relationship__mentor=user)
    ).select_related(
        "organiser",
        "series",
        "relationship__mentee",
        "relationship__mentor",
        "relationship__program",
    )


def register() -> None:
    """Called from RelationshipsConfig.ready()."""
    one_click_register(
        "confirm_meeting", OneClickAction("Confirm the meeting", _meeting, _confirm)
    )
    one_click_register("action_done", OneClickAction("Mark the action done", _action, _done))
    calendar_feed_source_register(feed_meetings)
