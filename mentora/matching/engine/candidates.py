"""Candidate generation over all mentee x mentor pairs.

Every pair is scored: blocks of mentees against all mentors, one float32 GEMM per block for
the linear factors, then one fused pass per row (``_kernels.finish_rows``, Numba) that adds
the tabulated factors (experience, availability, meeting format, language; a failed hard
constraint is a -PENALTY in its table), the role value and the same-department correction,
and selects, exactly:

- mentee side: the row's ``k``-th largest allowed value ``tau`` (a size-``k`` heap during the
  scan); every entry ``>= tau`` is kept, so ties at the cut are kept and nothing depends on the
  order of the columns. ``tau`` is stored: every allowed pair left out of the lists has a
  float32 score below it, which is what :func:`mentora.matching.engine.pricing.match` needs to
  certify a solution against all pairs.
- mentor side: a bounded heap per mentor of its ``l`` best mentees (ties: smaller person id).
  The first block fills the heaps directly; afterwards the fused pass only reports entries at
  or above each mentor's current ``l``-th value (``sigma``), which are merged into the heaps.

Kept pairs are rescored in float64 by :meth:`Problem.pair_scores`, the same function that
explains a pair, so a stored score equals the sum of its explanation's contributions.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from . import _kernels
from .scoring import ALLOWED_CUTOFF, Problem

DEFAULT_K = 40
DEFAULT_L = 300
TILE = 1024  # GEMM column tile (mentors) of the candidate build


@dataclass(frozen=True)
class Candidates:
    """Result of :func:`build_candidates`.

    ``scores``: CSR (mentees x mentors) float64, a stored entry is an allowed candidate pair.
    ``best_allowed``: per mentee, the best score over *all* allowed mentors (NaN if none);
    its sum over mentees is an upper bound on any assignment's total score.
    ``row_threshold``: per mentee, every allowed pair *not* stored has a float32 bulk score
    below this value (-inf: every allowed mentor is stored); ``row_error``: per mentee, a bound
    on |float32 bulk score - exact score|. Together: an allowed pair left out scores at most
    ``row_threshold + row_error`` exactly.
    """

    scores: sp.csr_matrix
    best_allowed: np.ndarray
    k: int
    l: int  # noqa: E741
    row_threshold: np.ndarray | None = None
    row_error: np.ndarray | None = None
    col_threshold: np.ndarray | None = None

    @property
    def all_pairs_upper_bound(self) -> float:
        b = self.best_allowed
        err = 1e-6 if self.row_error is None else self.row_error[np.isfinite(b)]
        return float(np.nansum(b) + np.sum(err * np.ones(int(np.isfinite(b).sum()))))


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
        return Candidates(sp.csr_matrix((n, m)), np.full(n, np.nan), k, l,
                          np.full(n, -np.inf), np.zeros(n), np.full(m, -np.inf))
    chunk_rows = max(1, min(chunk_rows, n))
    perm = np.argsort(problem.role_key, kind="stable")
    buf = np.empty((chunk_rows, m), dtype=np.float32)
    hv = np.full((m, l), -np.inf, dtype=np.float32)
    hr = np.full((m, l), -1, dtype=np.int64)
    hp = np.full((m, l), np.iinfo(np.int64).max, dtype=np.int64)
    sigma = np.full(m, np.inf if l == 0 else -np.inf, dtype=np.float32)
    pid = problem.e["person_id"]
    best = np.full(n, np.nan)
    thr = np.full(n, -np.inf)
    out_i: list[np.ndarray] = []
    out_j: list[np.ndarray] = []
    cutoff = np.float32(ALLOWED_CUTOFF)
    first = True
    tiled = _kernels.HAVE_NUMBA and m > 2 * TILE
    b_tiles = (
        [np.ascontiguousarray(problem.B[:, c0 : c0 + TILE]) for c0 in range(0, m, TILE)]
        if tiled else []
    )
    for a in range(0, n, chunk_rows):
        rows = perm[a : a + chunk_rows]
        r = rows.size
        kin = problem.kernel_inputs(rows)
        if first or not tiled:
            S = problem.gemm_block(rows, out=buf[:r])
            sig = np.full(m, np.inf, np.float32) if first else sigma
            tau, rmax, er, ec, ev, rr, rc, rv = _kernels.finish_rows(
                S, k=k, cutoff=cutoff, sigma=sig, **kin)
        else:
            tau, rmax, er, ec, ev, rr, rc, rv = _select_tiled(
                problem, rows, k, cutoff, sigma, b_tiles, buf, kin)
        best[rows] = np.where(rmax >= cutoff, rmax, np.nan)
        thr[rows] = np.where(tau > cutoff, tau, -np.inf)
        out_i.append(rows[er])
        out_j.append(ec)
        if l > 0:
            if first:
                _kernels.column_heaps(S, rows, pid, cutoff, hv, hr, hp)
            else:
                _kernels.merge_heaps(rows[rr], rc, rv, pid, hv, hr, hp)
            full = hr.min(axis=1) >= 0
            sigma = np.where(full, hv.min(axis=1), -np.inf).astype(np.float32)
        first = False
    ci_rows = np.concatenate(out_i).astype(np.int64)
    ci_cols = np.concatenate(out_j).astype(np.int64)
    hj = np.broadcast_to(np.arange(m)[:, None], hr.shape)
    ok = hr >= 0
    ci_rows = np.concatenate([ci_rows, hr[ok]])
    ci_cols = np.concatenate([ci_cols, hj[ok]])
    locked = problem.pair_lists["locked"]
    if locked.size:
        ci_rows = np.concatenate([ci_rows, locked[:, 0]])
        ci_cols = np.concatenate([ci_cols, locked[:, 1]])
    mat = rescore(problem, ci_rows, ci_cols, locked)
    full = hr.min(axis=1) >= 0 if l > 0 else np.ones(m, bool)
    col_thr = np.where(full, hv.min(axis=1) if l > 0 else np.inf, -np.inf).astype(np.float64)
    return Candidates(mat, best, k, l, thr, problem.float32_error(np.arange(n)), col_thr)


def _select_tiled(problem: Problem, rows: np.ndarray, k: int, cutoff, sigma: np.ndarray,
                  b_tiles: list[np.ndarray], buf: np.ndarray, kin: dict):
    """Same output as ``_kernels.finish_rows`` on the block, computed tile by tile."""
    r = rows.size
    k = max(int(k), 1)
    cap = 8 * k + 256
    heap = np.empty((r, k), np.float32)
    hsize = np.zeros(r, np.int64)
    h0s = np.full(r, cutoff, np.float32)
    mxs = np.full(r, -np.inf, np.float32)
    na = np.zeros(r, np.int64)
    nb = np.zeros(r, np.int64)
    e_col = np.empty((r, cap), np.int64)
    e_val = np.empty((r, cap), np.float32)
    r_col = np.empty((r, cap), np.int64)
    r_val = np.empty((r, cap), np.float32)
    Ab = problem.A[rows]
    has_deltas = bool(problem.delta_keys.size)
    dr, dc, dv = problem.delta_entries(rows if has_deltas else rows[:0])
    for t, Bt in enumerate(b_tiles):
        c0 = t * TILE
        tw = Bt.shape[1]
        T = buf.reshape(-1)[: r * tw].reshape(r, tw)
        np.matmul(Ab, Bt, out=T)
        if has_deltas:
            sel = (dc >= c0) & (dc < c0 + tw)
            if sel.any():
                np.add.at(T, (dr[sel], dc[sel] - c0), dv[sel])
        _kernels._nb_tile(T, np.int64(c0), kin["tables"], kin["tab_idx"], kin["rtab"],
                          kin["ridx"], kin["dept_rows"], kin["dept_r"],
                          np.float32(kin["wd"]), np.float32(cutoff), sigma, heap, hsize, h0s,
                          mxs, na, nb, e_col, e_val, r_col, r_val)
    _kernels._nb_tile_final(h0s, sigma, na, nb, e_col, e_val, r_col, r_val)
    over = np.flatnonzero((na > cap) | (nb > cap))
    ne = np.where((na > cap) | (nb > cap), 0, na)
    nr = np.where((na > cap) | (nb > cap), 0, nb)
    me = np.arange(cap)[None, :] < ne[:, None]
    mr = np.arange(cap)[None, :] < nr[:, None]
    parts = [(np.nonzero(me)[0], e_col[me], e_val[me], np.nonzero(mr)[0], r_col[mr], r_val[mr])]
    if over.size:  # rare: more survivors than slots; redo those rows in full
        S = score_rows(problem, rows[over])
        for q, i in enumerate(over):
            row = S[q]
            a = np.flatnonzero(row >= h0s[i])
            b = np.flatnonzero(~(row >= h0s[i]) & (row >= sigma) & (row >= cutoff))
            parts.append((np.full(a.size, i), a, row[a], np.full(b.size, i), b, row[b]))
    cat = [np.concatenate([p[q] for p in parts]) for q in range(6)]
    tau = h0s
    return (tau, mxs, cat[0].astype(np.int64), cat[1].astype(np.int64), cat[2],
            cat[3].astype(np.int64), cat[4].astype(np.int64), cat[5])


def rescore(problem: Problem, rows: np.ndarray, cols: np.ndarray,
            locked: np.ndarray | None = None) -> sp.csr_matrix:
    """CSR of the exact float64 scores of the allowed (or locked) pairs among (rows, cols)."""
    n, m = problem.n, problem.m
    key = np.unique(rows * m + cols)
    ci_rows, ci_cols = key // m, key % m
    score = np.empty(ci_rows.size)
    allowed = np.empty(ci_rows.size, bool)
    step = 1 << 20  # bounded memory for the float64 rescoring
    for s0 in range(0, ci_rows.size, step):
        sl = slice(s0, s0 + step)
        score[sl], allowed[sl] = problem.pair_scores(ci_rows[sl], ci_cols[sl])
    if locked is not None and locked.size:
        allowed |= np.isin(key, locked[:, 0] * m + locked[:, 1])
    ci_rows, ci_cols, score = ci_rows[allowed], ci_cols[allowed], np.clip(score[allowed], 0.0, 1.0)
    # rows come sorted (key order), so the CSR is built directly
    indptr = np.zeros(n + 1, np.int64)
    np.cumsum(np.bincount(ci_rows, minlength=n), out=indptr[1:])
    return sp.csr_matrix((score, ci_cols.astype(np.int32), indptr), shape=(n, m))


def score_rows(problem: Problem, rows: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    """float32 bulk scores of mentees ``rows`` against every mentor (failed pairs < -0.5),
    computed like the candidate build (GEMM + fused pass)."""
    S = problem.gemm_block(rows, out=out)
    kin = problem.kernel_inputs(rows)
    _kernels.finish_rows(S, k=1, cutoff=np.float32(ALLOWED_CUTOFF),
                         sigma=np.full(problem.m, np.inf, np.float32), **kin)
    return S


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
