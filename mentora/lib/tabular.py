"""Reading CSV and XLSX uploads into rows that keep their line numbers; cells; reports.

Importers read a `Table`, parse cells (a `CellError` says what is wrong with one), collect
`Problem`s, and hand back an `ImportReport`. Only Django's email validator is used here.
Line numbers are what a person sees: the physical line in a CSV file (the header is line 1)
or the row number in a spreadsheet.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time
from difflib import get_close_matches
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from mentora.lib.errors import DomainError
from mentora.lib.text import SINGLE_LINE_FORBIDDEN, text_problem
from mentora.lib.timezones import available_timezones

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
    max_rows, max_columns, _ = limits()
    try:
        for values in reader:
            start, line = line, reader.line_num + 1
            if not any(v.strip() for v in values):
                continue
            if len(values) > max_columns:
                raise _too_many_columns(max_columns, start)
            if len(rows) >= max_rows:
                raise _too_many_rows(max_rows, start)
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


def limits() -> tuple[int, int, int]:
    """(rows, columns, uncompressed XLSX megabytes) an import may have (docs/security.md)."""
    return (
        int(getattr(settings, "MENTORA_IMPORT_MAX_ROWS", 200_000)),
        int(getattr(settings, "MENTORA_IMPORT_MAX_COLUMNS", 200)),
        int(getattr(settings, "MENTORA_IMPORT_XLSX_MAX_MB", 150)),
    )


def _too_many_rows(max_rows: int, line: int) -> TableError:
    return TableError(
        f"The file has more than {max_rows:,} rows, the most one import takes "
        "(MENTORA_IMPORT_MAX_ROWS); split it into smaller files.",
        line=line,
    )


def _too_many_columns(max_columns: int, line: int | None) -> TableError:
    return TableError(
        f"The file has more than {max_columns:,} columns, the most one import takes "
        "(MENTORA_IMPORT_MAX_COLUMNS); remove the columns you do not need, or clear cells far "
        "to the right of your data.",
        line=line,
    )


def _check_xlsx(data: bytes) -> None:
    """Refuse a zip bomb or an absurdly wide sheet before openpyxl parses anything.

    A few hundred kilobytes of .xlsx can unpack to gigabytes of XML (the shared strings are
    held in memory even in read-only mode), and one cell at column XFD makes every row 16,384
    cells wide. The zip directory gives each entry's uncompressed size, and the sheet's
    `<dimension ref="A1:XFD9">` its extent, without decompressing the sheet.
    """
    max_rows, max_columns, max_mb = limits()
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError) as exc:
        raise TableError(
            "The file could not be opened as an Excel workbook (.xlsx); "
            "save it again from Excel or export it as CSV UTF-8."
        ) from exc
    with archive:
        total = sum(info.file_size for info in archive.infolist())
        if total > max_mb * 1_000_000:
            raise TableError(
                f"The workbook unpacks to more than {max_mb:,} MB, the most one import takes "
                "(MENTORA_IMPORT_XLSX_MAX_MB); save only the sheet you import, or export it "
                "as CSV UTF-8."
            )
        sheets = sorted(
            n for n in archive.namelist()
            if n.startswith("xl/worksheets/sheet") and n.endswith(".xml")
        )
        for name in sheets[:1]:
            with archive.open(name) as sheet:
                head = sheet.read(4096).decode("utf-8", "replace")
            match = re.search(r'<(?:\w+:)?dimension\s+ref="([A-Z]+)?(\d+)?:?([A-Z]+)?(\d+)?"', head)
            if match:
                last_col = match.group(3) or match.group(1) or "A"
                last_row = match.group(4) or match.group(2) or "1"
                if _column_number(last_col) > max_columns:
                    raise _too_many_columns(max_columns, None)
                if int(last_row) > max_rows + 1:
                    raise _too_many_rows(max_rows, max_rows + 1)


def _column_number(letters: str) -> int:
    number = 0
    for ch in letters:
        number = number * 26 + (ord(ch) - 64)
    return number


def _xlsx_rows(data: bytes) -> Iterator[tuple[int, list[str]]]:
    from openpyxl import load_workbook

    _check_xlsx(data)
    max_rows, max_columns, _ = limits()
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged or foreign file
        raise TableError(
            "The file could not be opened as an Excel workbook (.xlsx); "
            "save it again from Excel or export it as CSV UTF-8."
        ) from exc
    try:
        sheet = workbook.worksheets[0]
        # Bounded even when the sheet's dimension is missing or lies: one column past the
        # limit is read, so a value there is reported instead of silently dropped.
        rows = sheet.iter_rows(values_only=True, max_col=max_columns + 1)
        for number, values in enumerate(rows, start=1):
            if number > max_rows + 1:
                raise _too_many_rows(max_rows, number)
            if len(values) > max_columns and values[max_columns] not in (None, ""):
                raise _too_many_columns(max_columns, number)
            yield number, [_cell_text(v) for v in values[:max_columns]]
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


# ---------------------------------------------------------------- cell parsers


class CellError(ValueError):
    """A cell's value is wrong; the message says how."""


def parse_email(value: str) -> str:
    """A lower-cased, valid email address."""
    email = value.strip().lower()
    if not email:
        raise CellError("the email address is empty.")
    try:
        validate_email(email)
    except ValidationError as exc:
        raise CellError(f"“{value}” is not a valid email address.") from exc
    return email


def parse_text(value: str, *, limit: int) -> str:
    """Single-line text with runs of spaces collapsed, at most `limit` characters."""
    text = " ".join(value.split())
    _refuse_controls(text)
    if len(text) > limit:
        raise CellError(f"“{text[:30]}…” is longer than {limit} characters.")
    return text


def _refuse_controls(text: str) -> None:
    """Line breaks and tabs are folded into spaces above; any other control is refused."""
    problem = text_problem(text, single_line=True)
    if problem:
        shown = SINGLE_LINE_FORBIDDEN.sub("?", text)
        raise CellError(f"“{shown[:30]}” {problem}")


def parse_int(value: str, *, low: int, high: int) -> int:
    """A whole number from low to high (a spreadsheet's 5.0 counts as 5)."""
    text = value.strip()
    try:
        number = float(text) if "." in text else int(text)
    except ValueError:
        raise CellError(f"“{value}” is not a whole number from {low} to {high}.") from None
    if number != int(number) or not low <= number <= high:
        raise CellError(f"“{value}” is not a whole number from {low} to {high}.")
    return int(number)


def parse_choice(value: str, choices: Any, *, what: str) -> str:
    """A choice's value, given as its value or its label, in any case (Django TextChoices)."""
    lookup, values = _choice_lookup(choices)
    wanted = " ".join(value.split()).lower()
    if wanted in lookup:
        return lookup[wanted]
    hint = suggest(wanted, values)
    raise CellError(f"“{value}” is not {what}{hint}; use one of {', '.join(values)}.")


@lru_cache(maxsize=32)
def _choice_lookup(choices: Any) -> tuple[dict[str, str], list[str]]:
    values = [str(choice.value) for choice in choices]
    lookup = {str(choice.label).lower(): str(choice.value) for choice in choices}
    lookup.update({v.lower(): v for v in values})
    return lookup, values


@lru_cache(maxsize=1)
def _timezones_by_lower() -> dict[str, str]:
    return {name.lower(): name for name in available_timezones()}


def parse_timezone(value: str) -> str:
    """An IANA time zone name, matched case-insensitively and returned in canonical case."""
    name = _timezones_by_lower().get(value.strip().lower())
    if name is None:
        raise CellError(
            f"“{value}” is not an IANA time zone (for example Europe/Paris or America/New_York)."
        )
    return name


def parse_names(value: str, *, what: str, limit: int, max_length: int) -> list[str]:
    """A semicolon- or comma-separated list, de-duplicated case-insensitively."""
    names: dict[str, str] = {}
    for name in split_list(value):
        _refuse_controls(" ".join(name.split()))
        if len(name) > max_length:
            raise CellError(f"the {what} “{name[:30]}…” is longer than {max_length} characters.")
        names.setdefault(name.lower(), name)
    if len(names) > limit:
        raise CellError(f"list at most {limit} {what}s (found {len(names)}).")
    return list(names.values())
