"""Read and check the BLS Employment Projections workbook (occupation.xlsx, sheet "Table 1.2")."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from mentora.careers.loading.errors import DataFileError
from mentora.careers.loading.sources import BlsWorkbook, Progress
from mentora.careers.models import Projection

SHEET = "Table 1.2"
HEADER_ROW = 2
MISSING = {"", "—", "–", "-", "n/a", "N/A"}
KINDS = {"Line item": Projection.Kind.LINE_ITEM, "Summary": Projection.Kind.SUMMARY}
# Columns found by pattern, so next year's headers ("Employment, 2035") still match.
COLUMNS: dict[str, tuple[str, str]] = {
    "title": ("National Employment Matrix title", r"national employment matrix title$"),
    "code": ("National Employment Matrix code", r"national employment matrix code$"),
    "kind": ("Occupation type", r"^occupation type$"),
    "change_number": ("Employment change, numeric", r"^employment change, numeric"),
    "change_percent": ("Employment change, percent", r"^employment change, percent"),
    "openings": ("Occupational openings, annual average", r"^occupational openings"),
    "wage": ("Median annual wage", r"^median annual wage"),
    "education": ("Typical education needed for entry", r"^typical education needed"),
    "experience": ("Work experience in a related occupation", r"^work experience"),
    "training": ("Typical on-the-job training needed", r"^typical on-the-job training"),
}
EMPLOYMENT_RE = re.compile(r"^employment, (\d{4})$")


@dataclass
class BlsData:
    """The projections of one BLS release, checked and ready to write."""

    base_year: int
    projected_year: int
    checksum: str = ""
    projections: list[Projection] = field(default_factory=list)

    @property
    def version(self) -> str:
        return f"{self.base_year}–{str(self.projected_year)[-2:]}"

    @property
    def title(self) -> str:
        return f"BLS Employment Projections {self.version}"

    def counts(self) -> dict[str, int]:
        return {"projections": len(self.projections)}


class _Sheet:
    """Cell access that names the workbook, sheet, row and column in every error."""

    def __init__(self, label: str, header: list[str]) -> None:
        self.file = f"{label}, sheet '{SHEET}'"
        self.header = header

    def error(self, problem: str, row: int, col: int) -> DataFileError:
        return DataFileError(
            problem,
            file=self.file,
            line=row,
            column=self.header[col],
            column_letter=get_column_letter(col + 1),
            line_label="row",
        )


def read_bls(workbook: BlsWorkbook, progress: Progress) -> BlsData:
    """Read the projections sheet; raise DataFileError naming the row and column at fault."""
    progress(f"Reading {workbook.label} (sheet '{SHEET}')")
    try:
        book = load_workbook(workbook.path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a damaged file
        raise DataFileError(
            f"cannot be opened as an Excel workbook ({exc})", file=workbook.label
        ) from exc
    try:
        if SHEET not in book.sheetnames:
            raise DataFileError(
                f"has no sheet '{SHEET}' (it has: {', '.join(book.sheetnames)}) — use the BLS "
                "Employment Projections occupation.xlsx",
                file=workbook.label,
            )
        rows = book[SHEET].iter_rows(values_only=True)
        title_row = next(rows, None) or ()
        header_row = next(rows, None) or ()
        header = [" ".join(str(v).split()) if v is not None else "" for v in header_row]
        sheet = _Sheet(workbook.label, header)
        columns, years = _columns(sheet, header)
        base, projected = _years(title_row, years)
        data = BlsData(base_year=base, projected_year=projected)
        seen: set[str] = set()
        for number, values in enumerate(rows, start=HEADER_ROW + 1):
            projection = _projection(sheet, number, values, columns)
            if projection is None:
                continue
            if projection.soc_code in seen:
                raise sheet.error(
                    f"SOC code {projection.soc_code} appears twice", number, columns["code"]
                )
            seen.add(projection.soc_code)
            data.projections.append(projection)
    finally:
        book.close()
    if not data.projections:
        raise DataFileError(f"sheet '{SHEET}' holds no occupations", file=workbook.label)
    data.checksum = workbook.checksum()
    return data


def _columns(sheet: _Sheet, header: list[str]) -> tuple[dict[str, int], list[tuple[int, int]]]:
    found: dict[str, int] = {}
    for key, (label, pattern) in COLUMNS.items():
        for i, name in enumerate(header):
            if re.search(pattern, name, re.IGNORECASE):
                found[key] = i
                break
        else:
            raise _missing_column(sheet, label)
    years = [
        (int(m.group(1)), i)
        for i, name in enumerate(header)
        if (m := EMPLOYMENT_RE.match(name.lower()))
    ]
    if len(years) < 2:
        raise _missing_column(sheet, "Employment, <year>")
    years.sort()
    found["employment_base"], found["employment_projected"] = years[0][1], years[-1][1]
    return found, [years[0], years[-1]]


def _missing_column(sheet: _Sheet, label: str) -> DataFileError:
    return DataFileError(
        f"missing column in the header row (row {HEADER_ROW} has: "
        f"{', '.join(h for h in sheet.header if h) or 'nothing'})",
        file=sheet.file,
        column=label,
    )


def _years(title_row: tuple[Any, ...], years: list[tuple[int, int]]) -> tuple[int, int]:
    title = " ".join(str(v) for v in title_row if v)
    match = re.search(r"(\d{4})\s*[–-]\s*(\d{2,4})", title)
    if match:
        base, end = int(match.group(1)), match.group(2)
        return base, int(end) if len(end) == 4 else base // 100 * 100 + int(end)
    return years[0][0], years[1][0]


def _projection(
    sheet: _Sheet, number: int, values: tuple[Any, ...], columns: dict[str, int]
) -> Projection | None:
    def cell(key: str) -> Any:
        i = columns[key]
        return values[i] if i < len(values) else None

    code = cell("code")
    if code is None or str(code).strip() == "":
        return None  # footnotes and blank lines below the table
    code = str(code).strip()
    if not re.fullmatch(r"\d{2}-\d{4}", code):
        raise sheet.error(f"'{code}' is not a SOC code (like 15-1252)", number, columns["code"])
    kind = str(cell("kind") or "").strip()
    if kind not in KINDS:
        raise sheet.error(
            f"'{kind}' is not an occupation type (expected Line item or Summary)",
            number,
            columns["kind"],
        )

    def optional_amount(key: str) -> float | None:
        try:
            return _number(cell(key))
        except ValueError:
            raise sheet.error(f"'{cell(key)}' is not a number", number, columns[key]) from None

    def amount(key: str) -> float:
        value = optional_amount(key)
        if value is None:
            raise sheet.error("has no value", number, columns[key])
        return value

    def people(key: str) -> int:
        return round(amount(key) * 1000)  # the sheet counts in thousands

    def text(key: str) -> str:
        value = str(cell(key) or "").strip()
        return "" if value in MISSING else value

    base, projected, openings = (
        people("employment_base"),
        people("employment_projected"),
        people("openings"),
    )
    for key, value in (
        ("employment_base", base),
        ("employment_projected", projected),
        ("openings", openings),
    ):
        if value < 0:
            raise sheet.error("cannot be negative", number, columns[key])
    wage = optional_amount("wage")
    return Projection(
        soc_code=code,
        title=" ".join(str(cell("title") or "").split()),
        kind=KINDS[kind],
        employment_base=base,
        employment_projected=projected,
        change_number=people("change_number"),
        change_percent=amount("change_percent"),
        annual_openings=openings,
        median_wage=round(wage) if wage is not None else None,
        entry_education=text("education"),
        work_experience=text("experience"),
        job_training=text("training"),
    )


def _number(value: Any) -> float | None:
    """A cell as a number: None for the workbook's "—" (no data); ValueError if not a number."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int | float):
        return float(value)
    raw = str(value).strip()
    if raw in MISSING:
        return None
    # Top-coded wages are written like ">=239,200" or "≥239,200".
    number = float(re.sub(r"^(>=|≥|>)\s*", "", raw).replace(",", "").replace("$", ""))
    if not math.isfinite(number):
        raise ValueError(raw)
    return number
