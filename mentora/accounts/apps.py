from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "mentora.accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        from mentora.lib.labels import labels_without_colons

        labels_without_colons()
