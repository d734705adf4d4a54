from django.apps import AppConfig


class OpsConfig(AppConfig):
    name = "mentora.ops"
    verbose_name = "Operations"
