from django.apps import AppConfig


class ProgramsConfig(AppConfig):
    name = "mentora.programs"
    verbose_name = "Programs"

    def ready(self) -> None:
        # What programs answers for the apps below it (mentora.lib.hooks).
        from mentora.programs import provides

        provides.register()
