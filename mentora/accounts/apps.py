from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "mentora.accounts"
    verbose_name = "Accounts"
