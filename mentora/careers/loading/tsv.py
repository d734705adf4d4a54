"""Tab-separated O*NET files read row by row, every value checked with its file, line and column."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Sequence

from mentora.careers.loading.errors import DataFileError

CODE_RE = re.compile(r"^\d{2}-\d{4}\.\d{2}$")


class Table:
    """One O*NET file: a header row naming the columns, then one record per line."""

    def __init__(self, filename: str, text: str, required: Sequence[str]) -> None:
        self.filename = filename
        self._reader = csv.reader(io.StringIO(text, newline=""), delimiter="\t", quotechar='"')
        try:
            header = next(self._reader, None)
        except csv.Error as exc:
            raise DataFileError(
                f"cannot read the header row ({exc})", file=filename, line=1
            ) from exc
        if not header or not any(h.strip() for h in header):
            raise DataFileError("is empty: the first line must be the header row", file=filename)
        self.header = [h.strip() for h in header]
        self.index = {name: i for i, name in enumerate(self.header)}
        for column in required:
            if column not in self.index:
                raise DataFileError(
                    f"missing column (the header has: {', '.join(self.header)})",
                    file=filename,
                    column=column,
                )

    def __iter__(self) -> Iterator[Row]:
        width = len(self.header)
        while True:
            try:
                values = next(self._reader)
            except StopIteration:
                return
            except csv.Error as exc:
                raise DataFileError(
                    f"malformed line ({exc})", file=self.filename, line=self._reader.line_num
                ) from exc
            line = self._reader.line_num
            if not values or (len(values) == 1 and not values[0].strip()):
                continue
            if len(values) != width:
                raise DataFileError(
                    f"expected {width} tab-separated fields, found {len(values)}",
                    file=self.filename,
                    line=line,
                )
            yield Row(self, line, values)


class Row:
    """One record of a Table; accessors raise DataFileError naming file, line and column."""

    __slots__ = ("line", "table", "values")

    def __init__(self, table: Table, line: int, values: list[str]) -> None:
        self.table = table
        self.line = line
        self.values = values

    def error(self, problem: str, column: str | None = None) -> DataFileError:
        return DataFileError(problem, file=self.table.filename, line=self.line, column=column)

    def text(self, column: str, *, required: bool = True) -> str:
        value = self.values[self.table.index[column]].strip()
        if required and not value:
            raise self.error("is empty", column)
        return value

    def number(self, column: str, *, low: float | None = None, high: float | None = None) -> float:
        raw = self.text(column)
        try:
            value = float(raw)
        except ValueError:
            raise self.error(f"'{raw}' is not a number", column) from None
        if (
            value != value
            or (low is not None and value < low)
            or (high is not None and value > high)
        ):
            raise self.error(f"{raw} is outside the range {low}–{high}", column)
        return value

    def integer(self, column: str, *, low: int | None = None, high: int | None = None) -> int:
        raw = self.text(column)
        if not re.fullmatch(r"-?\d+", raw):
            raise self.error(f"'{raw}' is not a whole number", column)
        value = int(raw)
        if (low is not None and value < low) or (high is not None and value > high):
            raise self.error(f"{raw} is outside the range {low}–{high}", column)
        return value

    def flag(self, column: str) -> bool:
        """Y is true; N or an empty value (O*NET leaves some blank) is false."""
        raw = self.text(column, required=False).upper()
        if raw not in {"Y", "N", ""}:
            raise self.error(f"expected Y or N, found '{raw}'", column)
        return raw == "Y"

    def code(self, column: str) -> str:
        raw = self.text(column)
        if not CODE_RE.match(raw):
            raise self.error(f"'{raw}' is not an O*NET-SOC code (like 15-1252.00)", column)
        return raw
