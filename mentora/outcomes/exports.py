"""Outcome exports as files, the same for the web page and the JSON API: aggregates only."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.http import HttpResponse

from mentora.lib.errors import DomainError
from mentora.outcomes.snapshots import snapshot_tables
from mentora.outcomes.tables import table_csv, tables_xlsx
from mentora.programs.models import Program

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS = ("csv", "xlsx")


@dataclass(frozen=True)
class ExportFile:
    """A file to send: its content, its content type and the name to save it under."""

    content: bytes | str
    content_type: str
    filename: str

    def response(self) -> HttpResponse:
        """The file as a download."""
        response = HttpResponse(self.content, content_type=self.content_type)
        response["Content-Disposition"] = f'attachment; filename="{self.filename}"'
        return response


def outcomes_export(*, program: Program, fmt: str, table: str, now: datetime) -> ExportFile:
    """Every table as one .xlsx workbook, or one table (by its key) as .csv."""
    if fmt not in FORMATS:
        raise DomainError("Exports are .csv or .xlsx.", field="format", code="not_found")
    tables = snapshot_tables(program, now=now)
    if fmt == "xlsx":
        return ExportFile(
            tables_xlsx(tables, title=f"{program.name} outcomes"),
            XLSX,
            f"{program.slug}-outcomes.xlsx",
        )
    chosen = next((t for t in tables if t.key == table), None)
    if chosen is None:
        names = ", ".join(t.key for t in tables)
        raise DomainError(f"Choose a table with ?table=…: {names}.", field="table")
    return ExportFile(
        table_csv(chosen), "text/csv; charset=utf-8", f"{program.slug}-{chosen.key}.csv"
    )
