"""Skills: the share of the skills a mentee wants to develop that the mentor offers.

Encoding (``linear``): the wanted row scaled by 1 / count, times the offered row, in the GEMM;
the exact value (``value``) counts the intersection of packed bit rows (``prepare``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ..encoding import and_count, bits, share_of_wanted

if TYPE_CHECKING:
    from ..scoring import Problem

NAME = "skills"
ORDER = 20  # position in FACTORS
LABEL = "Skills"
WEIGHT = 0.12
CODES = {"skills.offered": "for", "skills.none_offered": "against", "skills.none_wanted": "info"}


def prepare(pb: Problem) -> None:
    """Packed bit rows of wanted and offered skills, and the wanted count per mentee."""
    pb._skill_bits = (bits(pb.skills_wanted), bits(pb.skills_offered))
    pb._skill_cnt = np.diff(pb.skills_wanted.indptr)


def linear(pb: Problem, w: float) -> list[tuple[np.ndarray, np.ndarray]]:
    """GEMM blocks (weighted mentee side, mentor side)."""
    if not pb.skills_wanted.shape[1]:
        return []
    return [share_of_wanted(pb.skills_wanted, pb.skills_offered, w)]


def value(pb: Problem, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """Exact value per pair."""
    if not pb.skills_wanted.shape[1]:
        return np.zeros(i.size)
    inter = and_count(pb._skill_bits, i, j)
    cnt = pb._skill_cnt[i]
    return np.divide(inter, cnt, out=np.zeros(i.size), where=cnt > 0)


def shared_counts(pb: Problem, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """How many of the skills mentee ``i`` wants mentor ``j`` offers, per pair."""
    if not pb.skills_wanted.shape[1] or not i.size:
        return np.zeros(i.size, np.int64)
    wb, ob = pb._skill_bits
    return np.bitwise_count(wb[i] & ob[j]).sum(axis=1, dtype=np.int64)


def reasons(pb: Problem, i: np.ndarray, j: np.ndarray, raw: dict) -> list[tuple[str, dict]]:
    """Per pair, the reason code and its parameters."""
    lab = pb.labels
    out: list[tuple[str, dict]] = []
    if not pb.skills_wanted.shape[1] or not i.size:
        return [("skills.none_wanted", {})] * i.size
    wb, ob = pb._skill_bits
    both = np.unpackbits(wb[i] & ob[j], axis=1)[:, : pb.skills_wanted.shape[1]]
    nboth = both.sum(axis=1).tolist()
    nwant = pb._skill_cnt[i].tolist()
    for p in range(i.size):
        if nwant[p] == 0:
            out.append(("skills.none_wanted", {}))
        elif nboth[p] == 0:
            out.append(("skills.none_offered", {"wanted": int(nwant[p])}))
        else:
            names = [lab.skills.get(int(x), "") for x in np.flatnonzero(both[p])[:4]]
            out.append(("skills.offered", {"count": int(nboth[p]), "wanted": int(nwant[p]),
                                           "skills": [x for x in names if x]}))
    return out
