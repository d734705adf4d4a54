"""Templated messages: one `notify(...)` renders a kind's templates and queues one email.

A kind is `"<app>.<name>"`; its words live in
`mentora/<app>/templates/<app>/messages/<name>.subject.txt`, `<name>.txt` (the plain-text
part) and `<name>.html` (the HTML part, extending `notifications/messages/base.html`). Every
template sees the caller's context plus `recipient`, `organization_name` and `site_url`. No
message text is built in Python, so the same path can carry translations and branding.

`notifications` sits low in the layering: any domain app may call `notify`, and this module
imports no domain app.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.template import Context, engines
from django.template.base import Template

from mentora.notifications.chat import chat_settings
from mentora.notifications.models import Channel, OutboxMessage
from mentora.notifications.outbox import outbox_enqueue
from mentora.notifications.preferences import channel_for

KIND_PATTERN = re.compile(r"^[a-z_]+\.[a-z0-9_]+$")


@dataclass(frozen=True)
class Rendered:
    """One message in its three parts."""

    subject: str
    text: str
    html: str


def organization_name() -> str:
    """The organization's name as emails show it (`MENTORA_ORGANIZATION_NAME`)."""
    return str(getattr(settings, "MENTORA_ORGANIZATION_NAME", "") or "Mentora")


def _template(name: str) -> Template:
    return engines["django"].get_template(name).template  # type: ignore[attr-defined,no-any-return]


def template_names(kind: str) -> tuple[str, str, str]:
    """The subject, plain-text and HTML template names of a kind."""
    if not KIND_PATTERN.match(kind):
        raise ValueError(f"A message kind is '<app>.<name>' in lower case, not {kind!r}.")
    app, name = kind.split(".", 1)
    base = f"{app}/messages/{name}"
    return f"{base}.subject.txt", f"{base}.txt", f"{base}.html"


def render_text(name: str, context: dict[str, Any]) -> str:
    """Render a plain-text template (a line of a digest, say) without HTML escaping."""
    return _template(name).render(Context(context, autoescape=False)).strip()


def render(*, kind: str, to: Any, context: dict[str, Any]) -> Rendered:
    """Render a kind for one person: the subject on one line, the text and the HTML parts."""
    subject_name, text_name, html_name = template_names(kind)
    full = {
        **context,
        "recipient": to,
        # A caller that knows the organization's own name (branding) passes it.
        "organization_name": context.get("organization_name") or organization_name(),
        "site_url": settings.SITE_URL,
    }
    # Plain text is not HTML: nothing is escaped in the subject and the text part.
    subject = _template(subject_name).render(Context(full, autoescape=False))
    text = _template(text_name).render(Context(full, autoescape=False))
    html = _template(html_name).render(Context(full, autoescape=True))
    return Rendered(
        subject=" ".join(subject.split()),
        text=text.strip("\n") + "\n",
        html=html,
    )


def notify(
    *,
    kind: str,
    to: Any,
    context: dict[str, Any],
    dedupe_key: str | None = None,
    available_at: datetime | None = None,
    attachments: list[dict[str, str]] | None = None,
    now: datetime | None = None,
) -> OutboxMessage:
    """Render `kind` for `to` and queue it (in the caller's transaction): one multipart email,
    or a Slack or Teams message when the person chose that for this kind."""
    message = render(kind=kind, to=to, context=context)
    return outbox_enqueue(
        to=to,
        kind=kind,
        subject=message.subject,
        body=message.text,
        html_body=message.html,
        attachments=attachments,
        dedupe_key=dedupe_key,
        available_at=available_at,
        now=now,
        channel=channel_for(user=to, kind=kind, has_attachments=bool(attachments)),
    )


def channel_post(*, kind: str, context: dict[str, Any], dedupe_key: str) -> OutboxMessage | None:
    """Queue a program's message (an announcement) for the organization's Teams channel, if
    one is connected; returns the queued row, or None when no channel is connected."""
    if not chat_settings().teams_channel_webhook_url:
        return None
    rendered = render(kind=kind, to=None, context=context)
    row, _ = OutboxMessage.objects.get_or_create(
        dedupe_key=dedupe_key,
        defaults={
            "to_email": "",
            "kind": kind,
            "channel": Channel.TEAMS_CHANNEL,
            "subject": rendered.subject[:250],
            "body": rendered.text,
            "html_body": rendered.html,
        },
    )
    return row
