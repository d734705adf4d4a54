"""Fused selection passes over a score block (Numba when installed, NumPy otherwise).

Both implementations return the same entries; Numba only avoids the dozen full passes over
the block that the NumPy version needs.
"""

from __future__ import annotations

import numpy as np

try:  # pragma: no cover - exercised when numba is installed
    from numba import njit, prange

    HAVE_NUMBA = True
except ImportError:  # pragma: no cover
    HAVE_NUMBA = False


def _np_block_stats(S, col_edges, k, cutoff, row_edges, pool):
    r, m = S.shape
    nb = col_edges.size
    rowmax = S.max(axis=1)
    if nb > k:
        bm = np.maximum.reduceat(S, col_edges, axis=1)
        tau = np.partition(bm, nb - k, axis=1)[:, nb - k]
    else:
        tau = np.full(r, -np.inf, np.float32)
    tau = np.maximum(tau, cutoff).astype(np.float32)
    L = pool.shape[1]
    if L:
        cm = np.maximum.reduceat(S, row_edges, axis=0)
        cat = np.concatenate([pool, cm.T], axis=1)
        kk = cat.shape[1] - L
        pool[:] = np.partition(cat, kk, axis=1)[:, kk:]
    return tau, rowmax


def _np_collect(S, tau, sigma):
    mask = tau[:, None] <= S
    if sigma is not None:
        mask |= sigma[None, :] <= S
    ri, ci = np.nonzero(mask)
    return ri.astype(np.int64), ci.astype(np.int64), S[ri, ci]


if HAVE_NUMBA:

    @njit(parallel=True, cache=True)
    def _nb_block_stats(S, col_edges, k, cutoff, row_edges, pool):  # pragma: no cover
        r, m = S.shape
        nb = col_edges.size
        nrb = row_edges.size
        L = pool.shape[1]
        tau = np.empty(r, np.float32)
        rowmax = np.empty(r, np.float32)
        cm = np.empty((nrb, m), np.float32)
        for b in prange(nrb):
            r0 = row_edges[b]
            r1 = row_edges[b + 1] if b + 1 < nrb else r
            cmb = cm[b]
            for c in range(m):
                cmb[c] = -np.inf
            bm = np.empty(nb, np.float32)
            for i in range(r0, r1):
                row = S[i]
                rmx = -np.inf
                for q in range(nb):
                    c0 = col_edges[q]
                    c1 = col_edges[q + 1] if q + 1 < nb else m
                    mx = -np.inf
                    if L > 0:
                        for c in range(c0, c1):
                            v = row[c]
                            if v > mx:
                                mx = v
                            if v > cmb[c]:
                                cmb[c] = v
                    else:
                        for c in range(c0, c1):
                            v = row[c]
                            if v > mx:
                                mx = v
                    bm[q] = mx
                    if mx > rmx:
                        rmx = mx
                rowmax[i] = rmx
                t = np.partition(bm, nb - k)[nb - k] if nb > k else -np.inf
                tau[i] = t if t > cutoff else cutoff
        if L > 0:
            for c in prange(m):
                p = pool[c]
                # index and value of the pool minimum
                mi = 0
                for q in range(1, L):
                    if p[q] < p[mi]:
                        mi = q
                for b in range(nrb):
                    v = cm[b, c]
                    if v > p[mi]:
                        p[mi] = v
                        mi = 0
                        for q in range(1, L):
                            if p[q] < p[mi]:
                                mi = q
        return tau, rowmax

    @njit(parallel=True, cache=True)
    def _nb_collect(S, tau, sigma):  # pragma: no cover
        r, m = S.shape
        counts = np.zeros(r, np.int64)
        for i in prange(r):
            t = tau[i]
            row = S[i]
            cnt = 0
            for c in range(m):
                v = row[c]
                if v >= t or v >= sigma[c]:
                    cnt += 1
            counts[i] = cnt
        offs = np.zeros(r + 1, np.int64)
        for i in range(r):
            offs[i + 1] = offs[i] + counts[i]
        ri = np.empty(offs[r], np.int64)
        ci = np.empty(offs[r], np.int64)
        vv = np.empty(offs[r], np.float32)
        for i in prange(r):
            t = tau[i]
            row = S[i]
            o = offs[i]
            for c in range(m):
                v = row[c]
                if v >= t or v >= sigma[c]:
                    ri[o] = i
                    ci[o] = c
                    vv[o] = v
                    o += 1
        return ri, ci, vv


if HAVE_NUMBA:

    @njit(cache=True)
    def _worse(va, pa, vb, pb):  # pragma: no cover
        return va < vb or (va == vb and pa > pb)

    @njit(parallel=True, cache=True)
    def _nb_col_heaps(S, rows, pid, cutoff, hv, hr, hp):  # pragma: no cover
        r, m = S.shape
        L = hv.shape[1]
        nstripes = (m + 255) // 256
        for st in prange(nstripes):
            c0 = st * 256
            c1 = min(m, c0 + 256)
            for i in range(r):
                row = S[i]
                g = rows[i]
                p = pid[g]
                for c in range(c0, c1):
                    v = row[c]
                    if v < cutoff:
                        continue
                    if not _worse(hv[c, 0], hp[c, 0], v, p):
                        continue
                    # replace the root (the worst kept entry) and sift down
                    q = 0
                    while True:
                        a = 2 * q + 1
                        if a >= L:
                            break
                        b = a + 1
                        w = a
                        if b < L and _worse(hv[c, b], hp[c, b], hv[c, a], hp[c, a]):
                            w = b
                        if _worse(hv[c, w], hp[c, w], v, p):
                            hv[c, q] = hv[c, w]
                            hr[c, q] = hr[c, w]
                            hp[c, q] = hp[c, w]
                            q = w
                        else:
                            break
                    hv[c, q] = v
                    hr[c, q] = g
                    hp[c, q] = p


def column_heaps(S, rows, pid, cutoff, hv, hr, hp) -> None:
    """Keep, per column, the ``L`` best (score, then smaller person id) entries seen so far in
    heaps ``hv`` (values), ``hr`` (mentee index, -1 empty), ``hp`` (person id)."""
    if HAVE_NUMBA:
        _nb_col_heaps(S, rows, pid, np.float32(cutoff), hv, hr, hp)
        return
    L = hv.shape[1]
    r = S.shape[0]
    vals = np.where(np.greater_equal(S, cutoff), S, -np.inf).astype(np.float32)
    allv = np.concatenate([hv, vals.T], axis=1)
    allr = np.concatenate([hr, np.broadcast_to(rows, (S.shape[1], r))], axis=1)
    allp = np.concatenate([hp, np.broadcast_to(pid[rows], (S.shape[1], r))], axis=1)
    order = np.lexsort((allp, -allv), axis=1)[:, :L]
    hv[:] = np.take_along_axis(allv, order, axis=1)
    hr[:] = np.where(np.isfinite(hv), np.take_along_axis(allr, order, axis=1), -1)
    hp[:] = np.take_along_axis(allp, order, axis=1)


def block_stats(S, col_edges, k, cutoff, row_edges, pool):
    """Per-row threshold (k-th largest column-block maximum, at least ``cutoff``) and row
    maximum; updates ``pool`` (m x L) with the block's row-block maxima (keeping the L largest
    per column)."""
    if HAVE_NUMBA:
        return _nb_block_stats(S, col_edges, np.int64(k), np.float32(cutoff), row_edges, pool)
    return _np_block_stats(S, col_edges, k, np.float32(cutoff), row_edges, pool)


def collect(S, tau, sigma):
    """Entries with ``S[i, c] >= tau[i]`` or ``S[i, c] >= sigma[c]``, in row-major order."""
    if HAVE_NUMBA:
        if sigma is None:
            sigma = np.full(S.shape[1], np.inf, np.float32)
        return _nb_collect(S, tau, sigma)
    return _np_collect(S, tau, sigma)
