from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "mentora.notifications"
    verbose_name = "Notifications"
