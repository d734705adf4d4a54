"""Read-mostly admin for career data; rows come from `mentora careerdata load`."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from mentora.careers.models import DataRelease, Occupation, Projection


class ReadOnlyAdmin(admin.ModelAdmin):
    """Loaded data is replaced by the next load, so editing it here would be lost."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(DataRelease)
class DataReleaseAdmin(ReadOnlyAdmin):
    list_display = ["title", "source", "version", "published", "loaded_at", "location"]
    list_filter = ["source"]


@admin.register(Occupation)
class OccupationAdmin(ReadOnlyAdmin):
    list_display = ["code", "title", "job_zone", "soc_code"]
    search_fields = ["code", "title"]
    list_filter = ["job_zone"]


@admin.register(Projection)
class ProjectionAdmin(ReadOnlyAdmin):
    list_display = ["soc_code", "title", "kind", "employment_base", "change_percent", "median_wage"]
    search_fields = ["soc_code", "title"]
    list_filter = ["kind"]
