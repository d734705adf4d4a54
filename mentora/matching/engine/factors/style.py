"""Style: how close the mentor's style is to the mentee's preferred level on each axis they
care about (weighted by importance), and the preferred meeting cadence.

Encoding: one-hot levels per axis (linear, in the GEMM); the exact value is ``_style_pair``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ..constants import CADENCES, STYLE_AXIS_KEYS, STYLE_AXIS_NAMES

if TYPE_CHECKING:
    from ..scoring import Problem

NAME = "style"
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
