from django.apps import AppConfig


class RelationshipsConfig(AppConfig):
    name = "mentora.relationships"
    verbose_name = "Relationships"

    def ready(self) -> None:
        # Email links and calendar feeds carry relationship things; notifications asks us.
        from mentora.relationships import one_click

        one_click.register()
        # What relationships answers for the apps below it (mentora.lib.hooks).
        from mentora.relationships import provides

        provides.register()
