from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "mentora.matching"
    verbose_name = "Matching"
