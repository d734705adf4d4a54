from django.apps import AppConfig


class GrowthConfig(AppConfig):
    name = "mentora.growth"
    verbose_name = "Growth"

    def ready(self) -> None:
        # What growth answers for the apps below it (mentora.lib.hooks).
        from mentora.growth import provides

        provides.register()
