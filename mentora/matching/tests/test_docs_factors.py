"""docs/matching.md's factor table is the registry's: same factors, labels and weights."""

from __future__ import annotations

import re
from pathlib import Path

from mentora.matching.engine.factors import REGISTRY


def test_the_docs_factor_table_matches_the_registry():
    text = (Path(__file__).resolve().parents[3] / "docs" / "matching.md").read_text()
    table = text.split("<!-- factor table", 1)[1].split("<!-- end of factor table", 1)[0]
    rows = re.findall(r"^\| `(\w+)` \| ([^|]+) \| ([\d.]+) \|", table, re.M)
    assert [(n, label.strip(), float(w)) for n, label, w in rows] == [
        (f.NAME, f.LABEL, f.WEIGHT) for f in REGISTRY
    ]
