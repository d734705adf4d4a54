from django.contrib import admin

from mentora.programs.models import ApplicationQuestion, Enrollment, Program


class QuestionInline(admin.TabularInline):
    model = ApplicationQuestion
    extra = 0


@admin.register(Program)
class ProgramAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "kind", "status", "matching_mode", "mentor_capacity"]
    list_filter = ["kind", "status"]
    search_fields = ["name", "slug"]
    filter_horizontal = ["managers"]
    inlines = [QuestionInline]


@admin.register(Enrollment)
class EnrollmentAdmin(admin.ModelAdmin):
    list_display = ["user", "program", "role", "status", "created_at"]
    list_filter = ["program", "role", "status"]
    search_fields = ["user__email", "user__full_name"]
    raw_id_fields = ["user", "decided_by"]
