"""`mentora outcomes export --program SLUG --format csv|xlsx`: a program's aggregate tables."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from mentora.lib import clock
from mentora.outcomes.snapshots import snapshot_tables
from mentora.outcomes.tables import table_csv, tables_xlsx
from mentora.programs.models import Program


class Command(BaseCommand):
    help = (
        "Export a program's dashboard and outcome tables (aggregates only; figures for groups "
        "under the minimum size are withheld). xlsx: one workbook, a sheet per table. "
        "csv: one file per table in a folder, or one table with --table."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--program", required=True, metavar="SLUG", help="the program's slug")
        parser.add_argument("--format", required=True, choices=["csv", "xlsx"], dest="fmt")
        parser.add_argument("--table", metavar="KEY", help="csv only: export this one table")
        parser.add_argument(
            "--output",
            metavar="PATH",
            help="xlsx: the file (default SLUG-outcomes.xlsx); csv: a folder (default "
            "SLUG-outcomes/), or with --table a file, '-' for standard output",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        slug = options["program"]
        program = Program.objects.filter(slug=slug).first()
        if program is None:
            slugs = ", ".join(Program.objects.order_by("slug").values_list("slug", flat=True))
            raise CommandError(
                f"No program has the slug “{slug}”" + (f"; programs: {slugs}." if slugs else ".")
            )
        tables = snapshot_tables(program, now=clock.now())
        output = options["output"]
        if options["fmt"] == "xlsx":
            if options["table"]:
                raise CommandError("--table works with --format csv; xlsx holds every table.")
            path = Path(output or f"{program.slug}-outcomes.xlsx")
            self._write(path, tables_xlsx(tables, title=f"{program.name} outcomes"))
            self.stdout.write(f"Wrote {len(tables)} tables to {path}.")
            return
        if options["table"]:
            chosen = next((t for t in tables if t.key == options["table"]), None)
            if chosen is None:
                names = ", ".join(t.key for t in tables)
                raise CommandError(f"--table: no table “{options['table']}”; tables: {names}.")
            if output in (None, "-"):
                self.stdout.write(table_csv(chosen), ending="")
                return
            self._write(Path(output), table_csv(chosen).encode())
            self.stdout.write(f"Wrote {chosen.key} to {output}.")
            return
        folder = Path(output or f"{program.slug}-outcomes")
        if folder.exists() and not folder.is_dir():
            raise CommandError(f"--output: {folder} is a file; give a folder for every table.")
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise CommandError(f"--output: cannot create {folder}: {exc.strerror}.") from exc
        for table in tables:
            self._write(folder / f"{table.key}.csv", table_csv(table).encode())
        self.stdout.write(f"Wrote {len(tables)} tables to {folder}/.")

    def _write(self, path: Path, data: bytes) -> None:
        try:
            path.write_bytes(data)
        except OSError as exc:
            raise CommandError(f"--output: cannot write {path}: {exc.strerror}.") from exc
