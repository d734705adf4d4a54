"""Availability: shared weekly hours, up to the target overlap.

Encoding: a (distinct mentee week x distinct mentor week) hours table (with the minimum-overlap
rule as its allowed mask), added row-wise; the exact value is a lookup of the same table.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from ..scoring import Problem

NAME = "availability"
LABEL = "Availability"
WEIGHT = 0.08
CODES = {"availability.overlap": "for", "availability.little": "against",
         "availability.unknown": "info"}
ENOUGH_HOURS = 2.0


def reasons(pb: Problem, i: np.ndarray, j: np.ndarray, raw: dict) -> list[tuple[str, dict]]:
    """Per pair, the reason code and its parameters."""
    tb = next(t for t in pb.tables if t.factor == "availability")
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
