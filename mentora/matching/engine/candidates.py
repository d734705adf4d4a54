"""Candidate generation over all mentee x mentor pairs.

Every pair is scored (in float32 blocks of mentees against all mentors, hard constraints as
penalties). From each block we keep, exactly, each mentee's best ``k`` mentors and each
mentor's best ``l`` mentees, without a full sort:

- mentee side: split the row into ``b >= k`` column blocks and take the k-th largest block
  maximum ``t``. The k block maxima above it are k distinct entries ``>= t``, so the row's
  k best entries are all ``>= t``: keeping ``score >= t`` keeps them (plus a few more).
- mentor side: the same argument on row blocks, with a running pool of each column's
  ``l`` largest block maxima over the blocks seen so far. The pool's minimum never exceeds
  the column's final l-th best value, so nothing of the final top ``l`` is dropped.

The survivors are then cut to the exact top ``k`` / top ``l`` (ties at the cut kept, so the
result does not depend on row or column order) and rescored in float64 by
:meth:`Problem.pair_scores`, the same function that explains a pair.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from . import _kernels
from .scoring import ALLOWED_CUTOFF, Problem

DEFAULT_K = 12
DEFAULT_L = 24


@dataclass(frozen=True)
class Candidates:
    """Result of :func:`build_candidates`.

    ``scores``: CSR (mentees x mentors) float64, a stored entry is an allowed candidate pair.
    ``best_allowed``: per mentee, the best score over *all* allowed mentors (NaN if none);
    its sum over mentees is an upper bound on any assignment's total score.
    """

    scores: sp.csr_matrix
    best_allowed: np.ndarray
    k: int
    l: int  # noqa: E741

    @property
    def all_pairs_upper_bound(self) -> float:
        b = self.best_allowed
        return float(np.nansum(b) + 1e-6 * np.isfinite(b).sum())


def build_candidates(
    problem: Problem,
    *,
    k: int = DEFAULT_K,
    l: int = DEFAULT_L,  # noqa: E741
    chunk_rows: int = 1024,
) -> Candidates:
    """Score all pairs and keep each mentee's top ``k`` and each mentor's top ``l``."""
    if k < 1 or l < 0:
        raise ValueError("k must be >= 1 and l >= 0")
    n, m = problem.n, problem.m
    if n == 0 or m == 0:
        return Candidates(sp.csr_matrix((n, m)), np.full(n, np.nan), k, l)
    chunk_rows = max(1, min(chunk_rows, n))
    perm = np.argsort(problem.role_key, kind="stable")
    buf = np.empty((chunk_rows, m), dtype=np.float32)
    nb_cols = min(m, max(4 * k, 64))
    col_edges = np.linspace(0, m, nb_cols + 1).astype(np.int64)[:-1]
    pool = np.full((m, l), -np.inf, dtype=np.float32)
    best = np.full(n, np.nan)
    out_i: list[np.ndarray] = []
    out_j: list[np.ndarray] = []
    out_v: list[np.ndarray] = []
    cutoff = np.float32(ALLOWED_CUTOFF)
    for a in range(0, n, chunk_rows):
        rows = perm[a : a + chunk_rows]
        r = rows.size
        S = problem.score_block(rows, out=buf[:r])
        row_edges = np.linspace(0, r, min(r, 32) + 1).astype(np.int64)[:-1]
        tau, rmax = _kernels.block_stats(S, col_edges, k, cutoff, row_edges, pool)
        best[rows] = np.where(rmax >= cutoff, rmax, np.nan)
        sigma = np.maximum(pool.min(axis=1), cutoff) if l > 0 else None
        ri, ci, vv = _kernels.collect(S, tau, sigma)
        out_i.append(rows[ri])
        out_j.append(ci)
        out_v.append(vv)
    I = np.concatenate(out_i).astype(np.int64)  # noqa: E741
    J = np.concatenate(out_j).astype(np.int64)
    V = np.concatenate(out_v)
    keep = _top_ties(I, V, k) | (_top_ties(J, V, l) if l > 0 else False)
    I, J = I[keep], J[keep]
    locked = problem.pair_lists["locked"]
    if locked.size:
        I = np.concatenate([I, locked[:, 0]])
        J = np.concatenate([J, locked[:, 1]])
    key = np.unique(I * m + J)
    I, J = key // m, key % m
    score, allowed = problem.pair_scores(I, J)
    if locked.size:
        allowed |= np.isin(key, locked[:, 0] * m + locked[:, 1])
    I, J, score = I[allowed], J[allowed], np.clip(score[allowed], 0.0, 1.0)
    mat = sp.csr_matrix((score, (I, J)), shape=(n, m))
    mat.sort_indices()
    return Candidates(mat, best, k, l)


def _top_ties(group: np.ndarray, val: np.ndarray, k: int) -> np.ndarray:
    """Mask of entries among the ``k`` largest ``val`` of their group, ties at the cut kept."""
    order = np.lexsort((-val, group))
    g = group[order]
    v = val[order]
    starts = np.flatnonzero(np.r_[True, g[1:] != g[:-1]])
    size = np.diff(np.r_[starts, g.size])
    rank = np.arange(g.size) - np.repeat(starts, size)
    kth_pos = starts + np.minimum(size, k) - 1
    kth = np.repeat(v[kth_pos], size)
    mask_sorted = v >= kth
    mask = np.empty(g.size, bool)
    mask[order] = mask_sorted | (rank < k)
    return mask
