"""Loading career data from the hand-made mini releases: contents, idempotency, bad files."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.db import models

from mentora.careers.loading.errors import DataFileError
from mentora.careers.models import (
    AlternateTitle,
    DataRelease,
    Element,
    JobZoneReference,
    LevelAnchor,
    Occupation,
    OccupationRating,
    Projection,
    RelatedOccupation,
    Task,
    Technology,
)
from mentora.careers.services import careerdata_load
from mentora.careers.tests.conftest import MINI_ONET, write_bls_workbook
from mentora.lib.errors import DomainError

pytestmark = pytest.mark.django_db

ALL_MODELS: list[type[models.Model]] = [
    Occupation,
    AlternateTitle,
    Element,
    OccupationRating,
    LevelAnchor,
    RelatedOccupation,
    Technology,
    Task,
    JobZoneReference,
    Projection,
    DataRelease,
]


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in ALL_MODELS}


def snapshot() -> dict[str, list[tuple]]:
    """Every loaded value except surrogate ids, to compare two loads."""
    result = {}
    for model in ALL_MODELS[:-1]:
        names = [
            f.attname
            for f in model._meta.concrete_fields
            if f.name != "id" or not isinstance(f, models.AutoField)
        ]
        result[model.__name__] = sorted(model.objects.values_list(*names))
    return result


def edit_file(folder: Path, name: str, old: str, new: str) -> None:
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_it_loads_the_mini_release_and_projections(mini_bls):
    report = careerdata_load(locations=[str(MINI_ONET), str(mini_bls)])

    assert [r.source for r in report.loaded] == ["onet", "bls_ep"]
    assert Occupation.objects.count() == 5
    assert AlternateTitle.objects.filter(kind="alternate").count() == 11
    assert set(AlternateTitle.objects.filter(kind="short").values_list("title", flat=True)) == {
        "CMO",
        "IT Director",
    }
    assert AlternateTitle.objects.filter(kind="reported").count() == 4
    assert Element.objects.count() == 7
    assert OccupationRating.objects.count() == 15
    assert LevelAnchor.objects.count() == 21  # the Oral Comprehension anchor is an ability
    assert RelatedOccupation.objects.count() == 9
    assert Technology.objects.count() == 10
    assert Task.objects.count() == 9
    assert JobZoneReference.objects.count() == 5
    assert Projection.objects.count() == 6


def test_it_reads_values_flags_and_quoted_text(mini_bls):
    careerdata_load(locations=[str(MINI_ONET), str(mini_bls)])

    marketing = Occupation.objects.get(code="11-2021.00")
    assert marketing.job_zone_id == 4 and marketing.soc_code == "11-2021"
    persuasion = OccupationRating.objects.get(occupation=marketing, element="2.B.1.e")
    assert (persuasion.importance, persuasion.level) == (4.5, 5.1)
    assert OccupationRating.objects.get(occupation=marketing, element="2.B.3.e").not_relevant
    assert OccupationRating.objects.get(occupation="13-1161.00", element="2.B.1.e").suppressed
    # An empty Recommend Suppress (as in the real Knowledge.txt) means not suppressed.
    assert not OccupationRating.objects.get(occupation="15-1254.00", element="2.C.3.a").suppressed
    assert Element.objects.get(id="2.C.1.c").kind == "knowledge"
    assert Element.objects.get(id="2.A.1.a").description.startswith("Understanding written")
    assert (
        Task.objects.get(onet_id=103).text == 'Coordinate "go to market" launches with sales teams.'
    )
    assert Task.objects.get(onet_id=403).kind == ""
    assert not OccupationRating.objects.filter(occupation="15-1252.00").exists()
    python = Technology.objects.get(occupation="15-1252.00", name="Python")
    assert python.hot and python.in_demand


def test_it_converts_thousands_and_missing_values_in_the_projections(mini_bls):
    careerdata_load(locations=[str(mini_bls)])

    marketing = Projection.objects.get(soc_code="11-2021")
    assert marketing.employment_base == 12_500 and marketing.employment_projected == 13_100
    assert marketing.change_number == 600 and marketing.change_percent == 4.8
    assert marketing.annual_openings == 1_400 and marketing.median_wage == 150_000
    assert marketing.entry_education == "Bachelor's degree"
    assert marketing.work_experience == "5 years or more" and marketing.job_training == "None"
    web = Projection.objects.get(soc_code="15-1254")
    assert web.change_number == -400 and web.median_wage is None
    assert Projection.objects.get(soc_code="15-1250").kind == Projection.Kind.SUMMARY


def test_it_records_each_release(mini_bls):
    careerdata_load(locations=[str(MINI_ONET), str(mini_bls)])

    onet = DataRelease.objects.current(DataRelease.Source.ONET)
    assert (onet.title, onet.version, onet.published) == (
        "O*NET 99.1 Database",
        "99.1",
        "January 2099",
    )
    assert onet.counts["occupations"] == 5 and len(onet.checksum) == 64
    assert onet.location == str(MINI_ONET)
    bls = DataRelease.objects.current(DataRelease.Source.BLS_EP)
    assert (bls.version, bls.data_year, bls.projection_year) == ("2024–34", 2024, 2034)
    assert bls.title == "BLS Employment Projections 2024–34"


def test_it_changes_nothing_when_the_same_files_are_loaded_again(mini_bls, mini_onet, zip_folder):
    careerdata_load(locations=[str(MINI_ONET), str(mini_bls)])
    before, loaded_at = snapshot(), DataRelease.objects.values_list("loaded_at", flat=True)
    loaded_at = sorted(loaded_at)

    # The same release as a zip is the same data: it is recognised and skipped.
    again = careerdata_load(locations=[str(zip_folder(mini_onet)), str(mini_bls)])

    assert again.loaded == [] and len(again.unchanged) == 2
    assert snapshot() == before
    assert sorted(DataRelease.objects.values_list("loaded_at", flat=True)) == loaded_at


def test_it_reloads_the_same_content_when_forced(mini_bls):
    careerdata_load(locations=[str(MINI_ONET), str(mini_bls)])
    before, releases = snapshot(), DataRelease.objects.count()

    report = careerdata_load(locations=[str(MINI_ONET), str(mini_bls)], force=True)

    assert len(report.loaded) == 2
    assert snapshot() == before
    assert DataRelease.objects.count() == releases  # the release is updated, not duplicated


def test_it_replaces_an_older_release_keeping_occupation_keys(mini_onet, mini_bls):
    careerdata_load(locations=[str(MINI_ONET)])
    edit_file(
        mini_onet, "Occupation Data.txt", "Web Developers\t", "Web Developers and Designers\t"
    )
    edit_file(mini_onet, "Read Me.txt", "99.1", "99.2")

    careerdata_load(locations=[str(mini_onet)])

    assert Occupation.objects.get(code="15-1254.00").title == "Web Developers and Designers"
    assert DataRelease.objects.current(DataRelease.Source.ONET).version == "99.2"
    assert Occupation.objects.count() == 5 and Task.objects.count() == 9


def test_it_reports_progress():
    messages: list[str] = []
    careerdata_load(locations=[str(MINI_ONET)], progress=messages.append)
    assert "Reading Skills.txt" in messages
    assert "Wrote 9 tasks" in messages


# --- bad files: a clear message naming file, line and column; nothing written ------------


def assert_load_fails(locations: list[str], *expected: str) -> DomainError:
    before = counts()
    with pytest.raises(DomainError) as caught:
        careerdata_load(locations=locations)
    for text in expected:
        assert text in caught.value.message, caught.value.message
    assert counts() == before, "a failed load must write nothing"
    return caught.value


def test_it_names_a_missing_file(mini_onet, mini_bls):
    (mini_onet / "Skills.txt").unlink()
    (mini_onet / "Task Statements.txt").unlink()
    error = assert_load_fails(
        [str(mini_onet), str(mini_bls)],
        "db_99_1_text: missing files 'Skills.txt', 'Task Statements.txt'",
    )
    assert isinstance(error, DataFileError)


def test_it_names_a_missing_column(mini_onet):
    edit_file(mini_onet, "Knowledge.txt", "\tData Value\t", "\tValue\t")
    assert_load_fails(
        [str(mini_onet)], "Knowledge.txt, column 'Data Value': missing column (the header has:"
    )


def test_it_names_the_line_and_column_of_a_bad_number(mini_onet):
    edit_file(mini_onet, "Skills.txt", "\tIM\tImportance\t4.12\t", "\tIM\tImportance\thigh\t")
    error = assert_load_fails(
        [str(mini_onet)], "Skills.txt, line 4, column 'Data Value': 'high' is not a number"
    )
    assert (error.file, error.line, error.column) == ("Skills.txt", 4, "Data Value")


@pytest.mark.parametrize(
    "file, old, new, message",
    [
        (
            "Skills.txt",
            "\tIM\tImportance\t4.5\t",
            "\tIM\tImportance\t9\t",
            "Skills.txt, line 6, column 'Data Value': 9 is outside the range 1–5",
        ),
        (
            "Task Statements.txt",
            "15-1254.00\tWeb Developers\t501",
            "15-9999.00\tWeb Developers\t501",
            "Task Statements.txt, line 10, column 'O*NET-SOC Code': "
            "unknown O*NET-SOC code '15-9999.00'",
        ),
        (
            "Job Zones.txt",
            "15-1254.00",
            "15-1254",
            "Job Zones.txt, line 6, column 'O*NET-SOC Code': '15-1254' is not an O*NET-SOC code",
        ),
        (
            "Technology Skills.txt",
            "Python\t43230000\tObject or component oriented development software\tY",
            "Python\t43230000\tObject or component oriented development software\tMaybe",
            "Technology Skills.txt, line 6, column 'Hot Technology': "
            "expected Y or N, found 'MAYBE'",
        ),
        (
            "Related Occupations.txt",
            "Primary-Long",
            "Secondary",
            "Related Occupations.txt, line 7, column 'Relatedness Tier': unknown tier 'Secondary'",
        ),
        (
            "Occupation Data.txt",
            "Build and maintain websites",
            "Build\tand maintain websites",
            "Occupation Data.txt, line 6: expected 3 tab-separated fields, found 4",
        ),
        (
            "Knowledge.txt",
            "2.C.4.a",
            "2.C.9.z",
            "Knowledge.txt, line 4, column 'Element ID': unknown element '2.C.9.z'",
        ),
    ],
)
def test_it_rejects_bad_values_with_their_place(mini_onet, file, old, new, message):
    edit_file(mini_onet, file, old, new)
    assert_load_fails([str(mini_onet)], message)


def test_it_writes_nothing_when_one_of_two_files_is_bad(tmp_path):
    def break_number(rows):
        rows[3][3] = "lots"  # Employment, 2024 of Marketing managers

    workbook = write_bls_workbook(tmp_path / "occupation.xlsx", edit=break_number)
    assert_load_fails(
        [str(MINI_ONET), str(workbook)],
        "occupation.xlsx, sheet 'Table 1.2', row 4, column 'Employment, 2024' (D): "
        "'lots' is not a number",
    )


def test_it_rolls_back_everything_when_a_write_fails(mini_bls, monkeypatch):
    def fail(*args, **kwargs):
        raise DomainError("disk full")

    monkeypatch.setattr("mentora.careers.services.write_bls", fail)
    assert_load_fails([str(MINI_ONET), str(mini_bls)], "disk full")


@pytest.mark.parametrize(
    "edit, message",
    [
        (
            lambda rows: rows[1].__setitem__(11, "Wage"),
            "column 'Median annual wage': missing column in the header row",
        ),
        (
            lambda rows: rows[5].__setitem__(2, "Detail"),
            "row 6, column 'Occupation type' (C): 'Detail' is not an occupation type",
        ),
        (
            lambda rows: rows[5].__setitem__(1, "11-3021.00"),
            "row 6, column '2024 National Employment Matrix code' (B): "
            "'11-3021.00' is not a SOC code",
        ),
        (
            lambda rows: rows[5].__setitem__(1, "11-2021"),
            "row 6, column '2024 National Employment Matrix code' (B): "
            "SOC code 11-2021 appears twice",
        ),
        (
            lambda rows: rows[4].__setitem__(10, "—"),
            "row 5, column 'Occupational openings, 2024–34 annual average' (K): has no value",
        ),
    ],
)
def test_it_rejects_a_bad_projections_workbook(tmp_path, edit, message):
    workbook = write_bls_workbook(tmp_path / "occupation.xlsx", edit=edit)
    assert_load_fails([str(workbook)], "occupation.xlsx, sheet 'Table 1.2', " + message)


def test_it_names_a_missing_sheet(tmp_path):
    workbook = write_bls_workbook(tmp_path / "occupation.xlsx", sheet="Table 9")
    assert_load_fails(
        [str(workbook)], "occupation.xlsx: has no sheet 'Table 1.2' (it has: Index, Table 9)"
    )


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("notes.txt", b"hello", "notes.txt: is neither the O*NET text release"),
        ("broken.xlsx", b"PK\x03\x04 not really", "broken.xlsx: is neither the O*NET text release"),
    ],
)
def test_it_rejects_files_that_are_not_career_data(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    assert_load_fails([str(path)], message)


def test_it_rejects_a_folder_without_the_release(tmp_path):
    assert_load_fails([str(tmp_path)], "not an O*NET text release: no 'Occupation Data.txt'")


def test_it_names_a_path_that_does_not_exist(tmp_path):
    missing = tmp_path / "db_29_3_text.zip"
    assert_load_fails([str(missing)], f"No such file or folder: {missing}")


def test_it_refuses_two_releases_of_the_same_kind(mini_onet):
    assert_load_fails([str(MINI_ONET), str(mini_onet)], "Two O*NET releases given")


def test_it_asks_for_at_least_one_location():
    assert_load_fails([], "Give the O*NET text release")


# --- downloading ---------------------------------------------------------------------------


@pytest.fixture
def web_folder(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A local web server on 127.0.0.1 serving a folder, as a user's URL would."""
    folder = tmp_path / "www"
    folder.mkdir()
    handler = functools.partial(QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", folder
    server.shutdown()
    server.server_close()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        return None


def test_it_downloads_a_release_from_a_url(web_folder, mini_onet, zip_folder, mini_bls):
    base, folder = web_folder
    zip_folder(mini_onet).rename(folder / "db_99_1_text.zip")
    mini_bls.rename(folder / "occupation.xlsx")
    messages: list[str] = []

    report = careerdata_load(
        locations=[f"{base}/db_99_1_text.zip", f"{base}/occupation.xlsx"], progress=messages.append
    )

    assert len(report.loaded) == 2 and Occupation.objects.count() == 5
    assert any(m.startswith("Downloaded db_99_1_text.zip") for m in messages)
    assert DataRelease.objects.current("onet").location == f"{base}/db_99_1_text.zip"


def test_it_explains_a_failed_download(web_folder):
    base, _ = web_folder
    assert_load_fails(
        [f"{base}/db_29_3_text.zip"],
        f"Could not download {base}/db_29_3_text.zip: the server answered HTTP 404",
    )


def test_it_downloads_only_over_http():
    assert_load_fails(["ftp://example.org/db.zip"], "only http:// and https:// URLs are supported")
