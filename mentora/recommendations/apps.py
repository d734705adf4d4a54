from django.apps import AppConfig


class RecommendationsConfig(AppConfig):
    name = "mentora.recommendations"
    verbose_name = "Recommendations"

    def ready(self) -> None:
        # What recommendations answers for the apps below it (mentora.lib.hooks).
        from mentora.recommendations import provides

        provides.register()
