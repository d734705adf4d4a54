from django.apps import AppConfig


class GrowthConfig(AppConfig):
    name = "mentora.growth"
    verbose_name = "Growth"
