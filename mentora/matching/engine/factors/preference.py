"""Preference: 1 when the mentee shortlisted the mentor, 0 when they asked to avoid them,
0.5 otherwise.

Encoding: a constant column plus sparse pair deltas; exact value from the sorted delta keys.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from ..scoring import Problem

NAME = "preference"
LABEL = "Preference"
WEIGHT = 0.05
CODES = {"preference.shortlisted": "for", "preference.avoided": "against",
         "preference.none": "info"}


def reasons(pb: Problem, i: np.ndarray, j: np.ndarray, raw: dict) -> list[tuple[str, dict]]:
    """Per pair, the reason code and its parameters."""
    codes = ("preference.shortlisted", "preference.avoided", "preference.none")
    pv = raw["preference"]
    return [(codes[x], {}) for x in np.where(pv > 0.5, 0, np.where(pv < 0.5, 1, 2)).tolist()]
