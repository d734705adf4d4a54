from django.apps import AppConfig


class ProgramsConfig(AppConfig):
    name = "mentora.programs"
    verbose_name = "Programs"
