from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "mentora.accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        # Accounts is the lowest app, so its ready() is the start-up hook for rules that span
        # every model (mentora.lib.text: no control characters in single-line text).
        from mentora.lib.labels import labels_without_colons
        from mentora.lib.text import install_single_line_guard

        install_single_line_guard()
        labels_without_colons()
        # Every app declares its data rules in its own gdpr.py; accounts.gdpr collects them.
        from django.utils.module_loading import autodiscover_modules

        autodiscover_modules("gdpr")
