from django.apps import AppConfig


class OutcomesConfig(AppConfig):
    name = "mentora.outcomes"
    verbose_name = "Outcomes"
