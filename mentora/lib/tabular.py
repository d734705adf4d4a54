"""Reading CSV and XLSX uploads into rows that keep their line numbers, and import reports.

Knows nothing of Django: importers read a `Table`, collect `Problem`s, and hand back an
`ImportReport`. Line numbers are what a person sees: the physical line in a CSV file (the
header is line 1) or the row number in a spreadsheet.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time
from difflib import get_close_matches
from typing import Any

from mentora.lib.errors import DomainError

XLSX_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # legacy .xls (and other Office 97 files)
DELIMITERS = (",", ";", "\t")
LIST_SEPARATORS = re.compile(r"[;,]")

# A callback importers call as they go: (stage, done, total), e.g. ("checked", 5000, 100000).
Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class Problem:
    """Something wrong (or worth a warning) at a line and column of an imported file."""

    line: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = []
        if self.line is not None:
            where.append(f"line {self.line}")
        if self.column:
            where.append(f"column {self.column}")
        return f"{', '.join(where)}: {self.message}" if where else self.message


class TableError(DomainError):
    """The file itself cannot be read (wrong format, wrong encoding, broken rows)."""

    def __init__(self, message: str, *, line: int | None = None) -> None:
        super().__init__(message, field="file")
        self.line = line

    @property
    def problems(self) -> list[Problem]:
        return [Problem(self.line, None, self.message)]


class ImportRejected(DomainError):
    """An import found problems; nothing was written. `problems` lists every one."""

    def __init__(self, problems: list[Problem]) -> None:
        count = len(problems)
        noun = "problem" if count == 1 else "problems"
        super().__init__(
            f"The file has {count:,} {noun}; nothing was imported. Fix them and try again.",
            field="file",
        )
        self.problems = problems


@dataclass
class ImportReport:
    """What an import did (or, on a dry run, would do)."""

    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    warnings: list[Problem] = field(default_factory=list)
    dry_run: bool = False

    def summary(self) -> str:
        verb = "would be" if self.dry_run else "were"
        return (
            f"{self.rows:,} rows: {self.created:,} {verb} created, {self.updated:,} {verb} "
            f"updated, {self.unchanged:,} unchanged."
        )


@dataclass(frozen=True)
class Row:
    """One data row: its line number and its cells keyed by column header."""

    line: int
    cells: dict[str, str]


@dataclass
class Table:
    """The header (as written in the file) and the non-blank data rows."""

    headers: list[str]
    rows: list[Row]
    header_line: int = 1


def normalize_header(header: str) -> str:
    """`Full Name`, `full-name` and ` full_name ` all become `full_name`."""
    return re.sub(r"[\s\-]+", "_", header.strip().lower())


def match_columns(
    headers: list[str], *, known: tuple[str, ...], required: tuple[str, ...], line: int = 1
) -> tuple[dict[str, str], list[str], list[Problem]]:
    """Match a file's headers to known column names, in any order and any case.

    Returns ({known name: header as written}, headers that matched nothing, errors for
    missing required columns and for columns named twice).
    """
    found: dict[str, str] = {}
    seen: dict[str, str] = {}
    other: list[str] = []
    errors: list[Problem] = []
    for header in headers:
        key = normalize_header(header)
        if not key:
            continue
        if key in seen:
            errors.append(Problem(line, header, f"the column “{seen[key]}” appears twice."))
            continue
        seen[key] = header
        if key in known:
            found[key] = header
        else:
            other.append(header)
    for name in required:
        if name not in found:
            hint = suggest(name, [normalize_header(h) for h in other])
            errors.append(
                Problem(line, name, f"the required column “{name}” is missing{hint}.")
            )
    return found, other, errors


def sort_problems(problems: list[Problem], table: Table) -> list[Problem]:
    """Problems in reading order: by line, then by the column's place in the file."""
    order = {header: index for index, header in enumerate(table.headers)}
    return sorted(problems, key=lambda p: (p.line or 0, order.get(p.column or "", -1)))


def split_list(value: str) -> list[str]:
    """A cell holding a list: entries separated by semicolons or commas, blanks dropped."""
    return [" ".join(part.split()) for part in LIST_SEPARATORS.split(value) if part.strip()]


def suggest(name: str, choices: list[str]) -> str:
    """' (did you mean “x”?)' when a close match exists, else ''."""
    match = get_close_matches(name, choices, n=1, cutoff=0.75)
    return f" (did you mean “{match[0]}”?)" if match else ""


def read_table(data: bytes, *, filename: str = "") -> Table:
    """Read CSV (UTF-8 with or without BOM, or UTF-16 with BOM) or XLSX bytes into a Table."""
    name = filename.lower()
    if data.startswith(XLSX_MAGIC) or name.endswith((".xlsx", ".xlsm")):
        return _read_xlsx(data)
    if data.startswith(OLE_MAGIC) or name.endswith(".xls"):
        raise TableError(
            "This is an old Excel (.xls) file. Save it as Excel Workbook (.xlsx) or as CSV UTF-8."
        )
    return _read_csv(data)


def _decode(data: bytes) -> str:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise TableError(
                "The file says it is UTF-16 but is not; save it as CSV UTF-8."
            ) from exc
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise TableError(
            "The file is not UTF-8 text. In Excel use “Save As → CSV UTF-8”, or export the "
            "file as .xlsx.",
            line=line,
        ) from exc


def _delimiter(header_line: str) -> str:
    counts = {d: header_line.count(d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def _read_csv(data: bytes) -> Table:
    text = _decode(data)
    if "\x00" in text:
        raise TableError("The file contains binary data; upload a CSV or .xlsx file.")
    first = next((line for line in text.splitlines() if line.strip()), "")
    if not first:
        raise TableError("The file is empty; the first line must name the columns.")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(first), strict=True)
    headers: list[str] | None = None
    header_line = 1
    rows: list[Row] = []
    line = 1
    try:
        for values in reader:
            start, line = line, reader.line_num + 1
            if not any(v.strip() for v in values):
                continue
            if headers is None:
                headers, header_line = [v.strip() for v in values], start
                continue
            if len(values) != len(headers):
                raise TableError(
                    f"This row has {len(values)} values but the header has {len(headers)} "
                    "columns; check for a missing or extra separator or an unclosed quote.",
                    line=start,
                )
            rows.append(Row(start, {h: v.strip() for h, v in zip(headers, values, strict=True)}))
    except csv.Error as exc:
        raise TableError(f"The file is not valid CSV ({exc}).", line=line) from exc
    assert headers is not None
    return Table(headers=headers, rows=rows, header_line=header_line)


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.isoformat(sep=" ") if value.time() != time(0) else value.date().isoformat()
    if isinstance(value, date | time):
        return value.isoformat()
    return str(value).strip()


def _xlsx_rows(data: bytes) -> Iterator[tuple[int, list[str]]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged or foreign file
        raise TableError(
            "The file could not be opened as an Excel workbook (.xlsx); "
            "save it again from Excel or export it as CSV UTF-8."
        ) from exc
    try:
        sheet = workbook.worksheets[0]
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            yield number, [_cell_text(v) for v in values]
    finally:
        workbook.close()


def _read_xlsx(data: bytes) -> Table:
    headers: list[str] | None = None
    header_line = 1
    rows: list[Row] = []
    for number, values in _xlsx_rows(data):
        if not any(values):
            continue
        if headers is None:
            while values and not values[-1]:
                values.pop()
            headers, header_line = values, number
            continue
        extra = [v for v in values[len(headers) :] if v]
        if extra:
            raise TableError(
                f"This row has values beyond the last named column ({extra[0]!r}); "
                "give that column a header or clear it.",
                line=number,
            )
        values += [""] * (len(headers) - len(values))
        rows.append(Row(number, dict(zip(headers, values, strict=False))))
    if headers is None:
        raise TableError(
            "The workbook's first sheet is empty; the first row must name the columns."
        )
    return Table(headers=headers, rows=rows, header_line=header_line)
