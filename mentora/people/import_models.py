"""What the HRIS import remembers: the column mapping and level table an admin filled once,
the invitation text, and uploads kept briefly between "Check" and "Import these N people"."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import models

UPLOAD_KEPT = timedelta(hours=1)

DEFAULT_WELCOME = (
    "Welcome to Mentora, our mentoring and coaching platform. Set your password with the "
    "link below, then tell us about your experience and the career you want: it helps us "
    "find you a mentor or coach who fits."
)


class ImportSettings(models.Model):
    """The organization's import choices (one row): columns and levels mapped once."""

    # {normalized header: Mentora column, or "" to ignore the column}
    column_map = models.JSONField(default=dict, blank=True)
    # {normalized level as the HR system writes it: Mentora level}
    level_map = models.JSONField(default=dict, blank=True)
    welcome_text = models.TextField(default=DEFAULT_WELCOME, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = "import settings"
        verbose_name_plural = "import settings"

    def __str__(self) -> str:
        return "Import settings"


class ImportUpload(models.Model):
    """A file an admin uploaded and checked, kept until imported or an hour has passed."""

    token = models.CharField(max_length=43, unique=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="import_uploads"
    )
    filename = models.CharField(max_length=255)
    data = models.BinaryField()
    whole_organization = models.BooleanField(default=False)
    # What the clean check saw: the settings and file it checked; importing needs the same.
    checked_fingerprint = models.CharField(max_length=64, blank=True)
    checked_rows = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.filename
