"""Template helpers: times in the viewer's time zone, and the home page card."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from django import template

from mentora.lib import clock
from mentora.notifications.links import user_timezone

register = template.Library()


@register.filter
def local_time(moment: datetime | None, tz: str) -> str:
    """`{{ meeting.starts_at|local_time:tz }}` → "Mon 23 Mar 2026, 09:00"."""
    if moment is None:
        return ""
    return f"{moment.astimezone(ZoneInfo(tz or 'UTC')):%a %-d %b %Y, %H:%M}"


@register.inclusion_tag("relationships/_home_card.html", takes_context=True)
def my_relationships_card(context: dict[str, Any]) -> dict[str, Any]:
    """The "My relationships" card on the home page (two queries, one without a live one)."""
    from mentora.relationships.models import Meeting, Relationship

    user = context["request"].user
    live = list(
        Relationship.objects.live()
        .for_member(user)
        .select_related("mentee", "mentor", "program")
        .order_by("-requested_at")[:5]
    )
    upcoming = (
        Meeting.objects.upcoming(clock.now())
        .filter(relationship__in=[r.pk for r in live])
        .select_related("relationship__mentee", "relationship__mentor")
        .first()
        if live
        else None
    )
    # The home page has loaded the profile already: its time zone costs no second query.
    profile = context.get("profile")
    tz = (profile.timezone or "UTC") if profile is not None else user_timezone(user)
    return {"live": live, "upcoming": upcoming, "user": user, "tz": tz}


@register.filter
def reader_time(moment: datetime | None, user: Any) -> str:
    """`{{ c.deadline_at|reader_time:request.user }}` → "Mon 23 Mar 2026, 09:00 (Europe/Berlin)":
    the reader's own time zone, named (one profile read per request, cached on the user)."""
    if moment is None:
        return ""
    tz = getattr(user, "_reader_tz", None)
    if tz is None:
        tz = user_timezone(user)
        user._reader_tz = tz  # lists show many times: read the profile once
    return f"{local_time(moment, tz)} ({tz})"
