"""Personality: how alike the two Big Five profiles are (mean closeness of five levels).

Encoding (``linear``): one-hot trait levels in the GEMM; the exact value (``value``) is the mean
closeness of the levels (``prepare`` rounds the traits to levels).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ..constants import TRAITS

if TYPE_CHECKING:
    from ..scoring import Problem

NAME = "personality"
ORDER = 50  # position in FACTORS
LABEL = "Personality"
WEIGHT = 0.03
CODES = {"personality.similar": "for", "personality.different": "against",
         "personality.unknown": "info"}
ALIKE = 0.7


def _levels(side: dict) -> np.ndarray:
    t = side["traits"]
    lv = np.where(np.isnan(t), -1, np.rint(np.nan_to_num(t) * 4)).astype(np.int64)
    lv[(lv < 0).any(axis=1)] = -1
    return lv


def prepare(pb: Problem) -> None:
    """Trait levels 0..4 per person (-1 for the whole row when one trait is unknown)."""
    pb._tl_e, pb._tl_r = _levels(pb.e), _levels(pb.r)


def linear(pb: Problem, w: float) -> list[tuple[np.ndarray, np.ndarray]]:
    """GEMM blocks: closeness to each level (mentee side), one-hot level (mentor side)."""
    le, lr = pb._tl_e, pb._tl_r
    levels = np.arange(5)
    has = np.asarray((le >= 0).all(axis=1))
    close = 1.0 - np.abs(le[:, :, None] - levels[None, None, :]) / 4.0
    a = (close / TRAITS) * has[:, None, None]
    b = lr[:, :, None] == levels[None, None, :]
    return [(a.reshape(pb.n, -1) * w, b.reshape(pb.m, -1).astype(np.float64))]


def value(pb: Problem, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """Exact value per pair."""
    le, lr = pb._tl_e[i], pb._tl_r[j]
    ok = (le >= 0).all(axis=1) & (lr >= 0).all(axis=1)
    return np.where(ok, (1.0 - np.abs(le - lr) / 4.0).mean(axis=1), 0.0)


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
