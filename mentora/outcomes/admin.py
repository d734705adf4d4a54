"""Django admin for outcomes: schedules and who was asked what, never the answers themselves."""

from __future__ import annotations

from django.contrib import admin

from mentora.outcomes.models import SurveyInvitation, SurveySchedule


@admin.register(SurveySchedule)
class SurveyScheduleAdmin(admin.ModelAdmin):
    list_display = ["program", "enabled", "midpoint_week", "end_week", "quality_after_meetings"]


@admin.register(SurveyInvitation)
class SurveyInvitationAdmin(admin.ModelAdmin):
    """Invitations and whether they were answered; answers stay with their respondent."""

    list_display = ["respondent", "program", "kind", "opens_at", "closes_at", "answered_at"]
    list_filter = ["program", "kind"]
    search_fields = ["respondent__email", "respondent__full_name"]
    raw_id_fields = ["respondent", "relationship"]
    readonly_fields = ["answered_at", "withdrawn_at", "emailed_at"]
