"""Cells for every CSV and XLSX Mentora writes: text that a spreadsheet cannot run.

A spreadsheet program treats a cell starting with `=`, `+`, `-` or `@` (and, in some, a tab or
carriage return before those) as a formula: a department named `=HYPERLINK("https://evil",
"Click")` becomes a live link or worse in the manager's export (CSV injection). Every writer
passes its cells through here (OWASP's advice): such text gets a leading apostrophe, which the
spreadsheet shows as text; numbers stay numbers. XLSX cells holding text are also typed as
strings, so no cell is ever stored as a formula.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import IO, Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutral(value: Any) -> Any:
    """The value as it may be written: numbers and None unchanged, risky text prefixed."""
    if value is None or isinstance(value, bool):
        return "" if value is None else str(value)
    if isinstance(value, (int, float)):
        return value
    text = str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def neutral_row(values: Iterable[Any]) -> list[Any]:
    """Every cell of a row through `neutral`."""
    return [neutral(v) for v in values]


class SafeCsvWriter:
    """`csv.writer` whose rows are neutralised; the one CSV writer Mentora uses."""

    def __init__(self, out: IO[str], **kwargs: Any) -> None:
        self._writer = csv.writer(out, **kwargs)

    def writerow(self, values: Iterable[Any]) -> None:
        # A bare CR inside a cell is not quoted under a "\n" line ending and would split the
        # row: line breaks inside cells are written as "\n" (quoted).
        self._writer.writerow(
            [v.replace("\r\n", "\n").replace("\r", "\n") if isinstance(v, str) else v
             for v in neutral_row(values)]
        )

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def csv_writer(out: IO[str], **kwargs: Any) -> SafeCsvWriter:
    """A CSV writer that neutralises every cell (see the module docstring)."""
    return SafeCsvWriter(out, **kwargs)


def xlsx_append(sheet: Any, values: Iterable[Any]) -> None:
    """Append a row to an openpyxl sheet: neutralised, text typed as a string (never a formula)."""
    sheet.append(neutral_row(values))
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"
