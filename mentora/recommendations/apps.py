from django.apps import AppConfig


class RecommendationsConfig(AppConfig):
    name = "mentora.recommendations"
    verbose_name = "Recommendations"
