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
from mentora.careers.loading.onet import CHECKSUMMED, OnetData, read_onet
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
from mentora.careers.selectors import SHIPPED_ONET_NAME
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
    say = progress or _quiet
    started = time.monotonic()
    if not locations:
        raise DomainError(
            "Give the O*NET text release (zip or folder) and/or the BLS occupation.xlsx.",
            field="location",
        )
    report = LoadReport()
    ready: list[tuple[OnetData | BlsData, str]] = []
    with tempfile.TemporaryDirectory(prefix="mentora-careerdata-") as tmp:
        sources = _identify_all(locations, Path(tmp), say)
        try:
            for source, location in sources:
                kind = (
                    DataRelease.Source.ONET
                    if isinstance(source, OnetRelease)
                    else DataRelease.Source.BLS_EP
                )
                current = DataRelease.objects.current(kind)
                checksum = (
                    source.checksum(CHECKSUMMED)
                    if isinstance(source, OnetRelease)
                    else source.checksum()
                )
                if current is not None and current.checksum == checksum and not force:
                    say(f"{current.title} is already loaded from identical files; skipping it.")
                    report.unchanged.append(current)
                elif isinstance(source, OnetRelease):
                    ready.append((read_onet(source, say), location))
                else:
                    ready.append((read_bls(source, say), location))
        finally:
            for source, _ in sources:
                if isinstance(source, OnetRelease):
                    source.close()
    # Downloading and reading happen above, outside the transaction, so the database is not
    # locked while files are fetched and parsed; the writes below are all or nothing.
    with transaction.atomic():
        for data, location in ready:
            report.loaded.append(_write_release(data, location, say))
    report.seconds = time.monotonic() - started
    return report


SHIPPED_DIR = Path(__file__).parent / "data"
SHIPPED_ONET = SHIPPED_DIR / SHIPPED_ONET_NAME
SHIPPED_BLS = SHIPPED_DIR / "bls_subset.xlsx"


def careerdata_load_shipped(*, progress: Progress | None = None) -> LoadReport:
    """Load the subset of the official O*NET and BLS files shipped with Mentora (no network).

    Only a source with nothing loaded yet is loaded: a release an administrator loaded with
    ``mentora careerdata load`` (usually the complete, newer one) is never replaced by the
    smaller shipped subset. See mentora/careers/data/build_subset.py for how it was made.
    """
    wanted = [
        str(path)
        for source, path in (
            (DataRelease.Source.ONET, SHIPPED_ONET),
            (DataRelease.Source.BLS_EP, SHIPPED_BLS),
        )
        if DataRelease.objects.current(source) is None
    ]
    if not wanted:
        return LoadReport()
    return careerdata_load(locations=wanted, progress=progress)


def _identify_all(
    locations: Sequence[str], tmp: Path, say: Progress
) -> list[tuple[OnetRelease | BlsWorkbook, str]]:
    """Fetch URLs, recognise each file, and refuse two files of the same kind."""
    found: list[tuple[OnetRelease | BlsWorkbook, str]] = []
    try:
        for location in locations:
            if is_url(location):
                source = identify(download(location, into=tmp, progress=say), location)
            else:
                path = Path(location).expanduser()
                source = identify(path, path.name or location)
            for other, other_location in found:
                if type(other) is type(source):
                    if isinstance(source, OnetRelease):
                        source.close()
                    what = "O*NET releases" if isinstance(other, OnetRelease) else "BLS workbooks"
                    raise DomainError(
                        f"Two {what} given ({other_location} and {location}); give one.",
                        field="location",
                    )
            found.append((source, location))
    except BaseException:
        for source, _ in found:
            if isinstance(source, OnetRelease):
                source.close()
        raise
    return found


def _write_release(data: OnetData | BlsData, location: str, say: Progress) -> DataRelease:
    years: tuple[int | None, int | None]
    if isinstance(data, OnetData):
        source, published, years = DataRelease.Source.ONET, data.published, (None, None)
        write_onet(data, say)
    else:
        source, published, years = (
            DataRelease.Source.BLS_EP,
            "",
            (data.base_year, data.projected_year),
        )
        write_bls(data, say)
    release, _ = DataRelease.objects.update_or_create(
        source=source,
        checksum=data.checksum,
        defaults={
            "version": data.version,
            "title": data.title,
            "published": published,
            "data_year": years[0],
            "projection_year": years[1],
            "location": location[:500],
            "counts": data.counts(),
            "loaded_at": timezone.now(),
        },
    )
    return release
