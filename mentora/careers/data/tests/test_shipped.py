"""The career data shipped with Mentora: a faithful subset of the official releases, loaded
with no network, with the attribution the licences ask for."""

from __future__ import annotations

import socket
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from mentora.careers.data import build_subset
from mentora.careers.models import (
    AlternateTitle,
    DataRelease,
    Occupation,
    OccupationRating,
    Projection,
    RelatedOccupation,
    Task,
    Technology,
)
from mentora.careers.selectors import current_releases, occupation_insight
from mentora.careers.services import SHIPPED_BLS, SHIPPED_ONET, careerdata_load_shipped
from mentora.careers.tests.conftest import mini_data  # noqa: F401 — the mini O*NET release

pytestmark = pytest.mark.django_db
# ../shared/career-data next to the project (as the careers tests read it), or next to a
# folder above it (a git worktree of the project).
OFFICIAL = next(
    (
        folder / "shared" / "career-data"
        for folder in Path(settings.BASE_DIR).resolve().parents
        if (folder / "shared" / "career-data").is_dir()
    ),
    Path(settings.BASE_DIR).parent / "shared" / "career-data",
)
OFFICIAL_ONET = OFFICIAL / "db_29_3_text.zip"
OFFICIAL_BLS = OFFICIAL / "bls-ep-2024-34" / "occupation.xlsx"


@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to open a network connection fails the test."""

    def refuse(*args, **kwargs):
        raise AssertionError("the shipped career data must load with no network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


def _official() -> tuple[Path, Path]:
    if not (OFFICIAL_ONET.is_file() and OFFICIAL_BLS.is_file()):
        pytest.fail(f"The official career data is missing from {OFFICIAL} (see its README.md).",
                    pytrace=False)
    return OFFICIAL_ONET, OFFICIAL_BLS


def test_it_loads_the_shipped_data_with_no_network(no_network):
    report = careerdata_load_shipped()
    assert {r.source for r in report.loaded} == {"onet", "bls_ep"}
    assert Occupation.objects.count() == 82
    assert OccupationRating.objects.filter(element__kind="skill").count() > 1_500
    assert OccupationRating.objects.filter(element__kind="knowledge").count() > 1_500
    assert AlternateTitle.objects.count() > 4_000
    assert RelatedOccupation.objects.count() > 500
    assert Technology.objects.exists() and Task.objects.exists()
    assert Projection.objects.count() == 116
    onet = DataRelease.objects.current(DataRelease.Source.ONET)
    assert (onet.version, onet.published) == ("29.3", "May 2025")
    bls = DataRelease.objects.current(DataRelease.Source.BLS_EP)
    assert (bls.version, bls.data_year, bls.projection_year) == ("2024–34", 2024, 2034)
    notice = current_releases().attribution
    assert "O*NET 29.3 Database" in notice.onet and "CC BY 4.0" in notice.onet
    assert "USDOL/ETA has not approved" in notice.modification
    assert "Employment Projections program (2024–34)" in notice.bls


def test_it_shows_o_net_skills_and_bls_figures_for_a_shipped_occupation(no_network):
    careerdata_load_shipped()
    insight = occupation_insight("11-3021.00")  # Computer and Information Systems Managers
    assert insight is not None
    assert insight.skills and insight.outlook is not None and insight.outlook.exact
    assert insight.outlook.median_wage and insight.outlook.employment_base > 0
    assert insight.step_up or insight.step_across


def test_it_leaves_career_data_already_loaded_alone(mini_data):  # noqa: F811
    before = list(DataRelease.objects.values_list("pk", "checksum"))
    occupations = Occupation.objects.count()
    report = careerdata_load_shipped()
    assert not report.loaded
    assert list(DataRelease.objects.values_list("pk", "checksum")) == before
    assert Occupation.objects.count() == occupations  # the mini release, not the subset


def test_it_loads_the_shipped_data_from_the_command_line(no_network, capsys):
    call_command("careerdata_load", "--shipped")
    out = capsys.readouterr().out
    assert "Loaded O*NET 29.3 Database" in out and "82 occupations" in out
    call_command("careerdata_load", "--shipped")
    assert "already loaded; nothing changed" in capsys.readouterr().out


def test_it_ships_the_attribution_with_the_files():
    with zipfile.ZipFile(SHIPPED_ONET) as archive:
        readme = archive.read("db_29_3_text/Read Me.txt").decode()
    assert "O*NET 29.3 Database" in readme and "Creative Commons Attribution 4.0" in readme
    notes = (SHIPPED_ONET.parent / "README.md").read_text(encoding="utf-8")
    assert "Used under the CC BY 4.0 license" in notes
    assert "USDOL/ETA has not approved, endorsed, or tested these modifications" in notes
    assert "Source: U.S. Bureau of Labor Statistics, Employment Projections" in notes


def test_it_copies_every_shipped_o_net_row_unchanged_from_the_official_release():
    official_zip, _ = _official()
    with zipfile.ZipFile(official_zip) as official, zipfile.ZipFile(SHIPPED_ONET) as shipped:
        for name in shipped.namelist():
            rows = set(official.read(name).splitlines())
            kept = shipped.read(name).splitlines()
            assert kept[0] == official.read(name).splitlines()[0]  # the same header
            assert set(kept) <= rows, f"{name} holds a row the official release does not"


def test_it_rebuilds_the_shipped_files_exactly_from_the_official_ones(tmp_path):
    official_zip, official_bls = _official()
    chosen = build_subset.build_onet(official_zip, build_subset.seed_codes(), tmp_path / "o.zip")
    assert len(chosen) == 82
    assert (tmp_path / "o.zip").read_bytes() == SHIPPED_ONET.read_bytes()
    assert build_subset.build_bls(official_bls, chosen, tmp_path / "b.xlsx") == 116
    from openpyxl import load_workbook

    def rows(path: Path) -> list[tuple]:
        book = load_workbook(path, read_only=True, data_only=True)
        try:  # trailing empty cells differ between workbooks, values do not
            found = []
            for row in book["Table 1.2"].iter_rows(values_only=True):
                row = list(row)
                while row and row[-1] is None:
                    row.pop()
                found.append(tuple(row))
            return found
        finally:
            book.close()

    shipped, official = rows(SHIPPED_BLS), rows(official_bls)
    assert rows(tmp_path / "b.xlsx") == shipped
    assert shipped[:2] == official[:2] and set(shipped[2:]) <= set(official)
