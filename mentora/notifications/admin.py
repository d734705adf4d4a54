"""Django admin for the outbox (to watch and retry) and notification preferences.

The outbox shows who gets which kind of email and whether it went, never its subject, text,
HTML or attachments: emails carry what only their recipient may read (a mentee's note to the
mentor they ask, an introduction's reason, a meeting's place, the link that answers someone's
survey or confirms their meeting), and docs/privacy.md holds for the Django admin too."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from mentora.notifications.models import NotificationPreference, OutboxMessage


@admin.register(OutboxMessage)
class OutboxAdmin(admin.ModelAdmin):
    list_display = ["kind", "to_email", "status", "attempts", "available_at", "sent_at"]
    list_filter = ["status", "kind"]
    search_fields = ["to_email"]
    fields = readonly_fields = (
        "kind", "to_email", "status", "attempts", "available_at", "sent_at", "last_error",
        "created_at",
    )
    actions = ["retry_now"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.action(description="Retry now")
    def retry_now(self, request: HttpRequest, queryset: QuerySet[OutboxMessage]) -> None:
        queryset.exclude(status=OutboxMessage.Status.SENT).update(
            status=OutboxMessage.Status.PENDING, lease_until=None, claim_token=""
        )


admin.site.register(NotificationPreference, list_display=["user", "digest_enabled", "digest_hour"])
