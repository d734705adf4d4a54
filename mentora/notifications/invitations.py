"""Meeting invitation emails with an .ics attachment, queued in the caller's transaction.

A single meeting, one occurrence of a series, or a whole series (one RRULE invitation).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from django.urls import reverse

from mentora.notifications.ics import meeting_ics, series_ics
from mentora.notifications.links import absolute, local_time_text, one_click_url
from mentora.notifications.messages import notify
from mentora.notifications.preferences import preference_for, send_after

CADENCE_WORDS = {"weekly": "every week", "biweekly": "every two weeks", "monthly": "every month"}


def _send(
    *,
    relationship: Any,
    ics: str,
    method: str,
    dedupe: str,
    context_for: Callable[[Any], dict[str, Any]],
    now: datetime,
) -> int:
    queued = 0
    for person in (relationship.mentee, relationship.mentor):
        if not person.is_active or not preference_for(person).meeting_invitations:
            continue
        notify(
            to=person,
            kind="relationships.meeting_cancel"
            if method == "CANCEL"
            else "relationships.meeting_invite",
            context={"other": relationship.other_member(person), **context_for(person)},
            attachments=[
                {
                    "filename": "invite.ics",
                    "content": ics,
                    "mimetype": f"text/calendar; charset=utf-8; method={method}",
                }
            ],
            available_at=send_after(user=person, now=now),
            dedupe_key=f"{dedupe}:{person.pk}",
            now=now,
        )
        queued += 1
    return queued


def meeting_invitation_enqueue(*, meeting: object, method: str, now: datetime) -> int:
    """Queue an invitation (REQUEST) or cancellation (CANCEL) to both people; returns count."""
    m: Any = meeting
    page = absolute(reverse("relationships:meeting", args=[m.pk]))

    def context_for(person: Any) -> dict[str, Any]:
        context: dict[str, Any] = {
            "meeting": m,
            "when": local_time_text(m.starts_at, person),
            "page": page,
            "video": m.video_url,
            "in_series": bool(m.series_id and m.recurrence_id),
        }
        if method != "CANCEL":
            context["updated"] = m.sequence > 0
            context["duration_minutes"] = m.duration_minutes
            context["confirm"] = one_click_url(
                action="confirm_meeting", object_id=m.pk, user=person
            )
        return context

    return _send(
        relationship=m.relationship,
        ics=meeting_ics(m, method=method, stamp=now),
        method=method,
        dedupe=f"meeting:{m.uid}:{m.sequence}:{m.status}",
        context_for=context_for,
        now=now,
    )


def series_invitation_enqueue(
    *, series: object, meetings: Sequence[object], method: str, now: datetime
) -> int:
    """Queue one invitation for a whole series (REQUEST) or its cancellation (CANCEL)."""
    s: Any = series
    first: Any = min(meetings, key=lambda m: m.starts_at)  # type: ignore[attr-defined]
    page = absolute(reverse("relationships:meeting", args=[first.pk]))

    def context_for(person: Any) -> dict[str, Any]:
        return {
            "meeting": first,
            "series": s,
            "series_text": f"{CADENCE_WORDS.get(s.cadence, s.cadence)}, {s.count} meetings",
            "when": local_time_text(first.starts_at, person),
            "page": page,
            "video": s.video_url or first.video_url,
            "updated": s.sequence > 0,
            "duration_minutes": first.duration_minutes,
        }

    return _send(
        relationship=s.relationship,
        ics=series_ics(s, meetings, method=method, stamp=now),
        method=method,
        dedupe=f"series:{s.uid}:{s.sequence}:{method}",
        context_for=context_for,
        now=now,
    )
