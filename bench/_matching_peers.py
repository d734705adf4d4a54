"""Peer algorithms the benchmark compares the engine with (not used by the product)."""

from __future__ import annotations

import sys
import time

import numpy as np
import scipy.sparse as sp

try:
    from numba import njit
except ImportError:  # pragma: no cover

    def njit(*args, **kwargs):  # type: ignore[no-redef]
        if args and callable(args[0]):
            return args[0]
        return lambda f: f


@njit(cache=True)
def _greedy(order, rows, cols, n, cap):  # pragma: no cover
    left = cap.copy()
    mentor_of = np.full(n, -1, np.int64)
    for e in order:
        i, j = rows[e], cols[e]
        if mentor_of[i] < 0 and left[j] > 0:
            mentor_of[i] = j
            left[j] -= 1
    return mentor_of


def greedy(scores: sp.csr_matrix, cap: np.ndarray) -> np.ndarray:
    """Take pairs best score first while both sides are free."""
    coo = scores.tocoo()
    order = np.lexsort((coo.col, coo.row, -coo.data))
    return _greedy(order, coo.row.astype(np.int64), coo.col.astype(np.int64), scores.shape[0],
                   cap.astype(np.int64))


@njit(cache=True)
def _fcfs(arrival, indptr, indices, data, cap):  # pragma: no cover
    left = cap.copy()
    n = indptr.size - 1
    mentor_of = np.full(n, -1, np.int64)
    for i in arrival:
        best, bj = -1.0, -1
        for p in range(indptr[i], indptr[i + 1]):
            j = indices[p]
            if left[j] > 0 and data[p] > best:
                best, bj = data[p], j
        if bj >= 0:
            mentor_of[i] = bj
            left[bj] -= 1
    return mentor_of


def first_come_first_served(scores: sp.csr_matrix, cap: np.ndarray, seed: int) -> np.ndarray:
    """Mentees arrive in random order and take their best mentor with a free slot."""
    arrival = np.random.default_rng(seed).permutation(scores.shape[0])
    return _fcfs(arrival, scores.indptr.astype(np.int64), scores.indices.astype(np.int64),
                 scores.data, cap.astype(np.int64))


@njit(cache=True)
def _da(indptr, order_idx, cols, vals, cap, m):  # pragma: no cover
    n = indptr.size - 1
    nxt = indptr[:-1].copy()
    mentor_of = np.full(n, -1, np.int64)
    held_score = np.full(n, -1.0)
    maxcap = 1
    for j in range(m):
        if cap[j] > maxcap:
            maxcap = cap[j]
    held = np.full((m, maxcap), -1, np.int64)
    count = np.zeros(m, np.int64)
    stack = list(range(n))
    while len(stack) > 0:
        i = stack.pop()
        while nxt[i] < indptr[i + 1]:
            p = order_idx[nxt[i]]
            nxt[i] += 1
            j = cols[p]
            s = vals[p]
            if cap[j] == 0:
                continue
            if count[j] < cap[j]:
                held[j, count[j]] = i
                count[j] += 1
                mentor_of[i] = j
                held_score[i] = s
                break
            # mentor keeps its best: find its worst held mentee (ties: larger index worse)
            w = 0
            for q in range(1, count[j]):
                a, b = held[j, q], held[j, w]
                if held_score[a] < held_score[b] or (held_score[a] == held_score[b] and a > b):
                    w = q
            worst = held[j, w]
            if s > held_score[worst] or (s == held_score[worst] and i < worst):
                held[j, w] = i
                mentor_of[i] = j
                held_score[i] = s
                mentor_of[worst] = -1
                held_score[worst] = -1.0
                stack.append(worst)
                break
    return mentor_of


def deferred_acceptance(scores: sp.csr_matrix, cap: np.ndarray) -> np.ndarray:
    """Mentee-proposing deferred acceptance; both sides rank by the pair score."""
    csr = scores.tocsr()
    csr.sort_indices()
    order_idx = np.empty(csr.nnz, np.int64)
    for i in range(csr.shape[0]):
        a, b = csr.indptr[i], csr.indptr[i + 1]
        order_idx[a:b] = a + np.lexsort((csr.indices[a:b], -csr.data[a:b]))
    return _da(csr.indptr.astype(np.int64), order_idx, csr.indices.astype(np.int64), csr.data,
               cap.astype(np.int64), csr.shape[1])


def deferred_acceptance_library(scores: sp.csr_matrix, cap: np.ndarray) -> np.ndarray:
    """The ``matching`` library's hospital-resident algorithm on the same lists."""
    from matching.games import HospitalResident

    sys.setrecursionlimit(max(sys.getrecursionlimit(), 100_000))
    csr = scores.tocsr()
    n, m = csr.shape
    res_prefs = {}
    hosp_prefs: dict[int, list[tuple[float, int]]] = {j: [] for j in range(m)}
    for i in range(n):
        a, b = csr.indptr[i], csr.indptr[i + 1]
        cols, vals = csr.indices[a:b], csr.data[a:b]
        o = np.lexsort((cols, -vals))
        if o.size:
            res_prefs[i] = [int(c) for c in cols[o]]
        for c, v in zip(cols, vals, strict=True):
            hosp_prefs[int(c)].append((-float(v), i))
    hp = {j: [i for _, i in sorted(v)] for j, v in hosp_prefs.items() if v}
    caps = {j: int(cap[j]) for j in hp}
    game = HospitalResident.create_from_dictionaries(res_prefs, hp, caps)
    sol = game.solve(optimal="resident")
    mentor_of = np.full(n, -1, np.int64)
    for h, residents in sol.items():
        for r in residents:
            mentor_of[int(r.name)] = int(h.name)
    return mentor_of


def lsa_reference(dense: np.ndarray, cap: np.ndarray) -> tuple[np.ndarray, float]:
    """SciPy's dense ``linear_sum_assignment`` on all pairs, mentors repeated by capacity.

    ``dense``: mentees x mentors scores, NaN for not allowed. Returns (mentor_of, seconds).
    """
    from scipy.optimize import linear_sum_assignment

    t = time.perf_counter()
    n, m = dense.shape
    col_mentor = np.repeat(np.arange(m), cap)
    big = float(n + 1)  # any allowed pair beats every disallowed one
    cost = np.where(np.isnan(dense), big, -dense)[:, col_mentor]
    r, c = linear_sum_assignment(cost)
    mentor_of = np.full(n, -1, np.int64)
    ok = ~np.isnan(dense[r, col_mentor[c]])
    mentor_of[r[ok]] = col_mentor[c[ok]]
    return mentor_of, time.perf_counter() - t
