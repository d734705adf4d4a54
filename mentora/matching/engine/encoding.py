"""Building blocks the factor modules encode themselves with (no Django, no Problem import).

A factor contributes to a pair score through up to four hooks (see ``engine/factors``):
``linear`` blocks of the fused GEMM, row ``Table``s (a value per pair of small-cardinality
keys), sparse pair ``deltas``, and ``value`` (the exact float64 reference).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

PENALTY = 64.0
"""Added (negatively) to the bulk score of a pair failing a hard constraint."""


@dataclass
class Table:
    """A term x(i, j) = raw[ku[i], kv[j]] with an optional allowed[ku[i], kv[j]] mask."""

    factor: str | None
    constraint: str | None
    ku: np.ndarray
    kv: np.ndarray
    raw: np.ndarray | None
    allowed: np.ndarray | None
    mode: str = "onehot"
    side: str = "mentor"
    bulk_rows: np.ndarray | None = None  # rowadd: (U x m) float32

    def bulk_table(self, w: float) -> np.ndarray:
        tab = self.raw if self.raw is not None else self.allowed
        assert tab is not None
        t = np.zeros(tab.shape, dtype=np.float64)
        if self.raw is not None:
            t += w * self.raw
        if self.allowed is not None:
            t -= PENALTY * (~self.allowed)
        return t

    def lookup(self, i: np.ndarray, j: np.ndarray, what: str) -> np.ndarray:
        tab = self.raw if what == "raw" else self.allowed
        assert tab is not None
        return tab[self.ku[i], self.kv[j]]


def unique_rows(a: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Distinct rows of a 2-D array and, per row, the index of its distinct row."""
    if a.shape[1] == 0:
        return a[:1], np.zeros(a.shape[0], dtype=np.int64)
    packed = np.packbits(a.astype(bool), axis=1) if a.dtype == bool else a
    view = np.ascontiguousarray(packed).view(
        np.dtype((np.void, packed.dtype.itemsize * packed.shape[1]))
    ).ravel()
    _, first, inv = np.unique(view, return_index=True, return_inverse=True)
    return a[first], inv.astype(np.int64)


def bits(x: sp.csr_matrix) -> np.ndarray:
    """Rows of a binary CSR matrix as packed uint8 bit rows."""
    dense = np.zeros((x.shape[0], max(x.shape[1], 1)), bool)
    dense[np.repeat(np.arange(x.shape[0]), np.diff(x.indptr)), x.indices] = True
    return np.packbits(dense, axis=1)


def and_count(b: tuple[np.ndarray, np.ndarray], i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """Size of the intersection of set ``i`` (first side) and set ``j`` (second side)."""
    x, y = b
    return np.bitwise_count(x[i] & y[j]).sum(axis=1, dtype=np.int64).astype(np.float64)


def share_of_wanted(wanted: sp.csr_matrix, offered: sp.csr_matrix, w: float,
                    share: float = 1.0) -> tuple[np.ndarray, np.ndarray]:
    """GEMM blocks of ``w * share * |wanted_i & offered_j| / |wanted_i|`` (0 when nothing is
    wanted)."""
    cnt = np.asarray(wanted.sum(axis=1)).ravel()
    inv = np.divide(share, cnt, out=np.zeros_like(cnt, dtype=np.float64), where=cnt > 0)
    return (sp.diags(inv * w) @ wanted).toarray(), offered.toarray()


def lookup_sorted(key: np.ndarray, sorted_keys: np.ndarray,
                  sorted_vals: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(hit, value) of each key in sorted keys (value meaningful where hit)."""
    if not sorted_keys.size:
        return np.zeros(key.size, bool), np.zeros(key.size)
    pos = np.minimum(np.searchsorted(sorted_keys, key), sorted_keys.size - 1)
    hit = sorted_keys[pos] == key
    return hit, sorted_vals[pos]
