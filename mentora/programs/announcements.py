"""Announcement emails program staff write to a program's participants.

The text is the manager's; the frame (greeting, signature, why you get it) is a template per
kind (programs/messages/announcement.*). Sending queues one email per person in the outbox,
which the worker delivers; the send is audited.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse

from mentora.accounts.branding import branding_look
from mentora.audit.services import audit_record
from mentora.lib import clock
from mentora.lib.errors import DomainError
from mentora.notifications.links import absolute
from mentora.notifications.messages import channel_post, notify, render
from mentora.programs.models import Announcement, Enrollment, Program
from mentora.programs.permissions import can_announce

KIND = "programs.announcement"
ROLES = {
    Announcement.Audience.EVERYONE: [Enrollment.Role.MENTEE, Enrollment.Role.MENTOR],
    Announcement.Audience.MENTEES: [Enrollment.Role.MENTEE],
    Announcement.Audience.MENTORS: [Enrollment.Role.MENTOR],
}


@dataclass(frozen=True)
class Rendered:
    """One person's email: what the preview shows and the outbox sends."""

    subject: str
    body: str
    context: dict[str, Any]


def _clean(*, subject: str, body: str, audience: str) -> tuple[str, str, str]:
    subject = " ".join((subject or "").split())
    body = (body or "").strip()
    if not subject:
        raise DomainError("Write a subject line.", field="subject")
    if len(subject) > 150:
        raise DomainError("Keep the subject under 150 characters.", field="subject")
    if not body:
        raise DomainError("Write the message.", field="body")
    if len(body) > 5000:
        raise DomainError("Keep the message under 5,000 characters.", field="body")
    if audience not in Announcement.Audience.values:
        raise DomainError(
            "Send it to everyone, to mentees or to mentors.", field="audience"
        )
    return subject, body, audience


def announcement_recipients(*, program: Program, audience: str) -> list[Any]:
    """Enrolled, active people in the audience, each once, by name."""
    user_ids = (
        Enrollment.objects.approved()
        .filter(program=program, role__in=ROLES[Announcement.Audience(audience)])
        .values("user_id")
    )
    return list(
        get_user_model().objects.filter(pk__in=user_ids, is_active=True).order_by("full_name", "pk")
    )


def announcement_render(
    *, program: Program, by: Any, recipient: Any, subject: str, body: str
) -> Rendered:
    """The email one person gets (the preview shows it for the first recipient)."""
    look = branding_look()
    context = {
        "recipient": recipient,
        "sender": by,
        "program": program,
        "message": body,
        "subject": subject,
        "organization_name": look.display_name,
        "program_url": absolute(reverse("programs:detail", args=[program.slug])),
    }
    message = render(kind=KIND, to=recipient, context=context)
    return Rendered(subject=message.subject, body=message.text, context=context)


def announcement_preview(
    *, program: Program, by: Any, subject: str, body: str, audience: str
) -> tuple[Rendered, list[Any]]:
    """What the announcement will look like and who will get it; nothing is sent."""
    if not can_announce(by, program):
        raise DomainError("Only this program's managers can write to its participants.",
                          code="forbidden")
    subject, body, audience = _clean(subject=subject, body=body, audience=audience)
    recipients = announcement_recipients(program=program, audience=audience)
    sample = recipients[0] if recipients else by
    return announcement_render(
        program=program, by=by, recipient=sample, subject=subject, body=body
    ), recipients


@transaction.atomic
def announcement_send(
    *,
    program: Program,
    by: Any,
    subject: str,
    body: str,
    audience: str,
    now: datetime | None = None,
) -> Announcement:
    """Queue the announcement for every recipient (the worker sends it); audited."""
    now = now or clock.now()
    if not can_announce(by, program):
        raise DomainError("Only this program's managers can write to its participants.",
                          code="forbidden")
    subject, body, audience = _clean(subject=subject, body=body, audience=audience)
    recipients = announcement_recipients(program=program, audience=audience)
    if not recipients:
        raise DomainError(
            f"Nobody is enrolled in {program.name} in that group yet, so there is no one to "
            "send it to.",
            field="audience",
        )
    announcement = Announcement.objects.create(
        program=program,
        audience=audience,
        subject=subject,
        body=body,
        created_by=by,
        created_at=now,
        sent_at=now,
        recipient_count=len(recipients),
    )
    for person in recipients:
        email = announcement_render(
            program=program, by=by, recipient=person, subject=subject, body=body
        )
        notify(
            kind=KIND,
            to=person,
            context=email.context,
            dedupe_key=f"announcement:{announcement.pk}:{person.pk}",
            now=now,
        )
    if audience == Announcement.Audience.EVERYONE:  # the Teams channel, when one is connected
        channel_post(
            kind="notifications.channel_announcement",
            context={**email.context, "recipient": None},
            dedupe_key=f"announcement:{announcement.pk}:teams",
        )
    audit_record(
        actor=by,
        action="announcement.send",
        target_type="programs.program",
        target_id=program.pk,
        details={
            "announcement": announcement.pk,
            "subject": subject,
            "audience": announcement.get_audience_display(),
            "recipients": len(recipients),
        },
    )
    return announcement
