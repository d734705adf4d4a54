"""Career-data fixtures: the hand-made mini releases, and the real data loaded once per package.

The real O*NET and BLS files live outside the repository in ../shared/career-data/ (relative to
the project root). Tests that need them fail, never skip, when that folder is missing.
"""

from __future__ import annotations

import shutil
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from openpyxl import Workbook

FIXTURES = Path(__file__).parent / "fixtures"
MINI_ONET = FIXTURES / "onet_mini" / "db_99_1_text"
MINI_BLS_ROWS = FIXTURES / "bls_table_1_2.tsv"
REAL_DATA = Path(settings.BASE_DIR).parent / "shared" / "career-data"
REAL_ONET = REAL_DATA / "db_29_3_text.zip"
REAL_BLS = REAL_DATA / "bls-ep-2024-34" / "occupation.xlsx"


def real_data_paths() -> list[str]:
    """Paths of the real releases; a clear failure when the shared folder is missing."""
    missing = [str(p) for p in (REAL_ONET, REAL_BLS) if not p.is_file()]
    if missing:
        pytest.fail(
            "The real career data is missing: " + ", ".join(missing) + ". These tests read the "
            "official O*NET and BLS files from ../shared/career-data/ next to the project "
            "(see that folder's README.md); CI provides them.",
            pytrace=False,
        )
    return [str(REAL_ONET), str(REAL_BLS)]


def _cell(value: str) -> Any:
    try:
        number = float(value)
    except ValueError:
        return value or None
    return int(number) if number.is_integer() and "." not in value else number


def write_bls_workbook(
    path: Path,
    *,
    edit: Callable[[list[list[Any]]], None] | None = None,
    sheet: str = "Table 1.2",
) -> Path:
    """Build an occupation.xlsx from the hand-made rows; ``edit`` may break them first."""
    rows = [
        [_cell(v) for v in line.rstrip("\n").split("\t")] if line.strip() else []
        for line in MINI_BLS_ROWS.read_text(encoding="utf-8").splitlines()
    ]
    if edit:
        edit(rows)
    book = Workbook()
    book.active.title = "Index"
    table = book.create_sheet(sheet)
    for row in rows:
        table.append(row)
    book.save(path)
    return path


@pytest.fixture
def mini_onet(tmp_path: Path) -> Path:
    """A writable copy of the mini O*NET folder, so a test may break a file."""
    target = tmp_path / "db_99_1_text"
    shutil.copytree(MINI_ONET, target)
    return target


@pytest.fixture
def zip_folder() -> Callable[[Path], Path]:
    """Zip an O*NET folder the way the official release is packed (one top folder)."""

    def _zip(folder: Path) -> Path:
        target = folder.parent / f"{folder.name}.zip"
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
            for file in sorted(folder.iterdir()):
                archive.write(file, f"{folder.name}/{file.name}")
        return target

    return _zip


@pytest.fixture
def mini_bls(tmp_path: Path) -> Path:
    return write_bls_workbook(tmp_path / "occupation.xlsx")


@pytest.fixture
def mini_data(db: None, tmp_path: Path) -> None:
    """The mini O*NET release and BLS workbook, loaded for one test."""
    from mentora.careers.services import careerdata_load

    workbook = write_bls_workbook(tmp_path / "occupation.xlsx")
    careerdata_load(locations=[str(MINI_ONET), str(workbook)])


@pytest.fixture(scope="package")
def _real_data_committed(django_db_setup: None, django_db_blocker: Any) -> Iterator[dict[str, str]]:
    """Load the real releases into the test database once for this package, then remove them.

    The load is committed (outside any test's transaction) so later tests see it; removing it
    afterwards keeps other apps' tests free of 200,000 rows they do not expect.
    """
    from mentora.careers.models import DataRelease
    from mentora.careers.services import careerdata_load

    paths = real_data_paths()
    with django_db_blocker.unblock():
        report = careerdata_load(locations=paths, force=True)
        checksums = {r.source: r.checksum for r in report.loaded}
        checksums["seconds"] = f"{report.seconds:.1f}"
    yield checksums
    with django_db_blocker.unblock():
        _delete_career_data()
        DataRelease.objects.all().delete()


def _delete_career_data() -> None:
    from mentora.careers.loading.writer import CHILD_MODELS
    from mentora.careers.models import Element, JobZoneReference, Occupation, Projection

    for model in (*CHILD_MODELS, Projection, Occupation, Element, JobZoneReference):
        model.objects.all().delete()


@pytest.fixture
def real_data(_real_data_committed: dict[str, str], db: None) -> dict[str, str]:
    """The real O*NET 29.3 and BLS 2024–34 data, for a test (reloaded if a test flushed it)."""
    from mentora.careers.models import DataRelease
    from mentora.careers.services import careerdata_load

    onet = _real_data_committed[DataRelease.Source.ONET]
    if not DataRelease.objects.filter(checksum=onet).exists():
        careerdata_load(locations=real_data_paths(), force=True)  # within this test only
    return _real_data_committed
