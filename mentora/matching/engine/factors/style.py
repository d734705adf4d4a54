"""Style: how close the mentor's style is to the mentee's preferred level on each axis they
care about (weighted by importance), and the preferred meeting cadence.

Encoding (``linear``): one-hot levels per axis and of the cadence, in the GEMM; the exact value
(``value``) weighs each axis's closeness by its importance.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ..constants import (
    CADENCES,
    IMPORTANCE_WEIGHT,
    STYLE_AXIS_KEYS,
    STYLE_AXIS_NAMES,
    STYLE_LEVELS,
)

if TYPE_CHECKING:
    from ..scoring import Problem

NAME = "style"
ORDER = 40  # position in FACTORS
LABEL = "Style"
WEIGHT = 0.15
CODES = {
    "style.shared": "for",
    "style.cadence": "for",
    "style.fit": "for",
    "style.differs": "against",
    "style.partial": "against",
    "style.no_preference": "info",
}
GOOD = 0.75  # below this a far axis is worth saying, and a plain fit is only partial


def linear(pb: Problem, w: float) -> list[tuple[np.ndarray, np.ndarray]]:
    """GEMM blocks: axes 0..4 style levels, then the cadence."""
    n, m = pb.n, pb.m
    e, r = pb.e, pb.r
    levels = np.arange(1, STYLE_LEVELS + 1)
    imp = IMPORTANCE_WEIGHT[pb.importance]  # n x 5
    imp = np.where(e["style"] > 0, imp, 0.0)
    cad_imp = np.where(e["cadence"] > 0, IMPORTANCE_WEIGHT[pb.weights.cadence_importance], 0.0)
    tot = imp.sum(axis=1) + cad_imp
    scale = np.divide(1.0, tot, out=np.zeros_like(tot), where=tot > 0)
    close = 1.0 - np.abs(e["style"][:, :, None] - levels[None, None, :]) / 4.0  # n x 5 x 5
    a_style = (close * (imp * scale[:, None])[:, :, None]).reshape(n, -1)
    b_style = (r["style"][:, :, None] == levels[None, None, :]).reshape(m, -1)
    cl = np.arange(1, 5)
    cclose = np.clip(1.0 - np.abs(e["cadence"][:, None] - cl[None, :]) / 2.0, 0, 1)
    a_cad = cclose * (cad_imp * scale)[:, None]
    b_cad = r["cadence"][:, None] == cl[None, :]
    return [(np.hstack([a_style, a_cad]) * w,
             np.hstack([b_style, b_cad]).astype(np.float64))]


def value(pb: Problem, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """Exact value per pair."""
    e, r = pb.e, pb.r
    se, sr = e["style"][i].astype(np.float64), r["style"][j].astype(np.float64)
    imp = np.where(se > 0, IMPORTANCE_WEIGHT[pb.importance[i]], 0.0)
    close = np.where(sr > 0, 1.0 - np.abs(se - sr) / 4.0, 0.0)
    ce, cr = e["cadence"][i].astype(np.float64), r["cadence"][j].astype(np.float64)
    cimp = np.where(ce > 0, IMPORTANCE_WEIGHT[pb.weights.cadence_importance], 0.0)
    cclose = np.where(cr > 0, np.clip(1.0 - np.abs(ce - cr) / 2.0, 0, 1), 0.0)
    tot = imp.sum(axis=1) + cimp
    num = (imp * close).sum(axis=1) + cimp * cclose
    return np.divide(num, tot, out=np.zeros(i.size), where=tot > 0)


def pole(axis: int, level: int) -> str:
    """The pole key of a style level on an axis (``balanced`` in the middle)."""
    left, right = STYLE_AXIS_NAMES[axis]
    return left if level <= 2 else right if level >= 4 else "balanced"


def reasons(pb: Problem, i: np.ndarray, j: np.ndarray, raw: dict) -> list[tuple[str, dict]]:
    """Per pair, the reason code and its parameters."""
    se, sr = pb.e["style"][i], pb.r["style"][j]
    imp = pb.importance[i]
    known = (se > 0) & (sr > 0)
    same = known & (se == sr)
    far = known & (np.abs(se.astype(np.int64) - sr) >= 2) & (imp == 2)
    ce, cr = pb.e["cadence"][i], pb.r["cadence"][j]
    out: list[tuple[str, dict]] = []
    for p, v in enumerate(raw["style"].tolist()):
        percent = round(100 * v)
        if far[p].any() and v < GOOD:
            a = int(np.flatnonzero(far[p])[0])
            out.append(("style.differs", {"axis": STYLE_AXIS_KEYS[a],
                                          "wanted_pole": pole(a, int(se[p, a])),
                                          "their_pole": pole(a, int(sr[p, a]))}))
        elif same[p].any() and v >= GOOD:
            axes = [{"axis": STYLE_AXIS_KEYS[a], "pole": pole(a, int(se[p, a]))}
                    for a in np.flatnonzero(same[p])[:2].tolist()]
            cad = CADENCES[int(ce[p])] if ce[p] and ce[p] == cr[p] else ""
            out.append(("style.shared", {"axes": axes, "cadence": cad}))
        elif ce[p] and ce[p] == cr[p] and v >= GOOD:
            out.append(("style.cadence", {"cadence": CADENCES[int(ce[p])]}))
        elif not (se[p] > 0).any() and not ce[p]:
            out.append(("style.no_preference", {}))
        elif v >= GOOD:
            out.append(("style.fit", {"percent": percent}))
        else:
            out.append(("style.partial", {"percent": percent}))
    return out
