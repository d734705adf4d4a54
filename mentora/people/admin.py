from django.contrib import admin

from mentora.people.models import AvailabilityWindow, Language, Profile, Skill


class AvailabilityInline(admin.TabularInline):
    model = AvailabilityWindow
    extra = 0


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = [
        "user",
        "job_title",
        "department",
        "level",
        "offers_mentoring",
        "offers_coaching",
    ]
    list_filter = ["level", "offers_mentoring", "offers_coaching", "department"]
    search_fields = ["user__email", "user__full_name", "job_title"]
    raw_id_fields = ["user", "manager"]
    filter_horizontal = ["skills_offered", "skills_wanted", "languages"]
    # Personality answers are the person's own; admins see only that they exist.
    exclude = ["ipip_answers"]
    inlines = [AvailabilityInline]


admin.site.register(Skill, search_fields=["name"])
admin.site.register(Language, search_fields=["name"])
