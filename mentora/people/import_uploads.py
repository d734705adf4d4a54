"""Uploads kept between the check and the import: "Import these N people" imports the file
already checked, without picking it again.

An upload belongs to the admin who sent it, lives an hour, and is imported only if neither
the file nor the saved mapping, level table or options changed since its clean check.
"""

from __future__ import annotations

import secrets
from datetime import datetime
from typing import Any

from django.db import transaction

from mentora.lib import clock
from mentora.lib.errors import DomainError
from mentora.lib.tabular import ImportRejected, Progress, read_table
from mentora.people.import_mapping import (
    MappedResult,
    fingerprint,
    import_settings,
    people_import_mapped,
)
from mentora.people.import_models import UPLOAD_KEPT, ImportUpload
from mentora.people.permissions import can_import_people


def _allowed(by: Any) -> None:
    if not can_import_people(by):
        raise DomainError("Only organization admins can import people.", code="forbidden")


@transaction.atomic
def upload_keep(
    *, by: Any, data: bytes, filename: str, whole_organization: bool, now: datetime | None = None
) -> ImportUpload:
    """Keep a file for an hour for its admin (their earlier uploads and expired ones go)."""
    _allowed(by)
    now = now or clock.now()
    ImportUpload.objects.filter(expires_at__lte=now).delete()
    ImportUpload.objects.filter(owner=by).delete()
    return ImportUpload.objects.create(
        token=secrets.token_urlsafe(32),
        owner=by,
        filename=filename[:255],
        data=data,
        whole_organization=whole_organization,
        created_at=now,
        expires_at=now + UPLOAD_KEPT,
    )


def upload_get(*, token: str, by: Any, now: datetime | None = None) -> ImportUpload:
    """The admin's own kept upload, or a DomainError saying to upload the file again."""
    _allowed(by)
    now = now or clock.now()
    upload = ImportUpload.objects.filter(token=token, owner=by, expires_at__gt=now).first()
    if upload is None:
        raise DomainError(
            "That upload is no longer kept (an hour has passed, or it was imported or "
            "replaced). Upload the file again.",
            field="file",
            code="gone",
        )
    return upload


def upload_check(
    *, upload: ImportUpload, by: Any, progress: Progress | None = None
) -> MappedResult:
    """Check a kept upload through the saved settings; a clean check is remembered on it."""
    _allowed(by)
    settings = import_settings()
    data = bytes(upload.data)
    try:
        result = people_import_mapped(
            table=read_table(data, filename=upload.filename), by=by, dry_run=True,
            whole_organization=upload.whole_organization, progress=progress, settings=settings,
        )
    except ImportRejected:
        ImportUpload.objects.filter(pk=upload.pk).update(checked_fingerprint="", checked_rows=0)
        raise
    upload.checked_fingerprint = fingerprint(
        data, settings, whole_organization=upload.whole_organization
    )
    upload.checked_rows = result.report.rows
    upload.save(update_fields=["checked_fingerprint", "checked_rows"])
    return result


def upload_import(
    *, upload: ImportUpload, by: Any, checked: str, progress: Progress | None = None
) -> MappedResult:
    """Import a kept upload exactly as checked (`checked`: the fingerprint the page showed)."""
    _allowed(by)
    settings = import_settings()
    data = bytes(upload.data)
    now_print = fingerprint(data, settings, whole_organization=upload.whole_organization)
    if not upload.checked_fingerprint or checked != upload.checked_fingerprint:
        raise DomainError("Check the file before importing it.", field="file", code="conflict")
    if now_print != upload.checked_fingerprint:
        raise DomainError(
            "The column mapping or the level table changed since the check; check the file "
            "again before importing.",
            field="file",
            code="conflict",
        )
    with transaction.atomic():
        result = people_import_mapped(
            table=read_table(data, filename=upload.filename), by=by, dry_run=False,
            whole_organization=upload.whole_organization, progress=progress, settings=settings,
        )
        upload.delete()
    return result
