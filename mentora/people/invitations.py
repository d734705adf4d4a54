"""Invitation emails to people an import added: the admin's welcome text and a link to set
a password (single sign-on users can ignore it and sign in as usual)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from mentora.audit.services import audit_record
from mentora.lib import clock
from mentora.lib.errors import DomainError
from mentora.notifications.links import absolute
from mentora.notifications.messages import notify
from mentora.people.permissions import can_import_people

KIND = "people.invitation"


def invitation_context(*, user: Any, by: Any, welcome_text: str) -> dict[str, Any]:
    """What the invitation templates read (the preview on the import page uses it too)."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return {
        "inviter": by,
        "welcome_text": welcome_text,
        "set_password_url": absolute(
            reverse("accounts:password_reset_confirm", kwargs={"uidb64": uid, "token": token})
        ),
        "sign_in_url": absolute("/"),
    }


def invitations_send(
    *, users: list[Any], by: Any, welcome_text: str, now: datetime | None = None
) -> int:
    """Queue one invitation per person (once per person: a repeat is a no-op)."""
    if by is not None and not can_import_people(by):
        raise DomainError("Only organization admins can invite people.", code="forbidden")
    now = now or clock.now()
    sent = 0
    for user in users:
        context = invitation_context(user=user, by=by, welcome_text=welcome_text)
        notify(kind=KIND, to=user, context=context, dedupe_key=f"invitation:{user.pk}", now=now)
        sent += 1
    if sent:
        audit_record(actor=by, action="people.invite", target_type="accounts.user",
                     target_id=None, details={"invited": sent})
    return sent
