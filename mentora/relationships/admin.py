"""Django admin for relationships: docs/privacy.md applies here as on every other surface.

What an organization admin may not read in the product (shared notes, agenda, check-ins,
action items, the agreement's text, meeting times and places) is not registered; what they may
read (relationships, their people, status and event log; whether an agreement is signed) is
read-only, so nothing in the admin changes relationship content or bypasses the event log.
Private notes are filtered to their author, as `permissions.visible_private_notes` decides,
and read-only too.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from mentora.relationships import permissions as perms
from mentora.relationships.models import (
    AgreementTemplate,
    Meeting,
    PrivateNote,
    Relationship,
    RelationshipEvent,
    RematchRequest,
)


class ReadOnlyMixin:
    """No add, change or delete: changes go through the services (and the event log)."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class EventInline(ReadOnlyMixin, admin.TabularInline):
    model = RelationshipEvent
    extra = 0
    fields = readonly_fields = ("action", "from_status", "to_status", "by", "at", "shown_reason")
    can_delete = False

    @admin.display(description="Reason")
    def shown_reason(self, event: RelationshipEvent) -> str:
        """As overseers read it on the relationship's page: not the words of the request."""
        return "" if event.action in perms.PAIR_ONLY_REASONS else event.reason


@admin.register(Relationship)
class RelationshipAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["__str__", "program", "kind", "status", "requested_at"]
    list_filter = ["program", "kind", "status"]
    search_fields = ["mentee__email", "mentor__email", "mentee__full_name", "mentor__full_name"]
    fields = readonly_fields = (
        "program", "kind", "status", "mentee", "mentor", "requested_by", "requested_at",
        "accepted_at", "started_at", "ended_at",
    )
    inlines = [EventInline]


@admin.register(Meeting)
class MeetingAdmin(ReadOnlyMixin, admin.ModelAdmin):
    """That a meeting exists and its status; not its time, place or agenda (privacy.md)."""

    list_display = ["relationship", "status", "sequence"]
    list_filter = ["status"]
    fields = readonly_fields = ("relationship", "status", "sequence", "series")


@admin.register(PrivateNote)
class PrivateNoteAdmin(ReadOnlyMixin, admin.ModelAdmin):
    """Even superusers see only the private notes they wrote themselves, and change none here."""

    list_display = ["meeting", "created_at"]
    raw_id_fields = ["meeting", "author"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[PrivateNote]:
        return perms.visible_private_notes(request.user, super().get_queryset(request))

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is not None:
            return perms.can_view_private_note(request.user, obj)
        return super().has_view_permission(request, obj)


admin.site.register(AgreementTemplate, list_display=["name", "program", "is_default", "updated_at"])


@admin.register(RematchRequest)
class RematchRequestAdmin(ReadOnlyMixin, admin.ModelAdmin):
    """Read-only like the queue admins see in the product; handled there (rematch queue)."""

    list_display = ["mentee", "program", "created_at", "resolved_at"]
    list_filter = ["program", ("resolved_at", admin.EmptyFieldListFilter)]
    raw_id_fields = ["relationship", "mentee", "resolved_by"]
