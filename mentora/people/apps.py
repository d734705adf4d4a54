from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "mentora.people"
    verbose_name = "People"

    def ready(self) -> None:
        # What people answers for the apps below it (mentora.lib.hooks).
        from mentora.people import provides

        provides.register()
