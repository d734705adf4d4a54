"""Pair scores: one definition, two evaluations.

``Problem`` validates the features and precomputes encodings. A pair's score is
``sum(w[f] * x[f](i, j))`` over :data:`FACTORS`, each ``x[f]`` in [0, 1] and the weights
normalised to sum to 1.

- :meth:`Problem.pair_values` evaluates factors for explicit pairs in float64: it is the
  reference, used for the scores handed to the solver and for explanations.
- :meth:`Problem.score_block` evaluates a block of mentees against every mentor in float32
  with one or two matrix products: every factor that depends on a (mentee attribute, mentor
  attribute) pair of small cardinality is a table lookup written as ``A @ B.T`` with a one-hot
  side; hard constraints become a large negative penalty (:data:`PENALTY`) in the same products.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from .encoding import PENALTY, Table, unique_rows
from .factors import REGISTRY
from .factors.skills import shared_counts
from .types import (
    FACTORS,
    STYLE_AXES,
    Constraints,
    Kind,
    Labels,
    MenteeFeatures,
    MentorFeatures,
    PairLists,
    Weights,
)

ALLOWED_CUTOFF = -0.5
"""Bulk scores below this are failed pairs; allowed ones are in [0, 1] up to rounding."""

ONEHOT_LIMIT = 192
ROWADD_LIMIT_BYTES = 256 * 2**20

CONSTRAINT_NAMES = (
    "forbidden",
    "do_not_pair",
    "same_person",
    "reporting_line",
    "shared_language",
    "min_overlap",
    "experience_gap",
    "fit_floor",
    "min_score",
)


class Problem:
    """Validated features plus the encodings used by scoring, candidates and explanations."""

    # State the factor modules' ``prepare`` / ``tables`` hooks set (see engine/factors).
    role_key: np.ndarray  # role: distinct role key per mentee
    role_code: np.ndarray  # role: (key x mentor) 0 none, 1 family, 2 related, 3 target
    role_values: np.ndarray  # role: value per code
    role_unique_target: np.ndarray
    _skill_bits: tuple[np.ndarray, np.ndarray]  # skills
    _skill_cnt: np.ndarray
    _focus_bits: tuple[np.ndarray, np.ndarray]  # experience (coaching)
    _focus_cnt: np.ndarray
    _tl_e: np.ndarray  # personality: trait levels
    _tl_r: np.ndarray
    overlap_hours: np.ndarray  # availability: (mentee week x mentor week) hours
    pref_keys: np.ndarray  # preference: pair keys and weighted deltas
    pref_delta: np.ndarray
    _pref_sorted: tuple[np.ndarray, np.ndarray]
    dept_cols: dict[int, np.ndarray]  # cross_department: mentors per department
    _answer_sets: tuple[sp.csr_matrix, sp.csr_matrix]  # answers
    _answer_bits: tuple[np.ndarray, np.ndarray]
    _answer_cnt: np.ndarray

    def __init__(
        self,
        mentees: MenteeFeatures,
        mentors: MentorFeatures,
        *,
        weights: Weights | None = None,
        constraints: Constraints | None = None,
        pairs: PairLists | None = None,
        kind: Kind = "mentoring",
        labels: Labels | None = None,
    ) -> None:
        if kind not in ("mentoring", "coaching"):
            raise ValueError(f"kind: expected 'mentoring' or 'coaching', got {kind!r}")
        self.kind = kind
        self.weights = weights or Weights()
        self.constraints = constraints or Constraints()
        self.labels = labels or Labels()
        self.w = self.weights.normalised()
        self.n = n = len(mentees)
        self.m = m = len(mentors)
        e = mentees._normalise_common()
        r = mentors._normalise_common()
        self.e, self.r = e, r
        if e["embedding"].shape[1] != r["embedding"].shape[1]:
            if e["embedding"].shape[1] == 1 or r["embedding"].shape[1] == 1:
                d = max(e["embedding"].shape[1], r["embedding"].shape[1])
                for side in (e, r):
                    if side["embedding"].shape[1] != d:
                        side["embedding"] = np.zeros((len(side["person_id"]), d), np.float32)
            else:
                raise ValueError("embedding: mentees and mentors have different dimensions")
        if e["availability"].shape[1] != r["availability"].shape[1]:
            raise ValueError("availability: mentees and mentors use different resolutions")
        if e["languages"].shape[1] != r["languages"].shape[1]:
            raise ValueError("languages: mentees and mentors have different language counts")
        self.slot_hours = 168.0 / e["availability"].shape[1]

        # Career role inputs.
        t = mentees.target_occupation
        self.target = np.full(n, -1, np.int64) if t is None else np.asarray(t, np.int64)
        g = mentees.target_group
        self.target_group = np.full(n, -1, np.int64) if g is None else np.asarray(g, np.int64)
        if self.target.shape != (n,) or self.target_group.shape != (n,):
            raise ValueError("target_occupation/target_group: expected one value per mentee")
        held = _csr_any(mentors.held_occupations, m, "held_occupations")
        hgroups = _csr_any(mentors.held_groups, m, "held_groups")
        n_occ = max(held.shape[1], int(self.target.max(initial=-1)) + 1)
        related = _csr_any(mentees.related_occupations, n, "related_occupations")
        n_occ = max(n_occ, related.shape[1])
        self.held = _resize(held, n_occ)
        self.related = _resize(related, n_occ)
        n_grp = max(hgroups.shape[1], int(self.target_group.max(initial=-1)) + 1)
        self.held_groups = _resize(hgroups, n_grp)

        self.skills_wanted = _csr_any(mentees.skills_wanted, n, "skills_wanted")
        self.skills_offered = _csr_any(mentors.skills_offered, m, "skills_offered")
        n_sk = max(self.skills_wanted.shape[1], self.skills_offered.shape[1])
        self.skills_wanted = _resize(self.skills_wanted, n_sk)
        self.skills_offered = _resize(self.skills_offered, n_sk)
        self.focus_wanted = _csr_any(mentees.focus_wanted, n, "focus_wanted")
        self.focus_offered = _csr_any(mentors.focus_offered, m, "focus_offered")
        n_f = max(self.focus_wanted.shape[1], self.focus_offered.shape[1])
        self.focus_wanted = _resize(self.focus_wanted, n_f)
        self.focus_offered = _resize(self.focus_offered, n_f)
        cred = mentors.credential
        self.credential = np.zeros(m, np.int8) if cred is None else np.asarray(cred, np.int8)
        if self.credential.shape != (m,) or (m and not self.credential.min() >= 0):
            raise ValueError("credential: expected one value 0..2 per mentor")
        if m and self.credential.max() > 2:
            raise ValueError("credential: expected one value 0..2 per mentor")
        imp = mentees.style_importance
        self.importance = (
            np.where(e["style"] > 0, 2, 0).astype(np.int8)
            if imp is None
            else np.asarray(imp, np.int8)
        )
        if self.importance.shape != (n, STYLE_AXES) or (
            n and (self.importance.min() < 0 or self.importance.max() > 2)
        ):
            raise ValueError("style_importance: expected (n, 5) values 0, 1 or 2")

        pl = (pairs or PairLists()).arrays()
        for name, a in pl.items():
            if a.size and (a[:, 0].min() < 0 or a[:, 0].max() >= n or a[:, 1].min() < 0
                           or a[:, 1].max() >= m):
                raise ValueError(f"{name}: pair index out of range")
        self.pair_lists = pl
        self._build()

    # ------------------------------------------------------------------ encodings
    def _build(self) -> None:
        n, m, w = self.n, self.m, self.w
        e, r = self.e, self.r
        for fac in REGISTRY:
            if hasattr(fac, "prepare"):
                fac.prepare(self)
        # Fit floor ("only good fits"): a pair whose role code is not a path fit fails, unless
        # it shares enough wanted skills (a sparse +PENALTY delta undoes the penalty then).
        cf = self.constraints
        self.floor_path = bool(cf.fit_floor and (cf.floor_role or cf.floor_skills > 0))
        fails = np.zeros(4, bool)
        if self.floor_path:
            fails[:] = True
            if cf.floor_role:
                fails[1:] = False
        self.role_floor_fail = fails
        # The bulk role term per code: weighted value, minus the penalty of a failed floor.
        self.role_bulk = self.role_values * w["role"] - PENALTY * fails

        # Row tables: each factor's (value and/or its rule), then rules of no factor.
        tables: list[Table] = []
        for fac in REGISTRY:
            if hasattr(fac, "tables"):
                tables.extend(fac.tables(self))
            elif hasattr(fac, "table"):  # categorical: one attribute id per person
                ku_, kv_, raw_ = fac.table(e["attributes"][fac.ATTRIBUTE],
                                           r["attributes"][fac.ATTRIBUTE])
                tables.append(Table(fac.NAME, None, ku_, kv_, raw_, None))
        c = self.constraints
        if c.require_shared_language and e["languages"].shape[1]:
            le, kle = unique_rows(e["languages"])
            lr, klr = unique_rows(r["languages"])
            share = (le.astype(np.int32) @ lr.astype(np.int32).T) > 0
            none_e = ~np.asarray(le.any(axis=1))
            none_r = ~np.asarray(lr.any(axis=1))
            allowed = share | none_e[:, None] | none_r[None, :]
            tables.append(Table(None, "shared_language", kle, klr, None, allowed))
        for tb in tables:
            tab = tb.raw if tb.raw is not None else tb.allowed
            assert tab is not None
            U_, V_ = tab.shape
            if U_ * m * 4 <= ROWADD_LIMIT_BYTES:
                # one float32 row per distinct mentee value, added row-wise (no GEMM columns,
                # and the -PENALTY of a failed constraint never meets an allowed pair's sum)
                tb.mode = "rowadd"
                tb.bulk_rows = tb.bulk_table(w.get(tb.factor, 0.0) if tb.factor else 0.0)[
                    :, tb.kv
                ].astype(np.float32)
            elif min(U_, V_) <= ONEHOT_LIMIT:
                tb.mode, tb.side = "onehot", ("mentor" if V_ <= U_ else "mentee")
            else:
                raise ValueError(
                    f"{tb.factor or tb.constraint}: too many distinct values on both sides "
                    f"({U_} x {V_}) to encode"
                )
        self.tables = tables
        self._tables_by_factor = {tb.factor: tb for tb in tables if tb.factor}

        # Linear parts: A (n x k) and B (m x k), float32 — each factor's weighted blocks, then
        # the tables too large to add row-wise.
        a_parts: list[np.ndarray] = []
        b_parts: list[np.ndarray] = []
        for fac in REGISTRY:
            if hasattr(fac, "linear"):
                for a, b in fac.linear(self, w[fac.NAME]):
                    a_parts.append(a)
                    b_parts.append(b)
        for tb in tables:
            if tb.mode != "onehot":
                continue
            a, b = _factorise(tb.bulk_table(w.get(tb.factor, 0.0) if tb.factor else 0.0))
            a_parts.append(a[tb.ku])
            b_parts.append(b[tb.kv])
        if not a_parts:
            a_parts, b_parts = [np.zeros((n, 1))], [np.zeros((m, 1))]
        self.A = np.ascontiguousarray(np.hstack(a_parts), dtype=np.float32)
        self.B = np.ascontiguousarray(np.hstack(b_parts).T, dtype=np.float32)

        # Sparse pair deltas: the factors' (preferences) and the sparse hard constraints.
        self.sparse_fail = self._sparse_failures()
        d_keys = [np.zeros(0, np.int64)]
        d_vals = [np.zeros(0)]
        for fac in REGISTRY:
            if hasattr(fac, "deltas"):
                k_, v_ = fac.deltas(self)
                d_keys.append(k_)
                d_vals.append(v_)
        fail_keys = np.unique(np.concatenate([v for v in self.sparse_fail.values()]))
        rescue = self._floor_rescued()
        self.floor_rescued_keys = rescue
        all_keys = np.concatenate([*d_keys, fail_keys, rescue])
        vals = np.concatenate([*d_vals, np.full(fail_keys.size, -PENALTY),
                               np.full(rescue.size, PENALTY)])
        o = np.argsort(all_keys, kind="stable")
        self.delta_keys: np.ndarray = all_keys[o]
        self.delta_vals: np.ndarray = vals[o]
        self.k_dims = self.A.shape[1]
        rowadd = [tb for tb in tables if tb.mode == "rowadd"]
        blocks: list[np.ndarray] = [tb.bulk_rows for tb in rowadd if tb.bulk_rows is not None]
        offs = np.cumsum(np.array([0] + [b.shape[0] for b in blocks], dtype=np.int64))
        self.row_tables = (
            np.ascontiguousarray(np.vstack(blocks)) if blocks else np.zeros((1, m), np.float32)
        )
        self._row_tab_keys = [(tb.ku, int(o)) for tb, o in zip(rowadd, offs, strict=False)]
        # Same department: remove the cross-department bonus with one more row table.
        self._dept_in_tables = False
        dept_e = e["department"]
        n_dept = int(max(dept_e.max(initial=-1), r["department"].max(initial=-1))) + 1
        if self.dept_cols and (n_dept + 1) * m * 4 <= ROWADD_LIMIT_BYTES:
            dt = np.zeros((n_dept + 1, m), np.float32)
            known = r["department"] >= 0
            dt[r["department"][known], np.flatnonzero(known)] = -np.float32(w["cross_department"])
            key = np.where(dept_e >= 0, dept_e, n_dept).astype(np.int64)
            self._row_tab_keys.append((key, int(self.row_tables.shape[0]) if rowadd else 1))
            self.row_tables = np.ascontiguousarray(np.vstack([self.row_tables, dt]))
            self._dept_in_tables = True
        # Rigorous float32 error bound per mentee (see float32_error).
        self._abs_ab = np.abs(self.A).astype(np.float64) @ (
            np.abs(self.B).max(axis=1).astype(np.float64) if m else np.zeros(self.A.shape[1])
        )
        self._n_adds = len(rowadd) + 3
        # A rescued pair's sum meets -PENALTY and +PENALTY: float32 rounding at that magnitude.
        self._rescue_rows = np.zeros(n, bool)
        self._rescue_rows[rescue // max(m, 1)] = True
        self._fail_sorted = {k: np.sort(v) for k, v in self.sparse_fail.items()}

    def table(self, factor: str) -> Table:
        """The row table of a factor (``KeyError`` when it has none)."""
        return self._tables_by_factor[factor]

    def _floor_rescued(self) -> np.ndarray:
        """Pair keys (i * m + j) failing the role part of the fit floor but sharing at least
        ``floor_skills`` wanted skills (a good fit after all)."""
        c = self.constraints
        if not (self.floor_path and c.floor_skills > 0 and self.role_floor_fail.any()
                and self.skills_wanted.shape[1]):
            return np.zeros(0, np.int64)
        both = (self.skills_wanted @ self.skills_offered.T).tocoo()
        ok = both.data >= c.floor_skills - 1e-9
        i, j = both.row[ok].astype(np.int64), both.col[ok].astype(np.int64)
        failing = self.role_floor_fail[self.role_code[self.role_key[i], j]]
        return np.unique(i[failing] * self.m + j[failing])

    def floor_failures(self, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        """Pairs failing the path part of the fit floor (bool per pair)."""
        if not self.floor_path:
            return np.zeros(np.asarray(i).size, bool)
        fail = self.role_floor_fail[self.role_code[self.role_key[i], j]]
        if self.constraints.floor_skills > 0:
            fail &= shared_counts(self, i, j) < self.constraints.floor_skills
        return fail

    def _sparse_failures(self) -> dict[str, np.ndarray]:
        """Pair keys (i * m + j) failing the sparse hard constraints."""
        n, m = self.n, self.m
        pl = self.pair_lists
        out = {
            "forbidden": np.unique(pl["forbidden"][:, 0] * m + pl["forbidden"][:, 1]),
            "do_not_pair": np.unique(pl["do_not_pair"][:, 0] * m + pl["do_not_pair"][:, 1]),
        }
        pe, pr = self.e["person_id"], self.r["person_id"]
        oe, orr = np.argsort(pe), np.argsort(pr)

        def lookup(ids: np.ndarray, sorted_ids: np.ndarray, order: np.ndarray) -> np.ndarray:
            pos = np.searchsorted(sorted_ids, ids)
            pos = np.minimum(pos, max(sorted_ids.size - 1, 0))
            hit = (sorted_ids.size > 0) & (sorted_ids[pos] == ids) & (ids >= 0)
            return np.where(hit, order[pos] if order.size else -1, -1)

        se, sr = pe[oe], pr[orr]
        j_self = lookup(pe, sr, orr)
        ok = j_self >= 0
        out["same_person"] = np.unique(np.nonzero(ok)[0] * m + j_self[ok])
        depth = self.constraints.reporting_line_depth
        keys: list[np.ndarray] = []
        if depth > 0:
            ce = self.e["manager_chain"][:, :depth]
            j = lookup(ce.ravel(), sr, orr).reshape(ce.shape)
            ii = np.broadcast_to(np.arange(n)[:, None], ce.shape)
            keys.append(ii[j >= 0] * m + j[j >= 0])
            cr = self.r["manager_chain"][:, :depth]
            i = lookup(cr.ravel(), se, oe).reshape(cr.shape)
            jj = np.broadcast_to(np.arange(m)[:, None], cr.shape)
            keys.append(i[i >= 0] * m + jj[i >= 0])
        out["reporting_line"] = (
            np.unique(np.concatenate(keys)) if keys else np.zeros(0, np.int64)
        )
        return out

    # ------------------------------------------------------------------ evaluation
    def pair_values(
        self, i: np.ndarray, j: np.ndarray
    ) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
        """Raw factor values (each in [0, 1]) and per-constraint failure flags for pairs."""
        i = np.asarray(i, np.int64)
        j = np.asarray(j, np.int64)
        m = self.m
        raw: dict[str, np.ndarray] = {}
        for fac in REGISTRY:
            if hasattr(fac, "value"):
                raw[fac.NAME] = fac.value(self, i, j)
            else:  # a factor with a row table: a lookup of the same table
                raw[fac.NAME] = self.table(fac.NAME).lookup(i, j, "raw")
        key = i * m + j

        fail: dict[str, np.ndarray] = {}
        for name, keys in self._fail_sorted.items():
            fail[name] = _member(key, keys)
        for tb in self.tables:
            if tb.constraint and tb.allowed is not None:
                fail[tb.constraint] = ~tb.lookup(i, j, "allowed")
        fail["fit_floor"] = self.floor_failures(i, j)
        if self.constraints.fit_floor and self.constraints.min_score > 0:
            score = np.zeros(i.size)
            for f in FACTORS:
                score += self.w[f] * raw[f]
            fail["min_score"] = score < self.constraints.min_score - 1e-12
        for name in CONSTRAINT_NAMES:
            fail.setdefault(name, np.zeros(i.size, bool))
        return raw, fail

    def pair_scores(self, i: np.ndarray, j: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """float64 scores and an allowed flag for explicit pairs."""
        raw, fail = self.pair_values(i, j)
        score = np.zeros(np.asarray(i).size)
        for f in FACTORS:
            score += self.w[f] * raw[f]
        allowed = np.ones(score.size, bool)
        for v in fail.values():
            allowed &= ~v
        return score, allowed

    def float32_error(self, rows: np.ndarray) -> np.ndarray:
        """Per mentee, a bound on |float32 bulk score - exact score| for every allowed pair.

        Standard dot-product bound ``gamma_K * sum_k |a_ik| max_j |b_kj|`` for the GEMM (plus
        the float32 rounding of A and B), and one rounding per row-wise addition.
        """
        u = 2.0**-24
        kk = self.A.shape[1] + 2
        gamma = kk * u / (1 - kk * u)
        return ((gamma + 2 * u) * self._abs_ab[rows] * 1.01 + (2 * self._n_adds + 4) * u + 1e-9
                + np.where(self._rescue_rows[rows], 8 * PENALTY * u, 0.0))

    def gemm_block(self, rows: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
        """The GEMM part of :meth:`score_block` plus the sparse pair deltas; the row tables,
        role and department terms are added by ``_kernels.finish_rows``."""
        r = rows.size
        if out is None:
            out = np.empty((r, self.m), dtype=np.float32)
        np.matmul(self.A[rows], self.B, out=out)
        self._add_deltas(rows, out)
        return out

    def kernel_inputs(self, rows: np.ndarray) -> dict:
        """Per-row arguments of ``_kernels.finish_rows`` for mentees ``rows``."""
        idx = np.empty((rows.size, len(self._row_tab_keys)), np.int64)
        for t, (ku, off) in enumerate(self._row_tab_keys):
            idx[:, t] = ku[rows] + off
        uk, ridx = np.unique(self.role_key[rows], return_inverse=True)
        rtab = self.role_bulk[self.role_code[uk]].astype(np.float32)
        return dict(
            tables=self.row_tables, tab_idx=idx, rtab=rtab, ridx=ridx.astype(np.int64),
            dept_rows=(self.e["department"][rows]
                       if self.dept_cols and not self._dept_in_tables
                       else np.full(rows.size, -1, np.int64)),
            dept_r=self.r["department"], wd=self.w["cross_department"],
        )

    def row_failures(self, i: int) -> dict[str, np.ndarray]:
        """Per hard constraint, which mentors mentee ``i`` fails it with (bool, one per mentor)."""
        m = self.m
        out: dict[str, np.ndarray] = {}
        lo, hi = i * m, i * m + m
        for name, keys in self._fail_sorted.items():
            f = np.zeros(m, bool)
            a, b = np.searchsorted(keys, [lo, hi])
            f[keys[a:b] - lo] = True
            out[name] = f
        for tb in self.tables:
            if tb.constraint and tb.allowed is not None:
                out[tb.constraint] = ~tb.allowed[tb.ku[i]][tb.kv]
        if self.floor_path or (self.constraints.fit_floor and self.constraints.min_score > 0):
            ii, jj = np.full(m, i, np.int64), np.arange(m)
            _, fail = self.pair_values(ii, jj)
            out["fit_floor"], out["min_score"] = fail["fit_floor"], fail["min_score"]
        for name in CONSTRAINT_NAMES:
            out.setdefault(name, np.zeros(m, bool))
        return out

    def delta_entries(self, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Sparse pair deltas (preferences, sparse hard constraints) of mentees ``rows`` as
        (position in ``rows``, mentor, float32 value)."""
        m = self.m
        dk = self.delta_keys
        lo = np.searchsorted(dk, rows * m)
        hi = np.searchsorted(dk, rows * m + m)
        cnt = hi - lo
        sel = np.repeat(lo, cnt) + _ranges(cnt)
        rr = np.repeat(np.arange(rows.size), cnt)
        cc = dk[sel] - rows[rr] * m
        return rr, cc, self.delta_vals[sel].astype(np.float32)

    def _add_deltas(self, rows: np.ndarray, out: np.ndarray) -> None:
        if not self.delta_keys.size:
            return
        rr, cc, vv = self.delta_entries(rows)
        if rr.size:
            np.add.at(out, (rr, cc), vv)

    def score_block(self, rows: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
        """float32 scores of mentees ``rows`` against all mentors; failed pairs < -0.5.

        ``rows`` should be sorted by ``role_key`` for speed (runs of equal keys are added as
        one broadcast row).
        """
        r = rows.size
        m = self.m
        if out is None:
            out = np.empty((r, m), dtype=np.float32)
        np.matmul(self.A[rows], self.B, out=out)
        # Role: runs of equal keys.
        if self.role_bulk.any():
            keys = self.role_key[rows]
            vals = self.role_bulk.astype(np.float32)
            bounds = np.flatnonzero(np.diff(keys)) + 1
            starts = np.concatenate([[0], bounds])
            ends = np.concatenate([bounds, [r]])
            for s0, s1 in zip(starts, ends, strict=True):
                codes = self.role_code[keys[s0]]
                if codes.any() or vals[0] != 0:
                    out[s0:s1] += vals[codes]
        for tb in self.tables:
            if tb.mode == "rowadd":
                assert tb.bulk_rows is not None
                out += tb.bulk_rows[tb.ku[rows]]
        # Same department: remove the cross-department bonus.
        if self.dept_cols:
            wd = np.float32(self.w["cross_department"])
            dr = self.e["department"][rows]
            for d in np.unique(dr[dr >= 0]):
                cols = self.dept_cols.get(int(d))
                if cols is None:
                    continue
                ri = np.flatnonzero(dr == d)
                out[np.ix_(ri, cols)] -= wd
        # Sparse deltas (preferences and sparse hard constraints).
        if self.delta_keys.size:
            dk = self.delta_keys
            # rows are arbitrary mentee ids: look each row's key range up.
            lo = np.searchsorted(dk, rows * m)
            hi = np.searchsorted(dk, rows * m + m)
            cnt = hi - lo
            if cnt.any():
                sel = np.repeat(lo, cnt) + _ranges(cnt)
                rr = np.repeat(np.arange(r), cnt)
                cc = dk[sel] - rows[rr] * m
                np.add.at(out, (rr, cc), self.delta_vals[sel].astype(np.float32))
        return out


def _factorise(t: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``t == a @ b.T`` with as few columns as float32 allows (a one-hot side or an SVD)."""
    U, V = t.shape
    onehot = (t, np.eye(V)) if V <= U else (np.eye(U), t.T)
    if min(U, V) <= 2 or not np.isfinite(t).all():
        return onehot
    u, s, vt = np.linalg.svd(t, full_matrices=False)
    rank = int((s > s[0] * 1e-9).sum()) if s.size and s[0] > 0 else 0
    if rank >= min(U, V):
        return onehot
    return u[:, :rank] * s[:rank], vt[:rank].T


def _ranges(cnt: np.ndarray) -> np.ndarray:
    """Concatenated aranges of the given lengths."""
    total = int(cnt.sum())
    if total == 0:
        return np.zeros(0, np.int64)
    starts = np.cumsum(cnt) - cnt
    return np.arange(total) - np.repeat(starts, cnt)


def _csr_any(x, n: int, name: str) -> sp.csr_matrix:
    if x is None:
        return sp.csr_matrix((n, 0), dtype=np.float32)
    mtx = sp.csr_matrix(x, dtype=np.float32)
    if mtx.shape[0] != n:
        raise ValueError(f"{name}: expected {n} rows, got {mtx.shape[0]}")
    mtx.sum_duplicates()
    mtx.data[:] = 1.0
    mtx.eliminate_zeros()
    return mtx


def _resize(x: sp.csr_matrix, cols: int) -> sp.csr_matrix:
    if x.shape[1] == cols:
        return x
    y = x.copy()
    y.resize((x.shape[0], cols))
    return y


def _member(x: np.ndarray, sorted_keys: np.ndarray) -> np.ndarray:
    if sorted_keys.size == 0:
        return np.zeros(x.size, bool)
    pos = np.minimum(np.searchsorted(sorted_keys, x), sorted_keys.size - 1)
    return sorted_keys[pos] == x
