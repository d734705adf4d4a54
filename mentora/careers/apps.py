from django.apps import AppConfig


class CareersConfig(AppConfig):
    name = "mentora.careers"
    verbose_name = "Careers"
