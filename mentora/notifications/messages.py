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

from mentora.notifications.models import OutboxMessage
from mentora.notifications.outbox import outbox_enqueue

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


def render(*, kind: str, to: Any, context: dict[str, Any]) -> Rendered:
    """Render a kind for one person: the subject on one line, the text and the HTML parts."""
    subject_name, text_name, html_name = template_names(kind)
    full = {
        **context,
        "recipient": to,
        "organization_name": organization_name(),
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
    """Render `kind` for `to` and queue one multipart email (in the caller's transaction)."""
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
    )
