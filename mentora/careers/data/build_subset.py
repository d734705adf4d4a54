"""Build the career data Mentora ships: a faithful subset of the official O*NET and BLS files.

    python -m mentora.careers.data.build_subset db_29_3_text.zip occupation.xlsx

reads the official O*NET text release (zip) and the BLS Employment Projections workbook and
writes, next to this file:

- ``onet_subset.zip``: the release's folder with the files Mentora's loader reads, each with its
  header row and, unchanged, only the rows of the chosen occupations (Related Occupations: only
  links between two chosen occupations); reference files (content model, scales, level
  anchors, job zones, Read Me) whole.
- ``bls_subset.xlsx``: sheet "Table 1.2" with its title and header rows and, with their values
  unchanged, the rows of the SOC codes the chosen occupations map to (their detailed code and
  the broader groups BLS may list them under), plus the all-occupations total.

The chosen occupations are those in ``occupations.txt``, their three most related occupations,
and for one O*NET has not rated, its first related occupation that is rated. Nothing is
invented or edited: every row is copied byte for byte (O*NET) or value for value (BLS).
"""

from __future__ import annotations

import argparse
import sys
import zipfile
from collections import defaultdict
from pathlib import Path

from openpyxl import Workbook, load_workbook

HERE = Path(__file__).parent
SEEDS = HERE / "occupations.txt"
ONET_OUT = HERE / "onet_subset.zip"
BLS_OUT = HERE / "bls_subset.xlsx"
RELATED_PER_SEED = 3
MIN_RATED_SKILLS = 5  # as mentora.growth.selectors.MIN_BORROWED_SKILLS
SHEET = "Table 1.2"
RELATED = "Related Occupations.txt"
# Files whose first column is the O*NET-SOC code: only the chosen occupations' rows are kept.
BY_OCCUPATION = (
    "Occupation Data.txt",
    "Job Zones.txt",
    "Alternate Titles.txt",
    "Sample of Reported Titles.txt",
    "Skills.txt",
    "Knowledge.txt",
    "Related Occupations.txt",
    "Technology Skills.txt",
    "Task Statements.txt",
)
WHOLE = (
    "Read Me.txt",
    "Content Model Reference.txt",
    "Scales Reference.txt",
    "Level Scale Anchors.txt",
    "Job Zone Reference.txt",
)
# A fixed timestamp, so building twice from the same files gives the same zip.
ZIP_TIME = (2025, 5, 1, 0, 0, 0)


def seed_codes(path: Path = SEEDS) -> list[str]:
    codes = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            codes.append(line.split()[0])
    return codes


def _lines(archive: zipfile.ZipFile, prefix: str, name: str) -> list[bytes]:
    return archive.read(prefix + name).splitlines(keepends=True)


def _rows(archive: zipfile.ZipFile, prefix: str, name: str) -> list[dict[str, str]]:
    """The rows of one file as {column: value} (enough for choosing; copies use the bytes)."""
    lines = [line.decode("utf-8-sig").rstrip("\r\n") for line in _lines(archive, prefix, name)]
    header = lines[0].split("\t")
    return [dict(zip(header, line.split("\t"), strict=False)) for line in lines[1:]]


def _field(line: bytes, index: int) -> str:
    return line.split(b"\t")[index].decode("utf-8-sig").strip()


def choose(archive: zipfile.ZipFile, prefix: str, seeds: list[str]) -> set[str]:
    """The seeds, their closest related occupations, and a rated stand-in for unrated ones."""
    related: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for row in _rows(archive, prefix, "Related Occupations.txt"):
        related[row["O*NET-SOC Code"]].append((int(row["Index"]), row["Related O*NET-SOC Code"]))
    rated: dict[str, int] = defaultdict(int)
    for row in _rows(archive, prefix, "Skills.txt"):
        if row["Scale ID"] == "LV" and "Y" not in (row["Recommend Suppress"], row["Not Relevant"]):
            rated[row["O*NET-SOC Code"]] += 1
    chosen = set(seeds)
    for code in seeds:
        links = [other for _, other in sorted(related[code])]
        chosen.update(links[:RELATED_PER_SEED])
        if rated[code] < MIN_RATED_SKILLS:
            stand_in = next((o for o in links if rated[o] >= MIN_RATED_SKILLS), None)
            if stand_in:
                chosen.add(stand_in)
    return chosen


def build_onet(source: Path, seeds: list[str], out: Path = ONET_OUT) -> set[str]:
    with zipfile.ZipFile(source) as archive:
        marker = next(n for n in archive.namelist() if n.endswith("Occupation Data.txt"))
        prefix = marker[: -len("Occupation Data.txt")]
        known = {_field(line, 0) for line in _lines(archive, prefix, "Occupation Data.txt")[1:]}
        unknown = sorted(set(seeds) - known)
        if unknown:
            raise SystemExit(f"{SEEDS.name} names codes not in this release: {', '.join(unknown)}")
        chosen = choose(archive, prefix, seeds)
        with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as dest:
            for name in (*WHOLE, *BY_OCCUPATION):
                lines = _lines(archive, prefix, name)
                kept = [lines[0]]
                header = lines[0].decode("utf-8-sig").rstrip("\r\n").split("\t")
                other = header.index("Related O*NET-SOC Code") if name == RELATED else -1
                for line in lines[1:]:
                    if name in BY_OCCUPATION and _field(line, 0) not in chosen:
                        continue
                    if other >= 0 and _field(line, other) not in chosen:
                        continue
                    kept.append(line)
                info = zipfile.ZipInfo(prefix + name, date_time=ZIP_TIME)
                info.compress_type = zipfile.ZIP_DEFLATED
                dest.writestr(info, b"".join(kept))
    return chosen


def soc_codes(onet_codes: set[str]) -> set[str]:
    """Detailed SOC codes and the broader groups BLS may list an occupation under."""
    found = {"00-0000"}  # Total, all occupations
    for code in onet_codes:
        soc = code[:7]
        found.update({soc, soc[:6] + "0", soc[:5] + "00"})
    return found


def build_bls(source: Path, onet_codes: set[str], out: Path = BLS_OUT) -> int:
    wanted = soc_codes(onet_codes)
    book = load_workbook(source, read_only=True, data_only=True)
    rows = book[SHEET].iter_rows(values_only=True)
    title, header = next(rows), next(rows)
    code_column = next(
        i for i, name in enumerate(header)
        if name and " ".join(str(name).split()).lower().endswith("matrix code")
    )
    subset = Workbook(write_only=True)
    sheet = subset.create_sheet(SHEET)
    sheet.append(list(title))
    sheet.append(list(header))
    kept = 0
    for values in rows:
        code = values[code_column] if code_column < len(values) else None
        if code is not None and str(code).strip() in wanted:
            sheet.append(list(values))
            kept += 1
    book.close()
    subset.save(out)
    return kept


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("onet", type=Path, help="the official O*NET text release, db_NN_N_text.zip")
    parser.add_argument(
        "bls", type=Path, help="the official BLS Employment Projections occupation.xlsx"
    )
    args = parser.parse_args(argv)
    chosen = build_onet(args.onet, seed_codes())
    kept = build_bls(args.bls, chosen)
    print(f"Wrote {ONET_OUT.name} ({len(chosen)} occupations, {ONET_OUT.stat().st_size:,} bytes)")
    print(f"Wrote {BLS_OUT.name} ({kept} projections, {BLS_OUT.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
