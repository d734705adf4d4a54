from django.apps import AppConfig


class IntegrationsConfig(AppConfig):
    name = "mentora.integrations"
    verbose_name = "Integrations"
