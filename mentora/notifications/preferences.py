"""Reading and changing a person's notification preferences."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction

from mentora.lib import outbound
from mentora.lib.errors import DomainError
from mentora.notifications.links import user_timezone
from mentora.notifications.models import Channel, ChatSettings, NotificationPreference

CHANNEL_FIELDS = ("reminders_channel", "digests_channel", "requests_channel", "messages_channel")
FIELDS = (
    "digest_enabled",
    "digest_hour",
    "meeting_invitations",
    "quiet_start",
    "quiet_end",
    *CHANNEL_FIELDS,
    "teams_webhook_url",
)

# Which of a person's choices carries a kind of message; any other kind is always an email
# (invitations carry calendar files, account links belong in the inbox).
CATEGORY_OF_KIND = {
    "notifications.digest": "digests",
    "relationships.nudge": "reminders",
    "relationships.meeting_reminder": "reminders",
    "outcomes.survey": "reminders",
    "growth.feedback_request": "reminders",
}
CATEGORY_OF_APP = {"recommendations": "requests", "conversations": "messages"}


def category_of(kind: str) -> str | None:
    """ "reminders", "digests", "requests", "messages", or None (always email)."""
    return CATEGORY_OF_KIND.get(kind) or CATEGORY_OF_APP.get(kind.split(".", 1)[0])


def channel_for(*, user: Any, kind: str, has_attachments: bool = False) -> str:
    """Where a message of this kind reaches this person, from their preferences."""
    category = category_of(kind)
    if category is None or has_attachments or getattr(user, "pk", None) is None:
        return Channel.EMAIL
    chosen = (
        NotificationPreference.objects.filter(user_id=user.pk)
        .values_list(f"{category}_channel", flat=True)
        .first()
    )
    return chosen or Channel.EMAIL


def slack_available() -> bool:
    """Whether the organization connected its Slack app."""
    saved = ChatSettings.objects.exclude(slack_bot_token="").exists()
    return saved or bool(getattr(settings, "MENTORA_SLACK_BOT_TOKEN", ""))


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
        if name in CHANNEL_FIELDS:
            field = NotificationPreference._meta.get_field(name)
            label = str(getattr(field, "verbose_name", name))
            if value not in (Channel.EMAIL, Channel.SLACK, Channel.TEAMS):
                raise DomainError(f"{label}: choose email, Slack or Microsoft Teams.", field=name)
        if name == "teams_webhook_url":
            value = (value or "").strip()
            if value:
                try:
                    outbound.check_url(value)
                except outbound.OutboundRefused as exc:
                    raise DomainError(str(exc), field=name) from exc
        setattr(pref, name, value)
    chosen = {getattr(pref, name) for name in CHANNEL_FIELDS}
    if Channel.SLACK in chosen and not slack_available():
        raise DomainError(
            "Slack is not connected for your organization yet; choose email or Microsoft Teams, "
            "or ask an organization admin to connect Slack.",
            field=next(n for n in CHANNEL_FIELDS if getattr(pref, n) == Channel.SLACK),
        )
    if Channel.TEAMS in chosen and not pref.teams_webhook_url:
        raise DomainError(
            "To get messages in Microsoft Teams, paste your Teams workflow address first.",
            field="teams_webhook_url",
        )
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
