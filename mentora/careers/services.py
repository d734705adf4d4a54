"""Writes to the career data: loading the official O*NET and BLS releases."""

from __future__ import annotations

import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from mentora.careers.loading.bls import BlsData, read_bls
from mentora.careers.loading.onet import OnetData, read_onet
from mentora.careers.loading.sources import (
    BlsWorkbook,
    OnetRelease,
    Progress,
    download,
    identify,
    is_url,
)
from mentora.careers.loading.writer import write_bls, write_onet
from mentora.careers.models import DataRelease
from mentora.lib.errors import DomainError


@dataclass
class LoadReport:
    """What a load did: releases written, releases already present, and how long it took."""

    loaded: list[DataRelease] = field(default_factory=list)
    unchanged: list[DataRelease] = field(default_factory=list)
    seconds: float = 0.0


def _quiet(message: str) -> None:
    return None


def careerdata_load(
    *, locations: Sequence[str], force: bool = False, progress: Progress | None = None
) -> LoadReport:
    """Load the O*NET text release and/or the BLS projections workbook, all or nothing.

    Each location is a path (zip, folder or .xlsx) or an http(s) URL. Every file is read and
    checked before the first write, and all writes happen in one transaction. A release already
    loaded from identical files is left alone unless ``force`` is given.
    """
    report_progress = progress or _quiet
    started = time.monotonic()
    if not locations:
        raise DomainError(
            "Give the O*NET text release (zip or folder) and/or the BLS occupation.xlsx.",
            field="location",
        )
    onet: tuple[OnetData | None, str] = (None, "")
    bls: tuple[BlsData | None, str] = (None, "")
    with tempfile.TemporaryDirectory(prefix="mentora-careerdata-") as tmp:
        for location in locations:
            path = download(location, into=Path(tmp), progress=report_progress) if is_url(
                location
            ) else Path(location).expanduser()
            source = identify(path, location if is_url(location) else path.name)
            if isinstance(source, OnetRelease):
                if onet[0] is not None:
                    source.close()
                    raise DomainError(
                        f"Two O*NET releases given ({onet[1]} and {location}); give one.",
                        field="location",
                    )
                try:
                    onet = (read_onet(source, report_progress), location)
                finally:
                    source.close()
            elif isinstance(source, BlsWorkbook):
                if bls[0] is not None:
                    raise DomainError(
                        f"Two BLS workbooks given ({bls[1]} and {location}); give one.",
                        field="location",
                    )
                bls = (read_bls(source, report_progress), location)
    report = LoadReport()
    # Reading and downloading happen above, outside the transaction, so the database is not
    # locked while files are fetched and parsed; the writes below are all or nothing.
    with transaction.atomic():
        for data, location in (onet, bls):
            if data is not None:
                _write_release(report, data, location, force=force, progress=report_progress)
    report.seconds = time.monotonic() - started
    return report


def _write_release(
    report: LoadReport,
    data: OnetData | BlsData,
    location: str,
    *,
    force: bool,
    progress: Progress,
) -> None:
    source = DataRelease.Source.ONET if isinstance(data, OnetData) else DataRelease.Source.BLS_EP
    current = DataRelease.objects.current(source)
    if current is not None and current.checksum == data.checksum and not force:
        progress(f"{current.title} is already loaded from identical files; nothing changed.")
        report.unchanged.append(current)
        return
    if isinstance(data, OnetData):
        write_onet(data, progress)
        published, data_year = data.published, None
    else:
        write_bls(data, progress)
        published, data_year = "", data.base_year
    release, _ = DataRelease.objects.update_or_create(
        source=source,
        checksum=data.checksum,
        defaults={
            "version": data.version,
            "title": data.title,
            "published": published,
            "data_year": data_year,
            "location": location[:500],
            "counts": data.counts(),
            "loaded_at": timezone.now(),
        },
    )
    report.loaded.append(release)
