"""Dual certificates, the dual-price refresh (certified on all pairs) and the fused kernel."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mentora.matching.engine import (
    Constraints,
    PairLists,
    Problem,
    build_candidates,
    explain_pairs,
    match,
    solve,
)
from mentora.matching.engine.candidates import score_rows
from mentora.matching.engine.explain import explain
from mentora.matching.engine.synthetic import generate

SETTINGS = settings(max_examples=40, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


def all_pairs(pb: Problem):
    ii, jj = np.meshgrid(np.arange(pb.n), np.arange(pb.m), indexing="ij")
    s, ok = pb.pair_scores(ii.ravel(), jj.ravel())
    return s.reshape(pb.n, pb.m), ok.reshape(pb.n, pb.m)


@st.composite
def dense_instances(draw):
    n = draw(st.integers(1, 9))
    m = draw(st.integers(1, 5))
    rng = np.random.default_rng(draw(st.integers(0, 2**31 - 1)))
    dense = rng.integers(0, 11, size=(n, m)) / 10.0
    dense[rng.random((n, m)) < 0.3] = np.nan
    return dense, rng.integers(0, 3, size=m)


@SETTINGS
@given(dense_instances())
def test_it_certifies_every_solution_with_feasible_duals(inst):
    dense, cap = inst
    res = solve(dense, cap)
    d = res.duals
    assert d is not None and res.optimal
    assert d.dual_value == d.objective_value
    i, j = np.nonzero(~np.isnan(dense))
    q = np.rint(dense[i, j] * d.scale).astype(np.int64)
    live = d.capacity[j] > 0
    assert (d.mentee[i][live] + d.mentor[j][live] >= d.big + q[live]).all()
    assert (d.mentee >= 0).all() and (d.mentor >= 0).all()
    # complementary slackness: a priced mentor is full, an unmatched mentee has value 0
    used = np.bincount(res.mentor_of[res.mentor_of >= 0], minlength=dense.shape[1])
    assert ((d.mentor == 0) | (used == d.capacity) | (d.capacity == 0)).all()
    assert (d.mentee[res.mentor_of < 0] == 0).all()


@settings(max_examples=6, deadline=None)
@given(st.integers(0, 10_000), st.sampled_from(["mentoring", "coaching"]))
def test_it_scores_rows_in_the_fused_kernel_like_the_pair_reference(seed, kind):
    syn = generate(90, 35, 3, seed=seed, dim=16)
    pb = Problem(syn.mentees, syn.mentors, pairs=syn.pairs, kind=kind,
                 constraints=Constraints(min_experience_gap_years=1))
    rows = np.arange(pb.n)
    S = score_rows(pb, rows)
    ref, ok = all_pairs(pb)
    assert np.array_equal(S > -0.5, ok)
    err = pb.float32_error(rows)
    assert (np.abs(S - ref) <= err[:, None])[ok].all(), "error bound violated"
    assert np.array_equal(S[ok], pb.score_block(rows)[ok]) or np.abs(
        S[ok] - pb.score_block(rows)[ok]).max() < 1e-5


@settings(max_examples=8, deadline=None)
@given(st.integers(0, 10_000), st.integers(1, 4), st.integers(0, 3))
def test_it_certifies_the_all_pairs_optimum_from_short_lists(seed, k, l):  # noqa: E741
    syn = generate(160, 40, 3, seed=seed, dim=8)
    pb = Problem(syn.mentees, syn.mentors, pairs=syn.pairs)
    mt = match(pb, syn.capacities, k=k, l=l, add=3, max_rounds=50)
    ref, ok = all_pairs(pb)
    exact = solve(np.where(ok, np.clip(ref, 0, 1), np.nan), syn.capacities)
    assert mt.certified_all_pairs
    assert mt.result.matched == exact.matched
    assert mt.result.total_score == pytest.approx(exact.total_score, abs=1e-5)
    assert mt.result.bound >= exact.total_score - 1e-6
    for i, j in mt.result.pairs():
        assert ok[i, j]


def test_it_keeps_locked_pairs_and_solves_fair_after_pricing():
    syn = generate(120, 30, 3, seed=11, dim=8)
    pb0 = Problem(syn.mentees, syn.mentors, pairs=syn.pairs)
    ref, ok = all_pairs(pb0)
    i, j = np.argwhere(ok)[0]
    pb = Problem(syn.mentees, syn.mentors, pairs=PairLists(locked=[(int(i), int(j))]))
    mt = match(pb, syn.capacities, objective="fair", k=2, l=1)
    assert mt.result.mentor_of[i] == j
    assert mt.result.objective == "fair"
    assert mt.total_result is not None and mt.total_result.matched == mt.result.matched
    assert set(mt.timings) >= {"candidates", "solve", "pricing", "fair_solve"}


def test_it_gives_the_same_reason_codes_in_bulk_as_one_by_one():
    syn = generate(150, 40, 3, seed=2, dim=8)
    for kind in ("mentoring", "coaching"):
        pb = Problem(syn.mentees, syn.mentors, pairs=syn.pairs, labels=syn.labels, kind=kind)
        cand = build_candidates(pb, k=6, l=4)
        coo = cand.scores.tocoo()
        pairs = np.column_stack([coo.row, coo.col])
        for ex in explain_pairs(pb, pairs):
            for c in ex.contributions:
                one = {x.factor: x for x in explain(pb, ex.mentee, ex.mentor).contributions}
                assert (c.code, c.params) == (one[c.factor].code, one[c.factor].params)


@settings(max_examples=6, deadline=None)
@given(st.integers(0, 10_000), st.integers(1, 5), st.integers(0, 6))
def test_it_selects_the_same_lists_tile_by_tile(seed, k, l):  # noqa: E741
    from mentora.matching.engine import candidates as cmod

    syn = generate(200, 45, 3, seed=seed, dim=8)
    pb = Problem(syn.mentees, syn.mentors, pairs=syn.pairs)
    whole = build_candidates(pb, k=k, l=l, chunk_rows=50)
    old = cmod.TILE
    try:
        cmod.TILE = 7
        tiled = build_candidates(pb, k=k, l=l, chunk_rows=50)
    finally:
        cmod.TILE = old
    # Same lists up to float32 summation order (BLAS may block a tile differently).
    fin = np.isfinite(whole.row_threshold)
    assert np.array_equal(fin, np.isfinite(tiled.row_threshold))
    assert np.abs(whole.row_threshold[fin] - tiled.row_threshold[fin]).max(initial=0) < 1e-5
    ref, ok = all_pairs(pb)
    stored = np.zeros_like(ok)
    coo = tiled.scores.tocoo()
    stored[coo.row, coo.col] = True
    assert not (stored & ~ok).any()
    masked = np.where(ok, ref, -np.inf)
    for i in range(pb.n):
        row = np.sort(masked[i][ok[i]])[::-1]
        if row.size:
            kth = row[min(k, row.size) - 1]
            assert stored[i][ok[i] & (masked[i] > kth + 1e-4)].all()
    for j in range(pb.m if l else 0):
        col = np.sort(masked[:, j][ok[:, j]])[::-1]
        if col.size:
            lth = col[min(l, col.size) - 1]
            assert stored[:, j][ok[:, j] & (masked[:, j] > lth + 1e-4)].all()
    # every left-out allowed pair is below its row threshold (+ error bound)
    out = ok & ~stored
    lim = tiled.row_threshold + tiled.row_error
    assert (ref[out] <= np.broadcast_to(lim[:, None], ref.shape)[out]).all()
