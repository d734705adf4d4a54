"""Report tables: the one shape the pages, the JSON API and the CSV/XLSX exports all render."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from mentora.lib.cells import csv_writer, xlsx_append
from mentora.outcomes.stats import Suppressed


@dataclass(frozen=True)
class Column:
    """A table column: a key for JSON and a label for people."""

    key: str
    label: str


@dataclass
class Table:
    """An aggregate table; a chart (SVG markup) may draw it. Cells: numbers, text, Suppressed."""

    key: str
    title: str
    columns: list[Column]
    rows: list[list[Any]]
    description: str = ""
    note: str = ""
    chart: str = ""
    html: str = ""  # the table as the pages show it, rendered once with its snapshot
    # Plain sentences a director reads first; the table itself then sits behind "Statistics".
    headlines: list[str] = field(default_factory=list)
    statistics_folded: bool = False

    def row_suppressed(self, row: list[Any]) -> bool:
        return any(isinstance(cell, Suppressed) for cell in row)

    @property
    def withheld(self) -> Suppressed | None:
        """The group-size rule when every figure of every row is withheld (one message)."""
        figures = [cell for row in self.rows for cell in row[1:] if not isinstance(cell, str)]
        if figures and all(isinstance(cell, Suppressed) for cell in figures):
            return next(cell for cell in figures if isinstance(cell, Suppressed))
        return None

    def as_json(self) -> dict[str, Any]:
        """Rows as objects; a withheld figure is null and its row says `suppressed: true`."""
        rows = []
        for row in self.rows:
            item: dict[str, Any] = {
                col.key: None if isinstance(cell, Suppressed) else cell
                for col, cell in zip(self.columns, row, strict=True)
            }
            item["suppressed"] = self.row_suppressed(row)
            rows.append(item)
        return {
            "key": self.key,
            "title": self.title,
            "description": self.description,
            "headlines": self.headlines,
            "note": self.note,
            "columns": [{"key": c.key, "label": c.label} for c in self.columns],
            "rows": rows,
        }


@dataclass
class Report:
    """A program's tables, in the order the page shows them."""

    program: Any
    tables: list[Table] = field(default_factory=list)
    extras: dict[str, Any] = field(default_factory=dict)
    computed_at: datetime | None = None  # when the figures were computed (snapshots.py)

    def table(self, key: str) -> Table:
        for table in self.tables:
            if table.key == key:
                return table
        raise KeyError(key)


def export_cell(cell: Any) -> Any:
    """A cell as exported: withheld figures as words, never a number."""
    if isinstance(cell, Suppressed):
        return f"suppressed ({cell})"
    if cell is None:
        return ""
    return cell


def table_csv(table: Table) -> str:
    """One table as CSV text (header row of labels)."""
    out = io.StringIO()
    writer = csv_writer(out, lineterminator="\n")
    writer.writerow([c.label for c in table.columns])
    for row in table.rows:
        writer.writerow([export_cell(cell) for cell in row])
    return out.getvalue()


def tables_xlsx(tables: list[Table], *, title: str) -> bytes:
    """Every table as one sheet of an .xlsx workbook (openpyxl)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    workbook.remove(workbook.active)  # type: ignore[arg-type]
    used: set[str] = set()
    for table in tables:
        name = table.title[:31].replace("/", "-").replace(":", " ")
        for ch in "[]*?\\":
            name = name.replace(ch, " ")
        base, n = name, 2
        while name.lower() in used:
            name = f"{base[:28]} {n}"
            n += 1
        used.add(name.lower())
        sheet = workbook.create_sheet(name)
        xlsx_append(sheet, [c.label for c in table.columns])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in table.rows:
            xlsx_append(sheet, [export_cell(cell) for cell in row])
        if table.note:
            sheet.append([])
            xlsx_append(sheet, [table.note])
        for index, column in enumerate(table.columns, start=1):
            width = (
                max(len(column.label), *(len(str(export_cell(r[index - 1]))) for r in table.rows))
                if table.rows
                else len(column.label)
            )
            sheet.column_dimensions[sheet.cell(row=1, column=index).column_letter].width = min(
                max(width + 2, 10), 60
            )
    workbook.properties.title = title
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
