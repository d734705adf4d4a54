"""Candidate generation over all mentee x mentor pairs.

Every pair is scored (in float32 blocks of mentees against all mentors, hard constraints as
penalties). From each block we keep, exactly, each mentee's best ``k`` mentors and each
mentor's best ``l`` mentees, without a full sort:

- mentee side: split the row into ``b >= k`` column blocks and take the k-th largest block
  maximum ``t``. The k block maxima above it are k distinct entries ``>= t``, so the row's
  k best entries are all ``>= t``: keeping ``score >= t`` keeps them (plus a few more).
- mentor side: a bounded heap per mentor keeps its ``l`` best mentees seen so far (ties broken
  by the smaller mentee ``person_id``), updated block by block; memory is ``m x l``.

Mentee-side survivors are cut to the exact top ``k`` (ties at the cut kept), so neither list
depends on row or column order. Kept pairs are rescored in float64 by
:meth:`Problem.pair_scores`, the same function that explains a pair.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from . import _kernels
from .scoring import ALLOWED_CUTOFF, Problem

DEFAULT_K = 40
DEFAULT_L = 300


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
    no_pool = np.zeros((m, 0), dtype=np.float32)
    hv = np.full((m, l), -np.inf, dtype=np.float32)
    hr = np.full((m, l), -1, dtype=np.int64)
    hp = np.full((m, l), np.iinfo(np.int64).max, dtype=np.int64)
    pid = problem.e["person_id"]
    best = np.full(n, np.nan)
    out_i: list[np.ndarray] = []
    out_j: list[np.ndarray] = []
    out_v: list[np.ndarray] = []
    cutoff = np.float32(ALLOWED_CUTOFF)
    for a in range(0, n, chunk_rows):
        rows = perm[a : a + chunk_rows]
        r = rows.size
        S = problem.score_block(rows, out=buf[:r])
        row_edges = np.zeros(1, np.int64)
        tau, rmax = _kernels.block_stats(S, col_edges, k, cutoff, row_edges, no_pool)
        best[rows] = np.where(rmax >= cutoff, rmax, np.nan)
        ri, ci, vv = _kernels.collect(S, tau, None)
        out_i.append(rows[ri])
        out_j.append(ci)
        out_v.append(vv)
        if l > 0:
            _kernels.column_heaps(S, rows, pid, cutoff, hv, hr, hp)
    ci_rows = np.concatenate(out_i).astype(np.int64)
    ci_cols = np.concatenate(out_j).astype(np.int64)
    V = np.concatenate(out_v)
    keep = _top_ties(ci_rows, V, k)
    ci_rows, ci_cols = ci_rows[keep], ci_cols[keep]
    hj = np.broadcast_to(np.arange(m)[:, None], hr.shape)
    ok = hr >= 0
    ci_rows = np.concatenate([ci_rows, hr[ok]])
    ci_cols = np.concatenate([ci_cols, hj[ok]])
    locked = problem.pair_lists["locked"]
    if locked.size:
        ci_rows = np.concatenate([ci_rows, locked[:, 0]])
        ci_cols = np.concatenate([ci_cols, locked[:, 1]])
    key = np.unique(ci_rows * m + ci_cols)
    ci_rows, ci_cols = key // m, key % m
    score = np.empty(ci_rows.size)
    allowed = np.empty(ci_rows.size, bool)
    step = 1 << 20  # bounded memory for the float64 rescoring
    for s0 in range(0, ci_rows.size, step):
        sl = slice(s0, s0 + step)
        score[sl], allowed[sl] = problem.pair_scores(ci_rows[sl], ci_cols[sl])
    if locked.size:
        allowed |= np.isin(key, locked[:, 0] * m + locked[:, 1])
    ci_rows, ci_cols, score = ci_rows[allowed], ci_cols[allowed], np.clip(score[allowed], 0.0, 1.0)
    mat = sp.csr_matrix((score, (ci_rows, ci_cols)), shape=(n, m))
    mat.sort_indices()
    return Candidates(mat, best, k, l)


def _top_ties(group: np.ndarray, val: np.ndarray, k: int) -> np.ndarray:
    """Mask of entries among the ``k`` largest ``val`` of their group, ties at the cut kept."""
    if group.size == 0:
        return np.zeros(0, bool)
    # One integer sort key: group, then value descending (order-preserving float bits).
    bits = np.ascontiguousarray(val, dtype=np.float32).view(np.uint32).astype(np.uint64)
    neg = bits >= np.uint64(0x80000000)
    asc = np.where(neg, np.uint64(0xFFFFFFFF) - bits, bits | np.uint64(0x80000000))
    desc = np.uint64(0xFFFFFFFF) - asc
    order = np.argsort((group.astype(np.uint64) << np.uint64(32)) | desc)
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
