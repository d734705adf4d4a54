from django.apps import AppConfig


class ConversationsConfig(AppConfig):
    name = "mentora.conversations"
    verbose_name = "Conversations"
