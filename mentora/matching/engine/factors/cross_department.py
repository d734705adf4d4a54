"""Different department: 1 when both departments are known and differ (a wider network).

Encoding: a column per side (known department) in the GEMM, minus the weight on same-department
blocks (a row table); the exact value compares the two ids.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from ..scoring import Problem

NAME = "cross_department"
LABEL = "Different department"
WEIGHT = 0.03
CODES = {"department.other": "for", "department.same": "info", "department.unknown": "info"}


def reasons(pb: Problem, i: np.ndarray, j: np.ndarray, raw: dict) -> list[tuple[str, dict]]:
    """Per pair, the reason code and its parameters."""
    de, dr = pb.e["department"][i], pb.r["department"][j]
    codes = ("department.unknown", "department.other", "department.same")
    pick = np.where((de < 0) | (dr < 0), 0, np.where(de != dr, 1, 2))
    return [(codes[x], {}) for x in pick.tolist()]
