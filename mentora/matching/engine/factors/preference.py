"""Preference: 1 when the mentee shortlisted the mentor, 0 when they asked to avoid them,
0.5 otherwise.

Encoding: a constant column (``linear``) plus sparse pair deltas (``deltas``); the exact value
(``value``) looks the pair up in the sorted delta keys.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ..encoding import lookup_sorted

if TYPE_CHECKING:
    from ..scoring import Problem

NAME = "preference"
ORDER = 90  # position in FACTORS
LABEL = "Preference"
WEIGHT = 0.05
CODES = {"preference.shortlisted": "for", "preference.avoided": "against",
         "preference.none": "info"}


def prepare(pb: Problem) -> None:
    """Pair keys (i * m + j) shortlisted (+0.5) or avoided (-0.5), weighted; avoiding wins."""
    m, pl, w = pb.m, pb.pair_lists, pb.w[NAME]
    keys = np.zeros(0, np.int64)
    delta = np.zeros(0)
    if w > 0:
        ks = np.unique(pl["shortlist"][:, 0] * m + pl["shortlist"][:, 1])
        ka = np.unique(pl["avoid"][:, 0] * m + pl["avoid"][:, 1])
        ks = np.setdiff1d(ks, ka)  # avoiding wins over shortlisting
        keys = np.concatenate([ks, ka])
        delta = np.concatenate([np.full(ks.size, 0.5), np.full(ka.size, -0.5)])
        delta *= w
    pb.pref_keys, pb.pref_delta = keys, delta
    o = np.argsort(keys, kind="stable")
    pb._pref_sorted = (keys[o], delta[o])


def linear(pb: Problem, w: float) -> list[tuple[np.ndarray, np.ndarray]]:
    """The neutral 0.5 for every pair."""
    return [(np.full((pb.n, 1), 0.5 * w), np.ones((pb.m, 1)))]


def deltas(pb: Problem) -> tuple[np.ndarray, np.ndarray]:
    """Sparse weighted changes of the bulk score: (pair keys, values)."""
    return pb.pref_keys, pb.pref_delta


def value(pb: Problem, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """Exact value per pair."""
    pref = np.full(i.size, 0.5)
    hit, d = lookup_sorted(i * pb.m + j, *pb._pref_sorted)
    pref[hit] += d[hit] / max(pb.w[NAME], 1e-300)
    return pref


def reasons(pb: Problem, i: np.ndarray, j: np.ndarray, raw: dict) -> list[tuple[str, dict]]:
    """Per pair, the reason code and its parameters."""
    codes = ("preference.shortlisted", "preference.avoided", "preference.none")
    pv = raw["preference"]
    return [(codes[x], {}) for x in np.where(pv > 0.5, 0, np.where(pv < 0.5, 1, 2)).tolist()]
