"""Different department: 1 when both departments are known and differ (a wider network).

Encoding: a column per side (known department) in the GEMM (``linear``), minus the weight on
same-department blocks (``prepare`` lists each department's mentors; the scorer's department
slot subtracts them); the exact value (``value``) compares the two ids.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from ..scoring import Problem

NAME = "cross_department"
ORDER = 100  # position in FACTORS
LABEL = "Different department"
WEIGHT = 0.03
CODES = {"department.other": "for", "department.same": "info", "department.unknown": "info"}


def prepare(pb: Problem) -> None:
    """Per department id, the sorted mentor indices in it (empty when the weight is 0)."""
    pb.dept_cols = {}
    if pb.w[NAME] > 0:
        dept_r = pb.r["department"]
        order = np.argsort(dept_r, kind="stable")
        ds = dept_r[order]
        uniq, starts = np.unique(ds, return_index=True)
        ends = np.append(starts[1:], ds.size)
        for d, s0, s1 in zip(uniq, starts, ends, strict=True):
            if d >= 0:
                pb.dept_cols[int(d)] = np.sort(order[s0:s1])


def linear(pb: Problem, w: float) -> list[tuple[np.ndarray, np.ndarray]]:
    """The bonus when both departments are known (same-department blocks are removed)."""
    return [((w * (pb.e["department"] >= 0))[:, None],
             (pb.r["department"] >= 0).astype(np.float64)[:, None])]


def value(pb: Problem, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """Exact value per pair."""
    de, dr = pb.e["department"][i], pb.r["department"][j]
    return ((de >= 0) & (dr >= 0) & (de != dr)).astype(np.float64)


def reasons(pb: Problem, i: np.ndarray, j: np.ndarray, raw: dict) -> list[tuple[str, dict]]:
    """Per pair, the reason code and its parameters."""
    de, dr = pb.e["department"][i], pb.r["department"][j]
    codes = ("department.unknown", "department.other", "department.same")
    pick = np.where((de < 0) | (dr < 0), 0, np.where(de != dr, 1, 2))
    return [(codes[x], {}) for x in pick.tolist()]
