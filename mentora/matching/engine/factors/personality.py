"""Personality: how alike the two Big Five profiles are (mean closeness of five levels).

Encoding: one-hot trait levels (linear, in the GEMM); exact value in ``_style_pair``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from ..scoring import Problem

NAME = "personality"
LABEL = "Personality"
WEIGHT = 0.03
CODES = {"personality.similar": "for", "personality.different": "against",
         "personality.unknown": "info"}
ALIKE = 0.7


def reasons(pb: Problem, i: np.ndarray, j: np.ndarray, raw: dict) -> list[tuple[str, dict]]:
    """Per pair, the reason code and its parameters."""
    out: list[tuple[str, dict]] = []
    for v in raw["personality"].tolist():
        if v == 0:
            out.append(("personality.unknown", {}))
        else:
            code = "personality.similar" if v >= ALIKE else "personality.different"
            out.append((code, {"percent": round(100 * v)}))
    return out
