"""XLSX bombs and wide sheets are refused before parsing (issue 21, item 5).

On `main` `read_table` handed any .xlsx to openpyxl: a 306 KB workbook unpacked to hundreds of
megabytes, and one cell at column XFD made every row 16,384 cells wide; there were no row or
column limits. Each test here fails there (no error is raised, or the parse is unbounded).
"""

from __future__ import annotations

import io
import time
import zipfile

import pytest
from openpyxl import Workbook

from mentora.lib.tabular import TableError, read_table


def _xlsx(build) -> bytes:
    workbook = Workbook()
    build(workbook.active)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def test_it_refuses_a_workbook_that_unpacks_past_the_limit(settings):
    settings.MENTORA_IMPORT_XLSX_MAX_MB = 1
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/sharedStrings.xml", "<sst>" + "<si><t>a</t></si>" * 200_000 + "</sst>")
    data = out.getvalue()
    assert len(data) < 100_000  # small on the wire, 3 MB unpacked
    with pytest.raises(TableError) as caught:
        read_table(data, filename="bomb.xlsx")
    assert "more than 1 MB" in caught.value.message
    assert "MENTORA_IMPORT_XLSX_MAX_MB" in caught.value.message


def test_it_refuses_a_sheet_with_a_cell_at_column_xfd_before_reading_rows(settings):
    settings.MENTORA_IMPORT_MAX_COLUMNS = 200

    def build(sheet):
        sheet.append(["email", "full_name"])
        for n in range(2000):
            sheet.append([f"p{n}@example.com", "Someone"])
        sheet["XFD1"] = "x"

    data = _xlsx(build)
    started = time.monotonic()
    with pytest.raises(TableError) as caught:
        read_table(data, filename="wide.xlsx")
    assert time.monotonic() - started < 1.0
    assert "more than 200 columns" in caught.value.message


def test_it_bounds_a_sheet_whose_dimension_lies(settings):
    """Without a trustworthy <dimension>, rows are still read at most one column past the
    limit, and a value there is reported with its row."""
    settings.MENTORA_IMPORT_MAX_COLUMNS = 3

    def build(sheet):
        sheet.append(["email", "full_name"])
        sheet.append(["a@example.com", "A", "", "", "too far"])

    data = _xlsx(build)
    patched = data.replace(b'<dimension ref="A1:E2"/>', b'<dimension ref="A1:B2"/>')
    with pytest.raises(TableError) as caught:
        read_table(patched, filename="lying.xlsx")
    assert "more than 3 columns" in caught.value.message


def test_it_refuses_more_rows_than_the_limit_in_csv_and_xlsx(settings):
    settings.MENTORA_IMPORT_MAX_ROWS = 5
    csv_data = ("email\n" + "".join(f"p{n}@example.com\n" for n in range(6))).encode()
    with pytest.raises(TableError) as caught:
        read_table(csv_data, filename="people.csv")
    assert "more than 5 rows" in caught.value.message and caught.value.line == 7

    def build(sheet):
        sheet.append(["email"])
        for n in range(6):
            sheet.append([f"p{n}@example.com"])

    with pytest.raises(TableError) as caught:
        read_table(_xlsx(build), filename="people.xlsx")
    assert "MENTORA_IMPORT_MAX_ROWS" in caught.value.message


def test_it_still_reads_a_workbook_within_the_limits(settings):
    def build(sheet):
        sheet.append(["email", "full_name"])
        sheet.append(["a@example.com", "A"])

    table = read_table(_xlsx(build), filename="ok.xlsx")
    assert table.headers == ["email", "full_name"]
    assert table.rows[0].cells == {"email": "a@example.com", "full_name": "A"}


def test_it_refuses_a_csv_wider_than_the_limit(settings):
    settings.MENTORA_IMPORT_MAX_COLUMNS = 3
    with pytest.raises(TableError) as caught:
        read_table(b"a,b,c,d\n1,2,3,4\n", filename="wide.csv")
    assert "more than 3 columns" in caught.value.message


def test_it_answers_the_web_and_the_command_line_import_with_the_limit(
    settings, personas, client_for, tmp_path
):
    """The web import and `mentora import people` share the reader, so both name the limit."""
    from io import StringIO

    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import CommandError, call_command
    from django.urls import reverse

    from mentora.accounts.models import User

    settings.MENTORA_IMPORT_MAX_ROWS = 3
    rows = "email,full_name\n" + "".join(f"p{n}@example.com,P {n}\n" for n in range(5))
    path = tmp_path / "people.csv"
    path.write_text(rows)
    with pytest.raises(CommandError) as caught:
        call_command("import_people", str(path), stdout=StringIO(), stderr=StringIO())
    assert "more than 3 rows" in str(caught.value)
    page = client_for(personas.admin).post(
        reverse("people:import"),
        {"action": "check", "file": SimpleUploadedFile("people.csv", rows.encode())},
    )
    assert page.status_code in (200, 422)
    assert "more than 3 rows" in page.content.decode()
    assert not User.objects.filter(email__startswith="p0@").exists()
