"""Reading and changing a person's notification preferences."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.db import transaction

from mentora.lib.errors import DomainError
from mentora.notifications.links import user_timezone
from mentora.notifications.models import NotificationPreference

FIELDS = ("digest_enabled", "digest_hour", "meeting_invitations", "quiet_start", "quiet_end")


def preference_for(user: Any) -> NotificationPreference:
    """The person's preferences, or unsaved defaults when they never changed them."""
    found = NotificationPreference.objects.filter(user=user).first()
    return found or NotificationPreference(user=user)


@transaction.atomic
def preference_update(*, user: Any, by: Any, data: dict[str, Any]) -> NotificationPreference:
    """Change one's own notification preferences."""
    if by is None or by.pk != user.pk:
        raise DomainError("You can only change your own notification settings.", code="forbidden")
    unknown = sorted(set(data) - set(FIELDS))
    if unknown:
        raise DomainError(f"Unknown setting: {', '.join(unknown)}.", field=unknown[0])
    pref = NotificationPreference.objects.select_for_update().filter(user=user).first() or (
        NotificationPreference(user=user)
    )
    for name, value in data.items():
        if name in ("digest_enabled", "meeting_invitations") and not isinstance(value, bool):
            raise DomainError(f"{name.replace('_', ' ').capitalize()} is yes or no.", field=name)
        if name == "digest_hour" and (not isinstance(value, int) or not 0 <= value <= 23):
            raise DomainError("Digest hour is a whole hour from 0 to 23.", field=name)
        if name in ("quiet_start", "quiet_end") and value is not None:
            if isinstance(value, str):
                try:
                    value = time.fromisoformat(value)
                except ValueError as exc:
                    raise DomainError("Give quiet hours as HH:MM.", field=name) from exc
            if not isinstance(value, time):
                raise DomainError("Give quiet hours as HH:MM.", field=name)
        setattr(pref, name, value)
    if (pref.quiet_start is None) != (pref.quiet_end is None):
        raise DomainError(
            "Give both the start and the end of quiet hours, or neither.", field="quiet_end"
        )
    pref.save()
    return pref


def send_after(*, user: Any, now: datetime) -> datetime:
    """When an email to this person may go: now, or the end of their quiet hours."""
    pref = preference_for(user)
    zone = ZoneInfo(user_timezone(user))
    local = now.astimezone(zone)
    if pref.quiet_end is None or not pref.is_quiet(local.time()):
        return now
    end = datetime.combine(local.date(), pref.quiet_end, tzinfo=zone)
    if end <= local:
        end = datetime.combine(local.date() + timedelta(days=1), pref.quiet_end, tzinfo=zone)
    return end.astimezone(UTC)
