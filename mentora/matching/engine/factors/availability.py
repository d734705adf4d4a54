"""Availability: shared weekly hours, up to the target overlap.

Encoding (``tables``): a (distinct mentee week x distinct mentor week) hours table (with the
minimum-overlap rule as its allowed mask), added row-wise; the exact value is a lookup of the
same table (the default ``value`` of a factor with a table).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ..encoding import Table, unique_rows

if TYPE_CHECKING:
    from ..scoring import Problem

NAME = "availability"
ORDER = 70  # position in FACTORS
LABEL = "Availability"
WEIGHT = 0.08
CODES = {"availability.overlap": "for", "availability.little": "against",
         "availability.unknown": "info"}
ENOUGH_HOURS = 2.0


def tables(pb: Problem) -> list[Table]:
    """The shared-hours table (``pb.overlap_hours``), its value up to the target overlap."""
    e, r = pb.e, pb.r
    ae, ke = unique_rows(e["availability"])
    ar, kr = unique_rows(r["availability"])
    hours = (ae.astype(np.float32) @ ar.astype(np.float32).T).astype(np.float64)
    hours *= pb.slot_hours
    target = max(pb.weights.target_overlap_hours, 1e-9)
    raw = np.minimum(hours / target, 1.0)
    known = np.asarray(ae.any(axis=1))[:, None] & np.asarray(ar.any(axis=1))[None, :]
    allowed = None
    c = pb.constraints
    if c.min_overlap_hours > 0:
        allowed = (hours >= c.min_overlap_hours - 1e-9) | ~known
    pb.overlap_hours = hours
    return [Table(NAME, "min_overlap", ke, kr, raw, allowed)]


def reasons(pb: Problem, i: np.ndarray, j: np.ndarray, raw: dict) -> list[tuple[str, dict]]:
    """Per pair, the reason code and its parameters."""
    tb = pb.table(NAME)
    hours = pb.overlap_hours[tb.ku[i], tb.kv[j]]
    stated = pb.e["availability"][i].any(axis=1) & pb.r["availability"][j].any(axis=1)
    out: list[tuple[str, dict]] = []
    for h, ok in zip(hours.tolist(), stated.tolist(), strict=True):
        if not ok:
            out.append(("availability.unknown", {}))
        else:
            code = "availability.overlap" if h >= ENOUGH_HOURS else "availability.little"
            out.append((code, {"hours": round(float(h), 1)}))
    return out
