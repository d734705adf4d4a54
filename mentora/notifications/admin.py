"""Django admin for the outbox (to watch and retry) and notification preferences."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from mentora.notifications.models import NotificationPreference, OutboxMessage


@admin.register(OutboxMessage)
class OutboxAdmin(admin.ModelAdmin):
    list_display = ["kind", "to_email", "status", "attempts", "available_at", "sent_at"]
    list_filter = ["status", "kind"]
    search_fields = ["to_email", "subject"]
    readonly_fields = ["message_id", "claim_token", "lease_until", "sent_at", "last_error"]
    actions = ["retry_now"]

    @admin.action(description="Retry now")
    def retry_now(self, request: HttpRequest, queryset: QuerySet[OutboxMessage]) -> None:
        queryset.exclude(status=OutboxMessage.Status.SENT).update(
            status=OutboxMessage.Status.PENDING, lease_until=None, claim_token=""
        )


admin.site.register(NotificationPreference, list_display=["user", "digest_enabled", "digest_hour"])
