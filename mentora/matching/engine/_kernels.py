"""Fused selection passes over a score block (Numba when installed, NumPy otherwise).

Both implementations return the same entries; Numba only avoids the dozen full passes over
the block that the NumPy version needs.
"""

from __future__ import annotations

import os

# Numba's OpenMP workers otherwise spin after every parallel region and take the cores
# OpenBLAS needs for the next GEMM (measured: the fused passes ran 2-4x slower). Set before
# the first parallel call starts the pool; an explicit setting wins.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

import numpy as np  # noqa: E402

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


# --------------------------------------------------------------------------------------------
# Fused row pass (candidate build): one read of each GEMM row, finished in a per-row buffer.

if HAVE_NUMBA:

    @njit(cache=True)
    def _heap_push_min(h, size, v):  # pragma: no cover
        """Min-heap of the ``h.size`` largest values seen; returns the new size."""
        k = h.size
        if size < k:
            q = size
            h[q] = v
            while q > 0:
                p = (q - 1) // 2
                if h[p] > h[q]:
                    t = h[p]
                    h[p] = h[q]
                    h[q] = t
                    q = p
                else:
                    break
            return size + 1
        if v <= h[0]:
            return size
        h[0] = v
        q = 0
        while True:
            a = 2 * q + 1
            if a >= k:
                break
            b = a + 1
            w = a
            if b < k and h[b] < h[a]:
                w = b
            if h[w] < h[q]:
                t = h[w]
                h[w] = h[q]
                h[q] = t
                q = w
            else:
                break
        return size

    @njit(parallel=True, cache=True)
    def _nb_rows(S, tables, tab_idx, rtab, ridx, dept_rows, dept_r, wd, k, cutoff, sigma,
                 cap):  # pragma: no cover
        r, m = S.shape
        ntab = tab_idx.shape[1]
        tau = np.empty(r, np.float32)
        rowmax = np.empty(r, np.float32)
        ne = np.zeros(r, np.int64)
        nr = np.zeros(r, np.int64)
        e_col = np.empty((r, cap), np.int64)
        e_val = np.empty((r, cap), np.float32)
        r_col = np.empty((r, cap), np.int64)
        r_val = np.empty((r, cap), np.float32)
        for i in prange(r):
            row = S[i]
            for t in range(ntab):
                tr = tables[tab_idx[i, t]]
                for c in range(m):
                    row[c] += tr[c]
            rt = rtab[ridx[i]]
            for c in range(m):
                row[c] += rt[c]
            de = dept_rows[i]
            if de >= 0:
                for c in range(m):
                    row[c] -= wd if dept_r[c] == de else np.float32(0.0)
            # one scan: running k-th largest (heap), over-collect entries >= it, mentor side
            h = np.empty(k, np.float32)
            size = 0
            h0 = cutoff
            mx = np.float32(-np.inf)
            a = 0
            b = 0
            for c0 in range(0, m, 32):
                c1 = min(m, c0 + 32)
                hit = False
                for c in range(c0, c1):  # vectorised test: most chunks have no candidate
                    hit |= (row[c] >= h0) | (row[c] >= sigma[c])
                if not hit:
                    continue
                for c in range(c0, c1):
                    x = row[c]
                    if x >= h0:
                        size = _heap_push_min(h, size, x)
                        if size == k and h[0] > h0:
                            h0 = h[0]
                        if x > mx:
                            mx = x
                        if a < cap:
                            e_col[i, a] = c
                            e_val[i, a] = x
                        a += 1
                    elif x >= sigma[c] and x >= cutoff:
                        if b < cap:
                            r_col[i, b] = c
                            r_val[i, b] = x
                        b += 1
            rowmax[i] = mx
            tau[i] = h0
            # drop over-collected entries (below the final threshold) to the mentor side
            if a <= cap:
                q = 0
                for p in range(a):
                    x = e_val[i, p]
                    if x >= h0:
                        e_col[i, q] = e_col[i, p]
                        e_val[i, q] = x
                        q += 1
                    elif x >= sigma[e_col[i, p]]:
                        if b < cap:
                            r_col[i, b] = e_col[i, p]
                            r_val[i, b] = x
                        b += 1
                a = q
            ne[i] = a
            nr[i] = b
        return tau, rowmax, ne, nr, e_col, e_val, r_col, r_val

    @njit(cache=True)
    def _nb_merge_heaps(g_rows, cols, vals, pid, hv, hr, hp):  # pragma: no cover
        L = hv.shape[1]
        for e in range(cols.size):
            c = cols[e]
            v = vals[e]
            g = g_rows[e]
            p = pid[g]
            if not _worse(hv[c, 0], hp[c, 0], v, p):
                continue
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


def _np_rows(S, tables, tab_idx, rtab, ridx, dept_rows, dept_r, wd, k, cutoff, sigma):
    r, m = S.shape
    for t in range(tab_idx.shape[1]):
        S += tables[tab_idx[:, t]]
    S += rtab[ridx]
    same = (dept_rows[:, None] >= 0) & (dept_r[None, :] == dept_rows[:, None])
    S -= np.where(same, wd, np.float32(0))
    ok = cutoff <= S
    vals = np.where(ok, S, -np.inf)
    rowmax = vals.max(axis=1).astype(np.float32)
    kk = min(k, m)
    kth = -np.partition(-vals, kk - 1, axis=1)[:, kk - 1]
    tau = np.where(ok.sum(axis=1) >= k, kth, cutoff).astype(np.float32)
    return tau, rowmax, tau[:, None] <= S, ~(tau[:, None] <= S) & (sigma[None, :] <= S) & ok


def finish_rows(S, tables, tab_idx, rtab, ridx, dept_rows, dept_r, wd, k, cutoff, sigma):
    """Finish a GEMM block in place: add the per-row table rows (``tables[tab_idx[i, t]]``:
    tabulated factors, hard-constraint penalties, same department), the role values
    ``rtab[ridx[i]]`` and (if not tabulated) the same-department correction; then per row the
    threshold ``tau`` (k-th largest allowed value, or ``cutoff``), the row maximum, and as
    (row, col, value) arrays the entries ``>= tau`` (mentee side) and the other allowed
    entries ``>= sigma[c]`` (mentor side)."""
    k = max(int(k), 1)
    cutoff = np.float32(cutoff)
    if not HAVE_NUMBA:
        tau, rowmax, me, mr = _np_rows(S, tables, tab_idx, rtab, ridx, dept_rows, dept_r,
                                       np.float32(wd), k, cutoff, sigma)
        er, ec = np.nonzero(me)
        rr, rc = np.nonzero(mr)
        return tau, rowmax, er, ec, S[er, ec], rr, rc, S[rr, rc]
    cap = 4 * k + 128
    tau, rowmax, ne, nr, e_col, e_val, r_col, r_val = _nb_rows(
        S, tables, tab_idx, rtab, ridx, dept_rows, dept_r, np.float32(wd), np.int64(k), cutoff,
        sigma, np.int64(cap))
    over = np.flatnonzero((ne > cap) | (nr > cap))
    ne_c = np.minimum(ne, cap)
    nr_c = np.minimum(nr, cap)
    ne_c[over] = 0
    nr_c[over] = 0
    me = np.arange(cap)[None, :] < ne_c[:, None]
    mr = np.arange(cap)[None, :] < nr_c[:, None]
    er = np.nonzero(me)[0]
    rr = np.nonzero(mr)[0]
    parts = [(er, e_col[me], e_val[me], rr, r_col[mr], r_val[mr])]
    for i in over:  # rare: more survivors than the per-row slots (large ties)
        row = S[i]
        ok = row >= cutoff
        a = np.flatnonzero(row >= tau[i])
        b = np.flatnonzero(~(row >= tau[i]) & (row >= sigma) & ok)
        parts.append((np.full(a.size, i), a, row[a], np.full(b.size, i), b, row[b]))
    cat = [np.concatenate([p[q] for p in parts]) for q in range(6)]
    return (tau, rowmax, cat[0].astype(np.int64), cat[1].astype(np.int64), cat[2],
            cat[3].astype(np.int64), cat[4].astype(np.int64), cat[5])


def merge_heaps(g_rows, cols, vals, pid, hv, hr, hp) -> None:
    """Insert (mentee ``g_rows``, column ``cols``, value ``vals``) entries into the column
    heaps of :func:`column_heaps`."""
    if HAVE_NUMBA:
        _nb_merge_heaps(g_rows, cols, vals, pid, hv, hr, hp)
        return
    for g, c, v in zip(g_rows, cols, vals, strict=True):
        p = pid[g]
        w = int(np.lexsort((-hp[c], hv[c]))[0])  # the worst kept entry
        if hv[c, w] < v or (hv[c, w] == v and hp[c, w] > p):
            hv[c, w], hr[c, w], hp[c, w] = v, g, p


def _label_correct_py(indptr, cs, ws, match_arc, ordm, mptr, m, limit):
    from collections import deque

    n = indptr.size - 1
    v = np.zeros(m, np.int64)
    for i in range(n):
        if match_arc[i] < 0:
            for a in range(indptr[i], indptr[i + 1]):
                if ws[a] > v[cs[a]]:
                    v[cs[a]] = ws[a]
    q = deque(range(m))
    inq = np.ones(m, bool)
    steps = 0
    while q:
        j = q.popleft()
        inq[j] = False
        for p in range(mptr[j], mptr[j + 1]):
            i = ordm[p]
            ui = ws[match_arc[i]] - v[j]
            for a in range(indptr[i], indptr[i + 1]):
                k = cs[a]
                if k != j and ws[a] - ui > v[k]:
                    v[k] = ws[a] - ui
                    if not inq[k]:
                        inq[k] = True
                        q.append(k)
                steps += 1
        if steps > limit:
            return v, False
    return v, True


if HAVE_NUMBA:

    @njit(cache=True)
    def _nb_label_correct(indptr, cs, ws, match_arc, ordm, mptr, m, limit):  # pragma: no cover
        n = indptr.size - 1
        v = np.zeros(m, np.int64)
        for i in range(n):
            if match_arc[i] < 0:
                for a in range(indptr[i], indptr[i + 1]):
                    if ws[a] > v[cs[a]]:
                        v[cs[a]] = ws[a]
        q = np.empty(m + 1, np.int64)
        inq = np.ones(m, np.bool_)
        for j in range(m):
            q[j] = j
        head = 0
        tail = m
        size = m
        steps = 0
        while size > 0:
            j = q[head]
            head = (head + 1) % (m + 1)
            size -= 1
            inq[j] = False
            for p in range(mptr[j], mptr[j + 1]):
                i = ordm[p]
                ui = ws[match_arc[i]] - v[j]
                for a in range(indptr[i], indptr[i + 1]):
                    k = cs[a]
                    if k != j and ws[a] - ui > v[k]:
                        v[k] = ws[a] - ui
                        if not inq[k]:
                            inq[k] = True
                            q[tail] = k
                            tail = (tail + 1) % (m + 1)
                            size += 1
                    steps += 1
            if steps > limit:
                return v, False
        return v, True


def label_correct(indptr, cs, ws, match_arc, ordm, mptr, m, limit):
    """Smallest mentor prices satisfying the dual constraints (see solver.compute_duals);
    returns (prices, finished)."""
    if HAVE_NUMBA:
        return _nb_label_correct(indptr, cs, ws, match_arc, ordm, mptr, np.int64(m),
                                 np.int64(limit))
    return _label_correct_py(indptr, cs, ws, match_arc, ordm, mptr, m, limit)


# --------------------------------------------------------------------------------------------
# Tiled variant: the GEMM runs on column tiles of a row block, so each tile and the table
# slices it needs stay in cache; per-row selection state is carried from tile to tile.

if HAVE_NUMBA:

    @njit(parallel=True, cache=True)
    def _nb_tile(T, c0, tables, tab_idx, rtab, ridx, dept_rows, dept_r, wd, cutoff, sigma,
                 heap, hsize, h0s, mxs, na, nb, e_col, e_val, r_col, r_val):  # pragma: no cover
        r, tw = T.shape
        ntab = tab_idx.shape[1]
        k = heap.shape[1]
        cap = e_col.shape[1]
        for i in prange(r):
            row = T[i]
            for t in range(ntab):
                tr = tables[tab_idx[i, t]]
                for c in range(tw):
                    row[c] += tr[c0 + c]
            rt = rtab[ridx[i]]
            for c in range(tw):
                row[c] += rt[c0 + c]
            de = dept_rows[i]
            if de >= 0:
                for c in range(tw):
                    row[c] -= wd if dept_r[c0 + c] == de else np.float32(0.0)
            h = heap[i]
            size = hsize[i]
            h0 = h0s[i]
            mx = mxs[i]
            a = na[i]
            b = nb[i]
            for q0 in range(0, tw, 32):
                q1 = min(tw, q0 + 32)
                hit = False
                for c in range(q0, q1):
                    hit |= (row[c] >= h0) | (row[c] >= sigma[c0 + c])
                if not hit:
                    continue
                for c in range(q0, q1):
                    x = row[c]
                    if x >= h0:
                        size = _heap_push_min(h, size, x)
                        if size == k and h[0] > h0:
                            h0 = h[0]
                        if x > mx:
                            mx = x
                        if a < cap:
                            e_col[i, a] = c0 + c
                            e_val[i, a] = x
                        a += 1
                    elif x >= sigma[c0 + c] and x >= cutoff:
                        if b < cap:
                            r_col[i, b] = c0 + c
                            r_val[i, b] = x
                        b += 1
            hsize[i] = size
            h0s[i] = h0
            mxs[i] = mx
            na[i] = a
            nb[i] = b

    @njit(parallel=True, cache=True)
    def _nb_tile_final(h0s, sigma, na, nb, e_col, e_val, r_col, r_val):  # pragma: no cover
        r = h0s.size
        cap = e_col.shape[1]
        for i in prange(r):
            a = na[i]
            b = nb[i]
            if a > cap or b > cap:
                continue
            h0 = h0s[i]
            q = 0
            for p in range(a):
                x = e_val[i, p]
                if x >= h0:
                    e_col[i, q] = e_col[i, p]
                    e_val[i, q] = x
                    q += 1
                elif x >= sigma[e_col[i, p]]:
                    if b < cap:
                        r_col[i, b] = e_col[i, p]
                        r_val[i, b] = x
                    b += 1
            na[i] = q
            nb[i] = b


# --------------------------------------------------------------------------------------------
# Pricing pass over re-scored rows.

if HAVE_NUMBA:

    @njit(cache=True)
    def _heap_push_pair(hv, hc, size, v, c):  # pragma: no cover
        """Min-heap on ``hv`` (payload ``hc``) keeping the ``hv.size`` largest values."""
        k = hv.size
        if size < k:
            q = size
            hv[q] = v
            hc[q] = c
            while q > 0:
                p = (q - 1) // 2
                if hv[p] > hv[q]:
                    hv[p], hv[q] = hv[q], hv[p]
                    hc[p], hc[q] = hc[q], hc[p]
                    q = p
                else:
                    break
            return size + 1
        if v <= hv[0]:
            return size
        hv[0] = v
        hc[0] = c
        q = 0
        while True:
            a = 2 * q + 1
            if a >= k:
                break
            b = a + 1
            w = a
            if b < k and hv[b] < hv[a]:
                w = b
            if hv[w] < hv[q]:
                hv[w], hv[q] = hv[q], hv[w]
                hc[w], hc[q] = hc[q], hc[w]
                q = w
            else:
                break
        return size

    @njit(parallel=True, cache=True)
    def _nb_price(S, base, vf, cutoff, st_ptr, st_idx, add, C, cap, floor):
        # pragma: no cover
        r, m = S.shape
        kth = np.full(r, -np.inf, np.float32)
        n_ext = np.zeros(r, np.int64)
        ext_col = np.empty((r, cap), np.int64)
        n_cand = np.zeros(r, np.int64)
        cand_col = np.full((r, C), -1, np.int64)
        for i in prange(r):
            row = S[i]
            mark = np.zeros(m, np.bool_)
            for p in range(st_ptr[i], st_ptr[i + 1]):
                mark[st_idx[p]] = True
            h = np.empty(add, np.float32)
            size = 0
            h0 = cutoff
            for c in range(m):
                x = row[c]
                if x >= h0 and not mark[c]:
                    size = _heap_push_min(h, size, x)
                    if size == add and h[0] > h0:
                        h0 = h[0]
            kt = h[0] if size == add else cutoff
            if floor[i] > kt:
                kt = floor[i]
            if size == add or kt > cutoff:
                kth[i] = kt
            hv = np.empty(C, np.float32)
            hc = np.empty(C, np.int64)
            hs = 0
            ne = 0
            nc = 0
            bi = base[i]
            for c in range(m):
                x = row[c]
                if mark[c] or x < cutoff:
                    continue
                if x >= kt:
                    if ne < cap:
                        ext_col[i, ne] = c
                    ne += 1
                    continue
                sl = x - bi - vf[c]
                if sl >= 0:
                    nc += 1
                    hs = _heap_push_pair(hv, hc, hs, sl, c)
            n_ext[i] = ne
            n_cand[i] = nc
            for q in range(hs):
                cand_col[i, q] = hc[q]
        return kth, n_ext, ext_col, n_cand, cand_col


if HAVE_NUMBA:

    @njit(parallel=True, cache=True)
    def _nb_pair_dots(ee, er, i, j):  # pragma: no cover
        out = np.empty(i.size)
        d = ee.shape[1]
        for p in prange(i.size):
            a = ee[i[p]]
            b = er[j[p]]
            s = 0.0
            for q in range(d):
                s += np.float64(a[q]) * np.float64(b[q])
            out[p] = s
        return out


def pair_dots(ee, er, i, j):
    """float64 dot products of rows ``ee[i]`` and ``er[j]`` (float32 inputs)."""
    if HAVE_NUMBA:
        return _nb_pair_dots(ee, er, np.ascontiguousarray(i, np.int64),
                             np.ascontiguousarray(j, np.int64))
    out = np.empty(i.size)
    step = 1 << 16
    for s in range(0, i.size, step):
        a = ee[i[s : s + step]].astype(np.float64)
        b = er[j[s : s + step]].astype(np.float64)
        out[s : s + step] = np.einsum("ij,ij->i", a, b)
    return out
