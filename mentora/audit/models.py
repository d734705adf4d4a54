"""Audit log models: one row per administrative action, written by `audit_record`."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from mentora.lib import clock

# Every action the log knows, with the words a person reads on the audit page. A new
# administrative action is added here first, then recorded with `audit_record`.
ACTIONS: dict[str, str] = {
    "people.import": "Imported people",
    "enrollments.import": "Imported enrollments",
    "program.managers_set": "Set program managers",
    "user.org_admin_grant": "Granted organization admin",
    "user.org_admin_revoke": "Revoked organization admin",
    "matching.publish": "Published matches",
    "matching.withdraw": "Withdrew a published match",
    "gdpr.export": "Exported a person's data",
    "gdpr.export_sent": "Sent a person a link to their data",
    "gdpr.erase": "Erased a person's account",
    "retention.purge": "Purged content past retention",
    "token.create": "Created an API token",
    "people.import_columns": "Mapped import columns",
    "people.import_levels": "Changed the import level table",
    "people.invite": "Invited imported people",
    "user.program_staff_grant": "Made program staff",
    "user.program_staff_revoke": "Removed from program staff",
    "program.create": "Created a program",
    "program.duplicate": "Started a new cohort",
    "program.archive": "Archived a program",
    "program.restore": "Restored a program",
    "enrollments.approve": "Approved applications",
    "enrollments.decline": "Declined applications",
    "announcement.send": "Sent an announcement",
    "branding.update": "Changed the branding",
    "webhook.create": "Added a webhook",
    "webhook.update": "Changed a webhook",
    "webhook.rotate": "Rotated a webhook secret",
    "webhook.delete": "Deleted a webhook",
    "sso.account_created": "Created an account at single sign-on",
}


class AuditEntryQuerySet(models.QuerySet["AuditEntry"]):
    """Filters used by the audit page, the API and the tests."""

    def for_action(self, action: str) -> AuditEntryQuerySet:
        return self.filter(action=action)

    def for_target(self, target_type: str, target_id: str | int) -> AuditEntryQuerySet:
        return self.filter(target_type=target_type, target_id=str(target_id))


class AuditEntry(models.Model):
    """Who did which administrative action to what, and when (append-only)."""

    at = models.DateTimeField(default=clock.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Empty when the command line or the worker did it.",
    )
    action = models.CharField(max_length=40, help_text="A key of ACTIONS.")
    target_type = models.CharField(max_length=60, help_text="app_label.model, e.g. accounts.user")
    target_id = models.CharField(max_length=64, blank=True)
    details = models.JSONField(default=dict, blank=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [
            models.Index(fields=["action", "-at"], name="audit_action_at"),
            models.Index(fields=["target_type", "target_id"], name="audit_target"),
        ]
        verbose_name_plural = "audit entries"

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.target_type}#{self.target_id}"

    @property
    def action_label(self) -> str:
        return ACTIONS.get(self.action, self.action)
