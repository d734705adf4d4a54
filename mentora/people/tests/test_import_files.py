"""Reading import files: CSV in the encodings spreadsheets produce, and Excel workbooks."""

from __future__ import annotations

import codecs
import io
from pathlib import Path

import pytest
from django.conf import settings
from openpyxl import Workbook

from mentora.lib.tabular import TableError, read_table, split_list

FIXTURES = Path(settings.BASE_DIR) / "tests" / "fixtures" / "import"


def xlsx(rows: list[list[object]]) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def table_error(data: bytes, filename: str = "people.csv") -> str:
    with pytest.raises(TableError) as caught:
        read_table(data, filename=filename)
    return str(caught.value.problems[0])


def test_it_reads_utf8_with_and_without_a_byte_order_mark():
    text = "email,full_name\ndora@example.com,Dóra Kovács\n"

    plain = read_table(text.encode(), filename="people.csv")
    with_bom = read_table(codecs.BOM_UTF8 + text.encode(), filename="people.csv")

    assert plain.headers == with_bom.headers == ["email", "full_name"]
    assert with_bom.rows[0].cells == {"email": "dora@example.com", "full_name": "Dóra Kovács"}


def test_it_reads_excel_unicode_text_and_semicolon_separated_files():
    utf16 = "email\tfull_name\r\nkim@example.com\tKim\r\n".encode("utf-16")
    semicolons = b"email;full_name;languages\nkim@example.com;Kim;\"English; French\"\n"

    assert read_table(utf16, filename="people.txt").rows[0].cells["full_name"] == "Kim"
    row = read_table(semicolons, filename="people.csv").rows[0]
    assert split_list(row.cells["languages"]) == ["English", "French"]


def test_it_numbers_lines_as_the_file_shows_them():
    data = b'\nemail,full_name\n\nkim@example.com,"Kim\nLee"\nmax@example.com,Max\n'

    table = read_table(data, filename="people.csv")

    assert table.header_line == 2
    assert [row.line for row in table.rows] == [4, 6]


def test_it_reads_an_xlsx_workbook_with_row_numbers_and_plain_numbers():
    table = read_table((FIXTURES / "people.xlsx").read_bytes(), filename="people.xlsx")

    assert table.headers[:2] == ["email", "full_name"]
    assert [row.line for row in table.rows] == [2, 3, 4, 5]
    assert table.rows[1].cells["years_experience"] == "12"
    assert table.rows[3].cells["full_name"] == "Dóra Kovács"


def test_it_turns_spreadsheet_numbers_into_the_text_a_person_typed():
    data = xlsx([["email", "years_experience", None], ["kim@example.com", 7.0, None]])

    table = read_table(data, filename="people.xlsx")

    assert table.headers == ["email", "years_experience"]
    assert table.rows[0].cells == {"email": "kim@example.com", "years_experience": "7"}


def test_it_explains_a_file_that_is_not_utf8():
    data = "email,full_name\nkim@example.com,Kim\ndora@example.com,Dóra\n".encode("cp1252")

    assert table_error(data) == (
        "line 3: The file is not UTF-8 text. In Excel use “Save As → CSV UTF-8”, or export "
        "the file as .xlsx."
    )


def test_it_explains_an_old_excel_file_and_a_damaged_workbook():
    assert "old Excel (.xls) file" in table_error(b"\xd0\xcf\x11\xe0rest", "people.xls")
    assert "could not be opened as an Excel workbook" in table_error(
        b"PK\x03\x04broken", "people.xlsx"
    )


def test_it_rejects_rows_with_the_wrong_number_of_values():
    assert table_error(b"email,full_name\nkim@example.com,Kim,extra\n") == (
        "line 2: This row has 3 values but the header has 2 columns; check for a missing or "
        "extra separator or an unclosed quote."
    )
    assert table_error(xlsx([["email"], ["kim@example.com", "Kim"]]), "p.xlsx").startswith(
        "line 2: This row has values beyond the last named column"
    )


def test_it_rejects_an_empty_file():
    assert table_error(b"\n\n") == (
        "The file is empty; the first line must name the columns."
    )
