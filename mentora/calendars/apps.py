from django.apps import AppConfig


class CalendarsConfig(AppConfig):
    name = "mentora.calendars"
    verbose_name = "Calendars"
