"""Django admin for webhooks: read the log; endpoints are managed from the pages or the API."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from mentora.integrations.models import WebhookDelivery, WebhookEndpoint
from mentora.integrations.permissions import can_manage_webhooks


@admin.register(WebhookEndpoint)
class WebhookEndpointAdmin(admin.ModelAdmin):
    list_display = ("name", "url", "is_active", "created_at")
    exclude = ("secret", "previous_secret")  # never shown after creation

    def has_module_permission(self, request: HttpRequest) -> bool:
        return can_manage_webhooks(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return can_manage_webhooks(request.user)

    # Added and changed on the webhooks page or the API only: there the URL goes through the
    # outbound-URL guard and the change is audited (webhook.create / webhook.update).
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(admin.ModelAdmin):
    list_display = ("event", "endpoint", "status", "attempts", "last_status_code", "created_at")
    list_filter = ("status", "event")
    list_select_related = ("endpoint",)
    # The status code and a generic error class, nothing of the endpoint's answer (none is
    # stored) and not the payload (the endpoint's page shows it to organization admins).
    fields = readonly_fields = (
        "event", "event_id", "endpoint", "status", "attempts", "available_at",
        "last_attempt_at", "last_status_code", "last_error", "delivered_at", "created_at",
    )

    def has_module_permission(self, request: HttpRequest) -> bool:
        return can_manage_webhooks(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return can_manage_webhooks(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
