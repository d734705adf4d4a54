"""The fit floor ("only good fits") and path-fit figures of the matching engine."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mentora.matching.engine import (
    Constraints,
    Problem,
    build_candidates,
    match,
    path_fit,
    solve,
    why_unmatched,
)
from mentora.matching.engine.synthetic import generate


def all_pairs(pb: Problem):
    ii, jj = np.meshgrid(np.arange(pb.n), np.arange(pb.m), indexing="ij")
    s, ok = pb.pair_scores(ii.ravel(), jj.ravel())
    return s.reshape(pb.n, pb.m), ok.reshape(pb.n, pb.m)


FLOORS = [
    Constraints(fit_floor=True),
    Constraints(fit_floor=True, floor_skills=2),
    Constraints(fit_floor=True, floor_role=False, floor_skills=1),
    Constraints(fit_floor=True, floor_role=False, min_score=0.55),
    Constraints(fit_floor=True, floor_skills=3, min_score=0.5),
]


@settings(max_examples=8, deadline=None)
@given(st.integers(0, 10_000), st.sampled_from(range(len(FLOORS))),
       st.sampled_from(["mentoring", "coaching"]))
def test_it_scores_blocks_like_the_pair_reference_with_a_fit_floor(seed, floor, kind):
    syn = generate(120, 40, 3, seed=seed, dim=16)
    c = FLOORS[floor]
    pb = Problem(syn.mentees, syn.mentors, pairs=syn.pairs, kind=kind, constraints=c)
    ref, ok = all_pairs(pb)
    block = pb.score_block(np.arange(pb.n))
    if c.min_score == 0:  # the bulk score is the floor-free score where min_score decides
        assert np.array_equal(block > -0.5, ok)
    assert np.abs(block[ok] - ref[ok]).max() < 1e-4
    # the reference agrees with the rule, pair by pair
    code = pb.role_code[pb.role_key[:, None], np.arange(pb.m)[None, :]]
    want = pb.skills_wanted.toarray() > 0
    offer = pb.skills_offered.toarray() > 0
    shared = want.astype(int) @ offer.T.astype(int)
    fit = np.zeros_like(ok)
    if c.floor_role:
        fit |= code > 0
    if c.floor_skills:
        fit |= shared >= c.floor_skills
    if not (c.floor_role or c.floor_skills):
        fit[:] = True
    free, free_ok = all_pairs(Problem(syn.mentees, syn.mentors, pairs=syn.pairs, kind=kind))
    expect = free_ok & fit & (free >= c.min_score - 1e-12)
    assert np.array_equal(ok, expect)


@pytest.mark.parametrize("floor", range(len(FLOORS)))
def test_it_finds_the_all_pairs_optimum_under_a_fit_floor(floor):
    syn = generate(150, 40, 3, seed=11 + floor, dim=16)
    pb = Problem(syn.mentees, syn.mentors, pairs=syn.pairs, constraints=FLOORS[floor])
    ref, ok = all_pairs(pb)
    brute = solve(np.where(ok, ref, np.nan), syn.capacities)
    got = match(pb, syn.capacities, k=4, l=3)
    assert got.result.matched == brute.matched
    assert got.result.total_score == pytest.approx(brute.total_score, abs=1e-6)
    for i, j in got.result.pairs():
        assert ok[i, j], "a proposed pair is below the fit floor"


def test_it_leaves_everyone_unmatched_with_the_closest_when_nobody_meets_the_floor():
    syn = generate(30, 10, 2, seed=4, dim=8)
    pb = Problem(syn.mentees, syn.mentors, pairs=syn.pairs,
                 constraints=Constraints(fit_floor=True, floor_role=False, min_score=0.99))
    cand = build_candidates(pb)
    res = solve(cand.scores, syn.capacities)
    assert res.matched == 0
    why = why_unmatched(pb, res, syn.capacities, cand)
    assert len(why) == 30
    for w in why:
        assert w.code == "fit_floor"
        assert "min_score" in w.eliminated
        assert 1 <= len(w.closest) <= 3
        scores = [s for _, s in w.closest]
        assert scores == sorted(scores, reverse=True) and max(scores) < 0.99


def test_it_counts_path_fit_against_the_exact_best_achievable():
    syn = generate(40, 12, 2, seed=8, dim=8)
    pb = Problem(syn.mentees, syn.mentors, pairs=syn.pairs)
    res = match(pb, syn.capacities).result
    fit = path_fit(pb, res.mentor_of, syn.capacities)
    assert fit.held_target + fit.related + fit.neither + fit.no_target == fit.matched
    assert fit.path_fit <= fit.best_achievable
    # brute force: the largest set of mentees who can all get a path-fitting allowed mentor
    _, ok = all_pairs(pb)
    code = pb.role_code[pb.role_key[:, None], np.arange(pb.m)[None, :]]
    edges = ok & (code > 0)
    dense = np.where(edges, 1.0, np.nan)
    assert solve(dense, syn.capacities).matched == fit.best_achievable
    # a tiny pool, checked by enumeration
    small = generate(5, 3, 1, seed=2, dim=4)
    ps = Problem(small.mentees, small.mentors, pairs=small.pairs)
    _, oks = all_pairs(ps)
    cs = ps.role_code[ps.role_key[:, None], np.arange(ps.m)[None, :]]
    e = oks & (cs > 0)
    best = 0
    for assign in itertools.product(range(-1, ps.m), repeat=ps.n):
        used = [a for a in assign if a >= 0]
        if len(used) != len(set(used)):
            continue
        if all(a < 0 or e[i, a] for i, a in enumerate(assign)):
            best = max(best, len(used))
    got = path_fit(ps, np.full(ps.n, -1), small.capacities)
    assert got.best_achievable == best
