"""The error a career-data file raises, naming the file, line and column at fault."""

from __future__ import annotations

from mentora.lib.errors import DomainError


class DataFileError(DomainError):
    """A career-data file is missing, malformed, or holds a value that cannot be used."""

    def __init__(
        self,
        problem: str,
        *,
        file: str,
        line: int | None = None,
        column: str | None = None,
        line_label: str = "line",
        column_letter: str | None = None,
    ) -> None:
        where = file
        if line is not None:
            where += f", {line_label} {line}"
        if column is not None:
            where += f", column '{column}'"
            if column_letter:
                where += f" ({column_letter})"
        super().__init__(f"{where}: {problem}", field=column or file)
        self.file = file
        self.line = line
        self.column = column
        self.problem = problem
