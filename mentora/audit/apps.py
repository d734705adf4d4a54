from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "mentora.audit"
    verbose_name = "Audit log"
