"""Short candidate lists, then a dual-price refresh that certifies the result on all pairs.

:func:`match` builds short candidate lists (each mentee's best ``k``, each mentor's best
``l``), solves exactly on them, and reads the LP duals of that solution
(:class:`~mentora.matching.engine.solver.Duals`: a value ``u_i`` per mentee and a shadow price
``v_j`` per mentor). A pair outside the lists could improve the solution only if its reduced
cost is positive: ``big + q_ij > u_i + v_j``. Pricing checks that for *every* allowed pair:

- a mentee whose stored threshold already settles it (``u_i >= big + q`` of its best
  possible left-out score, ``row_threshold + row_error``; prices are never negative) needs
  nothing more;
- the other mentees' rows are scored again (float32 bulk, with the per-mentee error bound),
  and pairs that may violate are rescored exactly; the most violated (up to ``add`` a
  mentee) are added to the lists, and the problem is solved again.

When a round finds no violating pair, the duals are feasible for all pairs, so no assignment
over all pairs matches more mentees or scores more (at the solver's fixed-point resolution):
the result is certified optimal on all pairs, not only on the candidates.
"""

from __future__ import annotations

import resource
import time
from dataclasses import dataclass, field, replace

import numpy as np
import scipy.sparse as sp

from . import _kernels
from .candidates import Candidates, build_candidates, score_rows
from .scoring import ALLOWED_CUTOFF, Problem
from .solver import Duals, MatchResult, solve

MATCH_K = 10
MATCH_L = 20


@dataclass(frozen=True)
class Matching:
    """Result of :func:`match`: the assignment, the final candidate lists and the pricing log.

    ``certified_all_pairs``: the duals were checked against every allowed pair (see the
    module docstring). ``rounds``: solves of the "total" objective; ``added_pairs``: pairs
    the pricing added to the lists; ``priced_rows``: mentee rows scored again.
    """

    result: MatchResult
    candidates: Candidates
    certified_all_pairs: bool
    rounds: int
    added_pairs: int
    priced_rows: int
    total_result: MatchResult | None = None
    timings: dict[str, dict[str, float]] = field(default_factory=dict)


class _Clock:
    """Wall and process CPU (user + sys, all threads) seconds per phase."""

    def __init__(self) -> None:
        self.t: dict[str, dict[str, float]] = {}

    @staticmethod
    def now() -> tuple[float, float]:
        r = resource.getrusage(resource.RUSAGE_SELF)
        return time.perf_counter(), r.ru_utime + r.ru_stime

    def add(self, name: str, start: tuple[float, float]) -> None:
        w, c = self.now()
        d = self.t.setdefault(name, {"wall_s": 0.0, "cpu_s": 0.0})
        d["wall_s"] += w - start[0]
        d["cpu_s"] += c - start[1]


def match(
    problem: Problem,
    capacities,
    *,
    objective: str = "total",
    k: int = MATCH_K,
    l: int = MATCH_L,  # noqa: E741
    add: int = 8,
    max_rounds: int = 12,
    candidates: Candidates | None = None,
) -> Matching:
    """Candidates, exact solve, dual-price refresh until certified on all pairs (or
    ``max_rounds``); for ``objective="fair"`` the fair solve then runs on the final lists."""
    if objective not in ("total", "fair"):
        raise ValueError(f"objective: expected 'total' or 'fair', got {objective!r}")
    cap = np.asarray(capacities)
    clock = _Clock()
    t0 = clock.now()
    cand = candidates if candidates is not None else build_candidates(problem, k=k, l=l)
    clock.add("candidates", t0)
    locked = problem.pair_lists["locked"]
    forbidden = problem.pair_lists["forbidden"]
    kw = dict(mentee_ids=problem.e["person_id"], mentor_ids=problem.r["person_id"])
    skip = np.zeros(problem.n, bool)
    if locked.size:
        skip[locked[:, 0]] = True
    scores = cand.scores
    certified = False
    added = 0
    priced = 0
    res = None
    rounds = 0
    for rounds in range(1, max_rounds + 1):  # noqa: B007
        t0 = clock.now()
        res = solve(scores, cap, locked=locked, forbidden=forbidden, objective="total", **kw)
        clock.add("solve", t0)
        if res.duals is None or not res.optimal:
            break
        t0 = clock.now()
        viol, ext, rows_done, thr = _price(problem, cand, scores, res.duals, skip, add)
        cand = replace(cand, row_threshold=thr)
        priced += rows_done
        if ext[0].size:  # not violating: the current duals stay feasible with them
            scores = _union(scores, *ext)
            added += ext[0].size
        if viol[0].size:
            scores = _union(scores, *viol)
            added += viol[0].size
        clock.add("pricing", t0)
        if viol[0].size == 0:
            certified = True
            break
    assert res is not None
    cand = replace(cand, scores=scores)
    total = res
    if objective == "fair":
        t0 = clock.now()
        res = solve(scores, cap, locked=locked, forbidden=forbidden, objective="fair", **kw)
        clock.add("fair_solve", t0)
    return Matching(res, cand, certified, rounds, added, priced, total, clock.t)


def _union(scores: sp.csr_matrix, i: np.ndarray, j: np.ndarray, v: np.ndarray) -> sp.csr_matrix:
    n, m = scores.shape
    coo = scores.tocoo()
    key = np.concatenate([coo.row.astype(np.int64) * m + coo.col, i * m + j])
    val = np.concatenate([coo.data, v])
    key, first = np.unique(key, return_index=True)
    val = val[first]
    rows = key // m
    indptr = np.zeros(n + 1, np.int64)
    np.cumsum(np.bincount(rows, minlength=n), out=indptr[1:])
    return sp.csr_matrix((val, (key % m).astype(np.int32), indptr), shape=(n, m))


def _price(problem: Problem, cand: Candidates, scores: sp.csr_matrix, d: Duals,
           skip: np.ndarray, add: int, chunk: int = 256, margin: float = 0.02):
    """Violating pairs and extension pairs (rows, cols, exact scores) outside ``scores``,
    the number of rows scored again, and the lowered row thresholds."""
    assert cand.row_threshold is not None and cand.row_error is not None
    m = problem.m
    big, scale = d.big, d.scale
    u = d.mentee.astype(np.float64)
    v = d.mentor
    thr, err = cand.row_threshold, cand.row_error
    # Best possible reduced value of a left-out pair of row i, over all mentors j:
    # max_j min(thr_i, cthr_j) - v_j / scale (+ err_i), by one sorted sweep over mentors.
    g = _best_outside(thr, cand.col_threshold, v / scale)
    flag = ~skip & np.isfinite(g) & (u - big < scale * (g + err) + 2.0)
    rows_all = np.flatnonzero(flag)
    rows_all = rows_all[np.argsort(problem.role_key[rows_all], kind="stable")]
    vf = (v / scale).astype(np.float32)
    out_i: list[np.ndarray] = []
    out_j: list[np.ndarray] = []
    out_v: list[np.ndarray] = []
    ext_i: list[np.ndarray] = [np.zeros(0, np.int64)]
    ext_j: list[np.ndarray] = [np.zeros(0, np.int64)]
    ext_v: list[np.ndarray] = [np.zeros(0)]
    new_thr = thr.copy()
    buf = np.empty((chunk, m), np.float32)
    cutoff = np.float32(ALLOWED_CUTOFF)
    C = 2 * add
    ext_max = 3 * add
    cap = 4 * ext_max + 64
    for a in range(0, rows_all.size, chunk):
        rows = rows_all[a : a + chunk]
        r = rows.size
        S = score_rows(problem, rows, out=buf[:r])
        # may violate: S + err > (u + v - big - 1) / scale, with a float32 rounding margin
        base = ((u[rows] - big - 1.0) / scale - err[rows] - 1e-6).astype(np.float32)
        sub = scores[rows]
        # Extension floor: pairs down to `margin` below the row's current surplus
        floor = ((u[rows] - big) / scale - margin).astype(np.float32)
        kth, n_ext, ext_col, n_cand, cand_col = _select_for_pricing(
            S, base, vf, cutoff, sub.indptr.astype(np.int64), sub.indices.astype(np.int64),
            ext_max, C, cap, floor)
        # Extension: each priced row gets its left-out pairs scoring above its surplus minus
        # `margin` (at most its next `ext_max` best, ties kept); its threshold drops to there, so
        # later rounds settle it without scoring it again unless its surplus falls further.
        new_thr[rows] = kth
        er, ec = _ragged(n_ext, ext_col)
        # Candidates that may violate: the C most promising by approximate reduced cost.
        cr, cc = _ragged(np.minimum(n_cand, C), cand_col)
        gi = np.concatenate([rows[er], rows[cr]])
        gj = np.concatenate([ec, cc])
        vi, s_ex, ok = _exact_violations(problem, d, gi, gj)
        is_ext = np.arange(gi.size) < er.size
        keep_ext = is_ext & ok & ~vi
        ext_i.append(gi[keep_ext])
        ext_j.append(gj[keep_ext])
        ext_v.append(s_ex[keep_ext])
        out_i.append(gi[vi])
        out_j.append(gj[vi])
        out_v.append(s_ex[vi])
        # Rigour: a row whose C best candidates hold no violation but that has more
        # candidates is checked in full (rare: near-ties within the error bound).
        hit = np.zeros(r, bool)
        hit[np.concatenate([er, cr])[vi]] = True
        full = np.flatnonzero(~hit & (n_cand > C))
        overflow = np.flatnonzero(n_ext > cap)
        for q in np.union1d(full, overflow):
            row = S[q]
            lim = base[q] + vf
            mask = (row >= cutoff) & ((row >= lim) | (q in overflow))
            mask[sub.indices[sub.indptr[q] : sub.indptr[q + 1]]] = False
            cols = np.flatnonzero(mask)
            fi = np.full(cols.size, rows[q])
            v2, s2, ok2 = _exact_violations(problem, d, fi, cols)
            out_i.append(fi[v2])
            out_j.append(cols[v2])
            out_v.append(s2[v2])
            if q in overflow:  # keep the whole row: nothing left outside it
                new_thr[rows[q]] = -np.inf
                ext_i.append(fi[ok2 & ~v2])
                ext_j.append(cols[ok2 & ~v2])
                ext_v.append(s2[ok2 & ~v2])
    out_i.append(np.zeros(0, np.int64))
    out_j.append(np.zeros(0, np.int64))
    out_v.append(np.zeros(0))
    viol = (np.concatenate(out_i), np.concatenate(out_j), np.concatenate(out_v))
    ext = (np.concatenate(ext_i), np.concatenate(ext_j), np.concatenate(ext_v))
    return viol, ext, rows_all.size, new_thr


def _best_outside(thr: np.ndarray, cthr: np.ndarray | None, price: np.ndarray) -> np.ndarray:
    """Per row, ``max_j min(thr_i, cthr_j) - price_j`` (no mentor bound: ``thr_i - min price``)."""
    if cthr is None:
        return thr - price.min(initial=np.inf)
    o = np.argsort(cthr, kind="stable")
    ts, ps = cthr[o], price[o]
    m = ts.size
    pre = np.maximum.accumulate(ts - ps) if m else np.zeros(0)
    suf = np.minimum.accumulate(ps[::-1])[::-1] if m else np.zeros(0)
    idx = np.searchsorted(ts, thr, side="left")  # mentors idx.. have cthr >= thr
    low = np.where(idx > 0, pre[np.maximum(idx - 1, 0)], -np.inf)
    high = np.where(idx < m, thr - suf[np.minimum(idx, m - 1)], -np.inf)
    out = np.maximum(low, high)
    return np.where(np.isfinite(thr), out, -np.inf)


def _ragged(cnt: np.ndarray, cols: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(row, col) of the first ``cnt[i]`` entries of each row of ``cols``."""
    cap = cols.shape[1]
    cnt = np.minimum(cnt, cap)
    mask = np.arange(cap)[None, :] < cnt[:, None]
    r, q = np.nonzero(mask)
    return r, cols[r, q]


def _select_for_pricing(S, base, vf, cutoff, st_ptr, st_idx, add, C, cap, floor):
    if _kernels.HAVE_NUMBA:
        return _kernels._nb_price(S, base, vf, np.float32(cutoff), st_ptr, st_idx,
                                  np.int64(max(add, 1)), np.int64(C), np.int64(cap), floor)
    r, m = S.shape
    outside = np.where(cutoff <= S, S, -np.inf)
    stored_r = np.repeat(np.arange(r), np.diff(st_ptr))
    outside[stored_r, st_idx] = -np.inf
    kk = min(max(add, 1), m)
    kt = -np.partition(-outside, kk - 1, axis=1)[:, kk - 1]
    kt_eff = np.maximum(np.where(np.isfinite(kt), kt, cutoff), floor)
    kth = np.where(np.isfinite(kt) | (kt_eff > cutoff), kt_eff, -np.inf).astype(np.float32)
    is_ext = np.isfinite(outside) & (outside >= kt_eff[:, None])
    slack = np.where(np.isfinite(outside) & ~is_ext, S - base[:, None] - vf[None, :], -np.inf)
    n_ext = is_ext.sum(axis=1)
    ext_col = np.full((r, cap), -1, np.int64)
    n_cand = (slack >= 0).sum(axis=1)
    cand_col = np.full((r, C), -1, np.int64)
    for i in range(r):
        e = np.flatnonzero(is_ext[i])[:cap]
        ext_col[i, : e.size] = e
        c = np.flatnonzero(slack[i] >= 0)
        c = c[np.argsort(-slack[i][c], kind="stable")][:C]
        cand_col[i, : c.size] = c
    return kth, n_ext, ext_col, n_cand, cand_col


def _exact_violations(problem: Problem, d: Duals, i: np.ndarray, j: np.ndarray):
    if i.size == 0:
        return np.zeros(0, bool), np.zeros(0), np.zeros(0, bool)
    s, ok = problem.pair_scores(i, j)
    s = np.clip(s, 0.0, 1.0)
    q = np.rint(s * d.scale).astype(np.int64)
    viol = ok & (d.big + q > d.mentee[i] + d.mentor[j])
    return viol, s, ok
