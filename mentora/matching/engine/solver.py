"""Exact capacitated assignment with OR-Tools min-cost flow.

Network: source -> mentee (capacity 1) -> mentor (capacity 1, cost SCALE - score) ->
sink (capacity = the mentor's remaining capacity). ``solve_max_flow_with_min_cost`` returns a
maximum flow (as many mentees matched as possible) of minimum cost (largest total score).
Scores are compared in fixed point with resolution ``1 / SCALE``.

For ``objective="fair"`` the largest floor ``f`` such that a maximum matching still exists
using only pairs scoring at least ``f`` is found by binary search over the distinct scores
with max-flow feasibility checks; then the min-cost flow runs on the pairs above the floor.

Determinism: the network is always built in a canonical order (mentees and mentors sorted by
their stable ids, default: position), so the same input gives the same result, and the same
input with rows/columns permuted (ids permuted alike) gives the same pairs.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from . import _kernels

SCALE = 10_000_000


@dataclass(frozen=True)
class Duals:
    """Optimal LP duals of the assignment, in fixed point (int64).

    The solved problem is ``max sum (big + q_ij) x_ij`` with ``q = rint(score * scale)`` and
    ``big = scale * (n + 1)`` (so matching one more mentee always wins: the "total" objective's
    order). ``mentee[i] + mentor[j] >= big + q_ij`` for every allowed pair the solver saw,
    ``mentor[j] > 0`` only for full mentors, ``mentee[i] > 0`` only for matched mentees, and
    ``sum(mentee) + sum(capacity * mentor) == sum over matched pairs of (big + q)`` — the
    certificate of optimality. ``mentor[j] / scale`` is mentor ``j``'s shadow price in score
    units (``>= n + 1`` when one more slot there would let one more mentee be matched).
    Locked mentees are outside the problem (their value is 0); ``capacity`` is what remained
    after the locked pairs.
    """

    mentee: np.ndarray
    mentor: np.ndarray
    big: int
    scale: int
    capacity: np.ndarray
    objective_value: int
    dual_value: int


@dataclass(frozen=True)
class MatchResult:
    """An assignment: ``mentor_of[i]`` is the mentor index of mentee ``i`` or -1."""

    mentor_of: np.ndarray
    total_score: float
    matched: int
    min_score: float
    bound: float
    objective: str
    floor: float | None
    optimal: bool
    duals: Duals | None = None

    def pairs(self) -> np.ndarray:
        """(k x 2) array of matched (mentee, mentor) index pairs."""
        i = np.flatnonzero(self.mentor_of >= 0)
        return np.column_stack([i, self.mentor_of[i]])


def _as_pairs(x: Iterable | np.ndarray, name: str) -> np.ndarray:
    a = np.asarray(list(x) if not isinstance(x, np.ndarray) else x)
    if a.size == 0:
        return np.zeros((0, 2), np.int64)
    if a.ndim != 2 or a.shape[1] != 2:
        raise ValueError(f"{name}: expected a sequence of (mentee, mentor) pairs")
    if not np.issubdtype(a.dtype, np.integer):
        raise ValueError(f"{name}: pair indices must be integers")
    return a.astype(np.int64)


def _to_csr(scores) -> sp.csr_matrix:
    if sp.issparse(scores):
        mat = sp.csr_matrix(scores, dtype=np.float64, copy=True)
        if mat.ndim != 2:
            raise ValueError("scores: expected a 2-D matrix")
        mat.sum_duplicates()
        return mat
    a = np.asarray(scores, dtype=np.float64)
    if a.ndim != 2:
        raise ValueError(f"scores: expected a 2-D array, got {a.ndim} dimension(s)")
    if np.isinf(a).any():
        raise ValueError("scores: infinite values; use NaN for a pair that is not allowed")
    i, j = np.nonzero(~np.isnan(a))
    return sp.csr_matrix((a[i, j], (i, j)), shape=a.shape)


def solve(
    scores,
    capacities,
    locked: Iterable = (),
    forbidden: Iterable = (),
    objective: str = "total",
    *,
    mentee_ids=None,
    mentor_ids=None,
    certify: bool = True,
) -> MatchResult:
    """Optimal assignment of mentees (rows) to mentors (columns); see the module docstring.

    ``scores``: CSR (a stored entry is an allowed pair, value in [0, 1]) or a dense array with
    NaN for not allowed. ``capacities``: one non-negative int per mentor. ``locked``: pairs
    that must be in the result (they need not be stored entries: an admin may override a
    constraint; a locked pair's score is its stored value or 0). ``forbidden``: pairs never
    used. ``objective``: "total" or "fair". ``certify``: compute LP duals and check them
    (``result.duals``; ``result.optimal`` is then proved, not assumed).
    """
    if objective not in ("total", "fair"):
        raise ValueError(f"objective: expected 'total' or 'fair', got {objective!r}")
    mat = _to_csr(scores)
    n, m = mat.shape
    data = mat.data
    if data.size and (np.isnan(data).any() or data.min() < 0 or data.max() > 1):
        raise ValueError("scores: every allowed pair's score must be in [0, 1]")
    cap = np.asarray(capacities)
    if cap.ndim != 1 or cap.shape[0] != m:
        raise ValueError(
            f"capacities: expected a 1-D array of {m} values (one per mentor), got shape "
            f"{cap.shape}"
        )
    if (cap.size and not np.issubdtype(cap.dtype, np.integer)
            and not np.all(np.equal(np.mod(cap, 1), 0))):
        raise ValueError("capacities: must be whole numbers")
    cap = cap.astype(np.int64)
    if cap.size and cap.min() < 0:
        raise ValueError(f"capacities: negative capacity for mentor {int(np.argmin(cap))}")
    lk = _as_pairs(locked, "locked")
    fb = _as_pairs(forbidden, "forbidden")
    for name, p in (("locked", lk), ("forbidden", fb)):
        if p.size and (p[:, 0].min() < 0 or p[:, 0].max() >= n or p[:, 1].min() < 0
                       or p[:, 1].max() >= m):
            raise ValueError(f"{name}: pair index out of range ({n} mentees, {m} mentors)")
    if lk.size:
        u, c = np.unique(lk[:, 0], return_counts=True)
        if (c > 1).any():
            raise ValueError(f"locked: mentee {int(u[c > 1][0])} is locked to several mentors")
        both = np.intersect1d(lk[:, 0] * m + lk[:, 1], fb[:, 0] * m + fb[:, 1])
        if both.size:
            raise ValueError(
                f"locked: pair ({int(both[0] // m)}, {int(both[0] % m)}) is also forbidden"
            )
        used = np.bincount(lk[:, 1], minlength=m)
        over = np.flatnonzero(used > cap)
        if over.size:
            j = int(over[0])
            raise ValueError(
                f"locked: mentor {j} has {int(used[j])} locked pairs but capacity {int(cap[j])}"
            )
    ids_e = np.arange(n) if mentee_ids is None else np.asarray(mentee_ids)
    ids_r = np.arange(m) if mentor_ids is None else np.asarray(mentor_ids)
    if ids_e.shape != (n,) or np.unique(ids_e).size != n:
        raise ValueError("mentee_ids: expected one unique id per mentee")
    if ids_r.shape != (m,) or np.unique(ids_r).size != m:
        raise ValueError("mentor_ids: expected one unique id per mentor")

    coo = mat.tocoo()
    ri, J, S = coo.row.astype(np.int64), coo.col.astype(np.int64), coo.data
    drop = np.zeros(ri.size, bool)
    if fb.size:
        drop |= np.isin(ri * m + J, fb[:, 0] * m + fb[:, 1])
    mentor_of = np.full(n, -1, np.int64)
    locked_scores = np.zeros(0)
    rem = cap.copy()
    if lk.size:
        mentor_of[lk[:, 0]] = lk[:, 1]
        drop |= np.isin(ri, lk[:, 0])
        rem -= np.bincount(lk[:, 1], minlength=m)
        locked_scores = np.asarray(mat[lk[:, 0], lk[:, 1]]).ravel()
    ri, J, S = ri[drop == 0], J[drop == 0], S[drop == 0]
    keep = rem[J] > 0
    ri, J, S = ri[keep], J[keep], S[keep]
    # Canonical order.
    re = np.empty(n, np.int64)
    re[np.argsort(ids_e, kind="stable")] = np.arange(n)
    rr = np.empty(m, np.int64)
    rr[np.argsort(ids_r, kind="stable")] = np.arange(m)
    o = np.lexsort((rr[J], re[ri]))
    ri, J, S = ri[o], J[o], S[o]
    Q = np.rint(S * SCALE).astype(np.int64)

    floor: float | None = None
    if objective == "fair" and ri.size:
        target = _max_flow(ri, J, rem, re, rr, n, m)
        vals = np.unique(Q)
        lo, hi = 0, vals.size - 1  # vals[lo] always feasible (all pairs)
        # Upper limit: `target` mentees need an arc at or above the floor, so the floor is
        # at most the target-th largest best arc of a mentee.
        best = np.full(n, -1, np.int64)
        np.maximum.at(best, ri, Q)
        if target > 0:
            cap_q = np.sort(best)[::-1][target - 1]
            hi = int(np.searchsorted(vals, cap_q, side="right")) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            sel = vals[mid] <= Q
            if _max_flow(ri[sel], J[sel], rem, re, rr, n, m) == target:
                lo = mid
            else:
                hi = mid - 1
        fq = vals[lo]
        floor = float(fq / SCALE)
        sel = fq <= Q
        ri, J, S, Q = ri[sel], J[sel], S[sel], Q[sel]
    chosen, ok = _min_cost_flow(ri, J, Q, rem, re, rr, n, m)
    duals = None
    if certify:
        duals = compute_duals(ri, J, Q, chosen, rem, n, m)
        ok = duals.objective_value == duals.dual_value
    mentor_of[ri[chosen]] = J[chosen]
    matched_scores = np.concatenate([locked_scores, S[chosen]])
    total = float(matched_scores.sum())
    q_total = Q[chosen].sum() / SCALE + float(locked_scores.sum())
    bound = float(q_total + 0.5 * chosen.sum() / SCALE)
    return MatchResult(
        mentor_of=mentor_of,
        total_score=total,
        matched=int((mentor_of >= 0).sum()),
        min_score=float(matched_scores.min()) if matched_scores.size else float("nan"),
        bound=max(bound, total),
        objective=objective,
        floor=floor,
        optimal=ok,
        duals=duals,
    )


def _nodes(ri, J, re, rr, n):
    # source 0, mentees 1..n (canonical rank), mentors n+1..n+m, sink n+m+1
    return 1 + re[ri], 1 + n + rr[J]


def _max_flow(ri, J, rem, re, rr, n, m) -> int:
    from ortools.graph.python import max_flow

    mf = max_flow.SimpleMaxFlow()
    if ri.size == 0:
        return 0
    t, h = _nodes(ri, J, re, rr, n)
    ui = np.unique(re[ri])
    src, sink = 0, n + m + 1
    jj = np.flatnonzero(rem > 0)
    mf.add_arcs_with_capacity(np.zeros(ui.size, np.int64), 1 + ui, np.ones(ui.size, np.int64))
    mf.add_arcs_with_capacity(t, h, np.ones(ri.size, np.int64))
    mf.add_arcs_with_capacity(1 + n + rr[jj], np.full(jj.size, sink, np.int64), rem[jj])
    status = mf.solve(src, sink)
    if status != mf.OPTIMAL:
        raise RuntimeError(f"max flow failed with status {status}")
    return int(mf.optimal_flow())


def _min_cost_flow(ri, J, Q, rem, re, rr, n, m) -> tuple[np.ndarray, bool]:
    from ortools.graph.python import min_cost_flow

    if ri.size == 0:
        return np.zeros(0, bool), True
    mcf = min_cost_flow.SimpleMinCostFlow()
    t, h = _nodes(ri, J, re, rr, n)
    ui = np.unique(re[ri])
    sink = n + m + 1
    jj = np.flatnonzero(rem > 0)
    mcf.add_arcs_with_capacity_and_unit_cost(
        np.zeros(ui.size, np.int64), 1 + ui, np.ones(ui.size, np.int64),
        np.zeros(ui.size, np.int64),
    )
    first = mcf.num_arcs()
    arcs = mcf.add_arcs_with_capacity_and_unit_cost(t, h, np.ones(ri.size, np.int64), SCALE - Q)
    mcf.add_arcs_with_capacity_and_unit_cost(
        1 + n + rr[jj], np.full(jj.size, sink, np.int64), rem[jj], np.zeros(jj.size, np.int64)
    )
    supply = int(ui.size)
    mcf.set_nodes_supplies(np.array([0, sink]), np.array([supply, -supply]))
    status = mcf.solve_max_flow_with_min_cost()
    if status != mcf.OPTIMAL:
        raise RuntimeError(f"min cost flow failed with status {status}")
    arcs = np.arange(first, first + ri.size) if arcs is None else np.asarray(arcs)
    flows = mcf.flows(arcs)
    return np.asarray(flows) > 0, True


def compute_duals(ri, J, Q, chosen, cap, n, m) -> Duals:
    """LP duals of an optimal assignment on arcs (ri, J, Q) — see :class:`Duals`.

    The smallest mentor prices by label correcting (``v_k >= big + q_ik - u_i`` with
    ``u_i = big + q_ij - v_j`` for mentee ``i`` matched to ``j``, ``u_i = 0`` unmatched);
    finite because an optimal assignment has no improving cycle. Then checked: dual
    feasibility on every arc and equal objective values prove optimality.
    """
    big = SCALE * (n + 1)
    w = big + np.asarray(Q, np.int64)
    ri = np.asarray(ri, np.int64)
    J = np.asarray(J, np.int64)
    o = np.argsort(ri, kind="stable")
    rs, cs, ws = ri[o], J[o], w[o]
    indptr = np.zeros(n + 1, np.int64)
    np.cumsum(np.bincount(rs, minlength=n), out=indptr[1:])
    match_arc = np.full(n, -1, np.int64)
    pos = np.empty(o.size, np.int64)
    pos[o] = np.arange(o.size)
    ch = np.flatnonzero(chosen)
    match_arc[ri[ch]] = pos[ch]
    mentor_of = np.full(n, -1, np.int64)
    mentor_of[ri[ch]] = J[ch]
    ordm = np.argsort(mentor_of, kind="stable")
    ordm = ordm[mentor_of[ordm] >= 0]
    mptr = np.zeros(m + 1, np.int64)
    np.cumsum(np.bincount(mentor_of[ordm], minlength=m), out=mptr[1:])
    v, done = _kernels.label_correct(indptr, cs, ws, match_arc, ordm, mptr, m,
                                     int(50 * (o.size + m) + 10_000))
    cap = np.asarray(cap, np.int64)
    v[cap <= 0] = big + SCALE  # no room at all: any price is feasible and costs nothing
    u = np.zeros(n, np.int64)
    mm = match_arc >= 0
    u[mm] = ws[match_arc[mm]] - v[cs[match_arc[mm]]]
    primal = int(ws[match_arc[mm]].sum()) if mm.any() else 0
    feasible = (
        done
        and bool((u >= 0).all() and (v >= 0).all())
        and bool((u[rs] + v[cs] >= ws).all())
    )
    dual = int(u.sum()) + int((cap * v).sum()) if feasible else -1
    return Duals(mentee=u, mentor=v, big=big, scale=SCALE, capacity=cap,
                 objective_value=primal, dual_value=dual)
