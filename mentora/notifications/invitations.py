"""Meeting invitation emails with an .ics attachment, queued in the caller's transaction."""

from __future__ import annotations

from datetime import datetime

from django.urls import reverse

from mentora.notifications.ics import meeting_ics
from mentora.notifications.links import absolute, local_time_text, one_click_url
from mentora.notifications.messages import notify
from mentora.notifications.preferences import preference_for, send_after


def meeting_invitation_enqueue(*, meeting: object, method: str, now: datetime) -> int:
    """Queue an invitation (REQUEST) or cancellation (CANCEL) to both people; returns count."""
    relationship = meeting.relationship  # type: ignore[attr-defined]
    ics = meeting_ics(meeting, method=method, stamp=now)
    queued = 0
    for person in (relationship.mentee, relationship.mentor):
        if not person.is_active or not preference_for(person).meeting_invitations:
            continue
        other = relationship.other_member(person)
        when = local_time_text(meeting.starts_at, person)  # type: ignore[attr-defined]
        page = absolute(reverse("relationships:meeting", args=[meeting.pk]))  # type: ignore[attr-defined]
        context = {"meeting": meeting, "other": other, "when": when, "page": page}
        if method != "CANCEL":
            context["updated"] = meeting.sequence > 0  # type: ignore[attr-defined]
            context["duration_minutes"] = meeting.duration_minutes  # type: ignore[attr-defined]
            context["confirm"] = one_click_url(
                action="confirm_meeting",
                object_id=meeting.pk,  # type: ignore[attr-defined]
                user=person,
            )
        notify(
            to=person,
            kind="relationships.meeting_cancel"
            if method == "CANCEL"
            else "relationships.meeting_invite",
            context=context,
            attachments=[
                {
                    "filename": "invite.ics",
                    "content": ics,
                    "mimetype": f"text/calendar; charset=utf-8; method={method}",
                }
            ],
            available_at=send_after(user=person, now=now),
            dedupe_key=f"meeting:{meeting.uid}:{meeting.sequence}:{person.pk}",  # type: ignore[attr-defined]
            now=now,
        )
        queued += 1
    return queued
