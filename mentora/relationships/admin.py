"""Django admin for relationships; private notes follow permissions.py (author only)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from mentora.relationships import permissions as perms
from mentora.relationships.models import (
    ActionItem,
    AgendaItem,
    Agreement,
    AgreementTemplate,
    CheckIn,
    Meeting,
    PrivateNote,
    Relationship,
    RelationshipEvent,
    RematchRequest,
    SharedNote,
)


class EventInline(admin.TabularInline):
    model = RelationshipEvent
    extra = 0
    readonly_fields = ["action", "from_status", "to_status", "by", "at", "reason"]
    can_delete = False


@admin.register(Relationship)
class RelationshipAdmin(admin.ModelAdmin):
    list_display = ["__str__", "program", "kind", "status", "requested_at"]
    list_filter = ["program", "kind", "status"]
    search_fields = ["mentee__email", "mentor__email", "mentee__full_name", "mentor__full_name"]
    raw_id_fields = ["mentee", "mentor", "requested_by"]
    readonly_fields = ["status"]  # status changes only through the lifecycle services
    inlines = [EventInline]


class AgendaInline(admin.TabularInline):
    model = AgendaItem
    extra = 0
    raw_id_fields = ["added_by"]


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    """Meetings with their agenda; private notes are deliberately not shown here."""

    list_display = ["relationship", "starts_at", "status", "sequence"]
    list_filter = ["status"]
    raw_id_fields = ["relationship", "series", "organiser"]
    inlines = [AgendaInline]


@admin.register(PrivateNote)
class PrivateNoteAdmin(admin.ModelAdmin):
    """Even superusers see only the private notes they wrote themselves."""

    list_display = ["meeting", "created_at"]
    raw_id_fields = ["meeting", "author"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[PrivateNote]:
        return perms.visible_private_notes(request.user, super().get_queryset(request))

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is not None:
            return perms.can_view_private_note(request.user, obj)
        return super().has_view_permission(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is not None:
            return perms.can_view_private_note(request.user, obj)
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is not None:
            return perms.can_view_private_note(request.user, obj)
        return super().has_delete_permission(request, obj)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


admin.site.register(SharedNote, raw_id_fields=["meeting", "author"])
admin.site.register(Agreement, list_display=["relationship", "version", "updated_at"])
admin.site.register(AgreementTemplate, list_display=["name", "program", "is_default", "updated_at"])
admin.site.register(
    ActionItem,
    list_display=["text", "owner", "due_on", "status"],
    raw_id_fields=["relationship", "meeting", "owner", "created_by"],
)
admin.site.register(
    CheckIn,
    list_display=["relationship", "author", "confidence", "created_at"],
    raw_id_fields=["relationship", "author"],
)
admin.site.register(
    RematchRequest,
    list_display=["mentee", "program", "created_at", "resolved_at"],
    list_filter=["program", ("resolved_at", admin.EmptyFieldListFilter)],
    raw_id_fields=["relationship", "mentee", "resolved_by"],
)
