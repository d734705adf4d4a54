"""Scoring, candidate generation, constraints and explanations of the matching engine."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mentora.matching.engine import (
    FACTORS,
    Constraints,
    MenteeFeatures,
    MentorFeatures,
    PairLists,
    Problem,
    Weights,
    build_candidates,
    explain,
    explain_pairs,
    solve,
    why_unmatched,
)
from mentora.matching.engine.factors import CODES
from mentora.matching.engine.synthetic import generate


def all_pairs(pb: Problem):
    ii, jj = np.meshgrid(np.arange(pb.n), np.arange(pb.m), indexing="ij")
    s, ok = pb.pair_scores(ii.ravel(), jj.ravel())
    return s.reshape(pb.n, pb.m), ok.reshape(pb.n, pb.m)


@settings(max_examples=8, deadline=None)
@given(st.integers(0, 10_000), st.sampled_from(["mentoring", "coaching"]))
def test_it_scores_blocks_like_the_pair_reference(seed, kind):
    syn = generate(120, 40, 3, seed=seed, dim=16)
    pb = Problem(syn.mentees, syn.mentors, pairs=syn.pairs, kind=kind,
                 constraints=Constraints(min_experience_gap_years=1))
    block = pb.score_block(np.arange(pb.n))
    ref, ok = all_pairs(pb)
    assert np.array_equal(block > -0.5, ok)
    assert np.abs(block[ok] - ref[ok]).max() < 1e-4
    assert ((ref >= 0) & (ref <= 1)).all()


@settings(max_examples=6, deadline=None)
@given(st.integers(0, 10_000), st.integers(1, 6), st.integers(0, 8))
def test_it_keeps_each_sides_exact_top_lists(seed, k, l):  # noqa: E741
    syn = generate(150, 30, 3, seed=seed, dim=8)
    pb = Problem(syn.mentees, syn.mentors, pairs=syn.pairs)
    cand = build_candidates(pb, k=k, l=l, chunk_rows=37)
    ref, ok = all_pairs(pb)
    got = cand.scores.toarray()
    stored = np.zeros_like(ok)
    stored[cand.scores.nonzero()] = True
    stored[cand.scores.tocoo().row, cand.scores.tocoo().col] = True
    assert not (stored & ~ok).any(), "a candidate fails a hard constraint"
    masked = np.where(ok, ref, -np.inf)
    for i in range(pb.n):
        row = np.sort(masked[i][ok[i]])[::-1]
        if row.size:
            kth = row[min(k, row.size) - 1]
            # every allowed mentor scoring clearly above the k-th value is kept
            assert stored[i][ok[i] & (masked[i] > kth + 1e-4)].all()
            assert stored[i].sum() >= min(k, row.size)
    for j in range(pb.m if l else 0):
        col = np.sort(masked[:, j][ok[:, j]])[::-1]
        if col.size:
            lth = col[min(l, col.size) - 1]
            assert stored[:, j][ok[:, j] & (masked[:, j] > lth + 1e-4)].all()
    np.testing.assert_allclose(got[stored], ref[stored], atol=1e-12)


def test_it_finds_the_all_pairs_optimum_with_full_lists_and_honours_constraints():
    syn = generate(200, 50, 3, seed=3, dim=16)
    pb = Problem(syn.mentees, syn.mentors, pairs=syn.pairs)
    cand = build_candidates(pb, k=pb.m, l=pb.n)
    res = solve(cand.scores, syn.capacities)
    ref, ok = all_pairs(pb)
    dense = np.where(ok, ref, np.nan)
    brute = solve(dense, syn.capacities)
    assert res.matched == brute.matched
    assert res.total_score == pytest.approx(brute.total_score, abs=1e-6)
    for i, j in res.pairs():
        assert ok[i, j]
    assert (np.bincount(res.mentor_of[res.mentor_of >= 0], minlength=pb.m)
            <= syn.capacities).all()


def test_it_explains_every_pair_exactly():
    syn = generate(80, 20, 3, seed=5, dim=16)
    pb = Problem(syn.mentees, syn.mentors, pairs=syn.pairs, labels=syn.labels)
    cand = build_candidates(pb, k=5, l=5)
    coo = cand.scores.tocoo()
    for ex in explain_pairs(pb, np.column_stack([coo.row, coo.col])):
        total = sum(c.contribution for c in ex.contributions)
        assert total == pytest.approx(cand.scores[ex.mentee, ex.mentor], abs=1e-12)
        assert ex.score == pytest.approx(total)
        assert [c.factor for c in ex.contributions] == list(FACTORS)
        for c in ex.contributions:
            assert 0 <= c.value <= 1
            assert c.contribution == pytest.approx(c.weight * c.value)
            assert CODES[c.code][0] == c.factor
        assert ex.allowed


def small_people(n: int, m: int, **over):
    av = np.zeros((1, 168), bool)
    av[0, 9:17] = True
    mentee = dict(
        person_id=np.arange(n), years=np.zeros(n, int), availability=np.repeat(av, n, 0),
        languages=np.ones((n, 2), bool), target_occupation=np.zeros(n, int),
    )
    mentor = dict(
        person_id=np.arange(100, 100 + m), years=np.full(m, 10),
        availability=np.repeat(av, m, 0), languages=np.ones((m, 2), bool),
        held_occupations=np.ones((m, 1)),
    )
    for key, val in over.items():
        side, field = key.split("__")
        (mentee if side == "e" else mentor)[field] = val
    return MenteeFeatures(**mentee), MentorFeatures(**mentor)


def test_it_gives_a_reason_code_with_parameters_per_factor():
    e, r = small_people(1, 1)
    pb = Problem(e, r, labels=dataclasses.replace(
        __import__("mentora.matching.engine", fromlist=["Labels"]).Labels(),
        occupations={0: "Marketing Manager"}))
    ex = explain(pb, 0, 0)
    reasons = {c.factor: (c.code, c.params) for c in ex.contributions}
    assert reasons["role"] == ("role.held_target", {"role": "Marketing Manager"})
    assert reasons["availability"] == ("availability.overlap", {"hours": 8.0})
    assert reasons["experience"] == ("experience.more_years", {"years": 10})


def test_it_enforces_hard_constraints():
    langs_e = np.array([[True, False]])
    langs_r = np.array([[False, True], [True, False], [True, False], [True, False]])
    av_r = np.zeros((4, 168), bool)
    av_r[:, 9:17] = True
    av_r[2] = False
    av_r[2, 100:110] = True  # no overlap with the mentee
    e, r = small_people(
        1, 4, e__languages=langs_e, r__languages=langs_r, r__availability=av_r,
        e__manager_chain=np.array([[103, -1]]),
    )
    pb = Problem(e, r, constraints=Constraints(reporting_line_depth=1))
    _, ok = all_pairs(pb)
    # 0: no shared language, 1: fine, 2: no overlap, 3: the mentee's manager
    assert ok.tolist() == [[False, True, False, False]]
    pb2 = Problem(e, r, pairs=PairLists(do_not_pair=[(0, 1)]),
                  constraints=Constraints(reporting_line_depth=1))
    cand = build_candidates(pb2)
    res = solve(cand.scores, np.ones(4, int))
    assert res.matched == 0
    (why,) = why_unmatched(pb2, res, np.ones(4, int))
    assert why.code == "constraints"
    assert why.eliminated == {"do_not_pair": 1, "reporting_line": 1, "shared_language": 1,
                              "min_overlap": 1}


def test_it_says_when_capacity_went_to_better_fitting_mentees():
    e, r = small_people(2, 1, e__years=np.array([0, 9]))
    pb = Problem(e, r)
    cand = build_candidates(pb)
    res = solve(cand.scores, np.array([1]))
    assert res.matched == 1
    (why,) = why_unmatched(pb, res, np.array([1]))
    assert why.code == "capacity"
    assert why.room == 0 and why.allowed_mentors == 1


def test_it_keeps_admin_locked_pairs_in_candidates():
    e, r = small_people(1, 2, r__languages=np.array([[False, False], [True, True]]))
    langs_e = np.array([[False, True]])
    e = dataclasses.replace(e, languages=langs_e)
    pb = Problem(e, r, pairs=PairLists(locked=[(0, 0)], forbidden=[(0, 1)]))
    cand = build_candidates(pb)
    res = solve(cand.scores, np.array([1, 1]), locked=[(0, 0)], forbidden=[(0, 1)])
    assert res.mentor_of.tolist() == [0]


def test_shortlist_and_avoid_move_the_preference_factor():
    e, r = small_people(1, 3)
    pb = Problem(e, r, pairs=PairLists(shortlist=[(0, 0)], avoid=[(0, 2)]))
    vals = [explain(pb, 0, j).contributions[FACTORS.index("preference")].value
            for j in range(3)]
    assert vals == [1.0, 0.5, 0.0]


@pytest.mark.parametrize(
    ("over", "message"),
    [
        ({"e__style": np.full((1, 5), 7)}, "style"),
        ({"e__availability": np.zeros((1, 24), bool)}, "availability"),
        ({"e__embedding": np.full((1, 4), 3.0), "r__embedding": np.zeros((1, 4))},
         "L2-normalised"),
        ({"e__person_id": np.array([1, 1])}, "person_id"),
    ],
)
def test_it_rejects_bad_features_with_a_clear_message(over, message):
    with pytest.raises(ValueError, match=message):
        e, r = small_people(1, 1, **over)
        Problem(e, r)


def test_weights_are_normalised_and_validated():
    w = Weights().normalised()
    assert sum(w.values()) == pytest.approx(1.0)
    with pytest.raises(ValueError, match="Weights"):
        Weights(role=-1).normalised()
