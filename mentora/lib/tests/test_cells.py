"""CSV/XLSX formula injection (issue 21, item 4).

On `main` the outcome exports wrote cells as they came: a department named `=HYPERLINK(…)`
became a real formula cell in the manager's XLSX and an unprefixed cell in the CSV; tab and CR
starts were not neutralised anywhere (the matching export's own helper missed them). These
tests fail there (`mentora.lib.cells` did not exist, so it is imported inside the tests that
use it; the export tests below call the real writers and fail on their assertions).
"""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from mentora.outcomes.tables import Column, Table, table_csv, tables_xlsx

PAYLOADS = [
    '=HYPERLINK("https://evil.example.com","Click")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1:A2)",
    "\t=1+1",
    "\r=1+1",
]


@pytest.mark.parametrize("text", PAYLOADS)
def test_it_prefixes_text_a_spreadsheet_would_run(text):
    from mentora.lib.cells import neutral

    assert neutral(text) == "'" + text


def test_it_keeps_numbers_and_plain_text():
    from mentora.lib.cells import neutral

    assert neutral(-3) == -3 and neutral(2.5) == 2.5
    assert neutral("Marketing") == "Marketing" and neutral(None) == ""
    assert neutral(True) == "True"


def test_it_neutralises_every_cell_the_csv_writer_writes():
    from mentora.lib.cells import csv_writer

    out = io.StringIO()
    csv_writer(out).writerow(PAYLOADS)
    (row,) = csv.reader(io.StringIO(out.getvalue(), newline=""))
    assert all(cell.startswith("'") for cell in row)


def _table() -> Table:
    return Table(
        key="by_department",
        title="By department",
        columns=[Column("department", "Department"), Column("people", "People")],
        rows=[[text, 5] for text in PAYLOADS] + [["Sales", -1]],
        note="=note",
    )


def test_it_neutralises_outcome_csv_exports():
    rows = list(csv.reader(io.StringIO(table_csv(_table()), newline="")))
    assert [r[0] for r in rows[1:-1]] == ["'" + t.replace("\r", "\n") for t in PAYLOADS]
    assert rows[-1] == ["Sales", "-1"]


def test_it_writes_outcome_xlsx_cells_as_strings_never_formulas():
    workbook = load_workbook(io.BytesIO(tables_xlsx([_table()], title="Grow")))
    sheet = workbook.worksheets[0]
    cells = [c for row in sheet.iter_rows() for c in row if c.value is not None]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    departments = [sheet.cell(row=i, column=1).value for i in range(2, 2 + len(PAYLOADS))]
    # A stored CR may read back as CR or LF (openpyxl escapes it as _x000D_ or not); either
    # way the cell is text starting with the apostrophe.
    read = [d.replace("\r", "\n") for d in departments]
    assert read == ["'" + t.replace("\r", "\n") for t in PAYLOADS]
    assert sheet.cell(row=2 + len(PAYLOADS), column=2).value == -1  # numbers stay numbers
