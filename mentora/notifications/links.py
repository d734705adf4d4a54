"""Absolute URLs for emails: pages, and signed one-click links."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse

from mentora.lib.signing import link_token


def absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def one_click_url(*, action: str, object_id: int, user: Any) -> str:
    """A signed, expiring link that lets `user` do `action` on one object without signing in."""
    token = link_token(action=action, object_id=object_id, user_id=user.pk)
    return absolute(reverse("notifications:one_click", args=[token]))


def user_timezone(user: Any) -> str:
    """The person's time zone as saved on their profile (UTC when they have none)."""
    # Through the user's reverse relation, so notifications imports no domain app.
    profiles = getattr(get_user_model(), "profile", None)
    if profiles is None or getattr(user, "pk", None) is None:
        return "UTC"
    model = profiles.related.related_model
    saved = model.objects.filter(user_id=user.pk).values_list("timezone", flat=True).first()
    return saved or "UTC"


def local_time_text(moment: datetime, user: Any = None, *, tz: str | None = None) -> str:
    """A time as the person reads it: their own time zone (or `tz`), named."""
    tz = tz or user_timezone(user)
    local = moment.astimezone(ZoneInfo(tz))
    return f"{local:%A %-d %B %Y, %H:%M} ({tz})"
