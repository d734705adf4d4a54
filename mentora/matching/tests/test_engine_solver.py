"""Properties of the exact solver on random small instances."""

from __future__ import annotations

import itertools
import subprocess
import sys

import numpy as np
import pytest
import scipy.sparse as sp
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.optimize import linear_sum_assignment

from mentora.matching.engine import solve

SETTINGS = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


@st.composite
def instances(draw):
    n = draw(st.integers(1, 7))
    m = draw(st.integers(1, 4))
    seed = draw(st.integers(0, 2**31 - 1))
    rng = np.random.default_rng(seed)
    # Scores on a coarse grid so ties happen.
    dense = rng.integers(0, 11, size=(n, m)) / 10.0
    dense[rng.random((n, m)) < 0.3] = np.nan
    cap = rng.integers(0, 3, size=m)
    return dense, cap, rng


def brute_force(dense, cap, fair=False):
    """Best (matched, total) or (matched, min, total) by enumeration; scores are tenths."""
    n, m = dense.shape
    tenths = np.where(np.isnan(dense), -1, np.rint(dense * 10)).astype(int)
    best = None
    for choice in itertools.product(range(-1, m), repeat=n):
        used = np.bincount([c for c in choice if c >= 0], minlength=m)
        if (used > cap).any():
            continue
        s = [tenths[i, c] for i, c in enumerate(choice) if c >= 0]
        if any(x < 0 for x in s):
            continue
        key = (len(s), min(s, default=0), sum(s)) if fair else (len(s), sum(s))
        if best is None or key > best:
            best = key
    assert best is not None
    return (best[0], *(x / 10 for x in best[1:]))


def check_feasible(res, dense, cap, locked=()):
    n, m = dense.shape
    mo = res.mentor_of
    assert mo.shape == (n,)
    used = np.bincount(mo[mo >= 0], minlength=m)
    assert (used <= cap).all()
    locked_set = {tuple(p) for p in locked}
    for i, j in enumerate(mo):
        if j >= 0 and (i, j) not in locked_set:
            assert not np.isnan(dense[i, j])
    for i, j in locked:
        assert mo[i] == j


@SETTINGS
@given(instances())
def test_it_matches_brute_force_for_total(inst):
    dense, cap, _ = inst
    res = solve(dense, cap)
    check_feasible(res, dense, cap)
    matched, total = brute_force(dense, cap)
    assert res.matched == matched
    assert res.total_score == pytest.approx(total, abs=1e-6)
    assert res.bound >= res.total_score - 1e-12
    assert res.bound - res.total_score <= 1e-6


@SETTINGS
@given(instances())
def test_it_matches_brute_force_for_fair(inst):
    dense, cap, _ = inst
    res = solve(dense, cap, objective="fair")
    check_feasible(res, dense, cap)
    matched, low, total = brute_force(dense, cap, fair=True)
    assert res.matched == matched
    if matched:
        assert res.min_score == pytest.approx(low, abs=1e-6)
        assert res.total_score == pytest.approx(total, abs=1e-6)


@SETTINGS
@given(instances())
def test_it_is_invariant_to_row_and_column_order(inst):
    dense, cap, rng = inst
    n, m = dense.shape
    ids_e = rng.permutation(1000)[:n]
    ids_r = rng.permutation(1000)[:m]
    pr, pc = rng.permutation(n), rng.permutation(m)
    for objective in ("total", "fair"):
        a = solve(dense, cap, objective=objective, mentee_ids=ids_e, mentor_ids=ids_r)
        b = solve(dense[pr][:, pc], cap[pc], objective=objective, mentee_ids=ids_e[pr],
                  mentor_ids=ids_r[pc])
        again = solve(dense, cap, objective=objective, mentee_ids=ids_e, mentor_ids=ids_r)
        assert np.array_equal(a.mentor_of, again.mentor_of)  # deterministic
        pairs_a = {(ids_e[i], ids_r[j]) for i, j in a.pairs()}
        pairs_b = {(ids_e[pr][i], ids_r[pc][j]) for i, j in b.pairs()}
        assert pairs_a == pairs_b


@SETTINGS
@given(instances(), st.data())
def test_it_keeps_locked_pairs_and_excludes_forbidden(inst, data):
    dense, cap, rng = inst
    n, m = dense.shape
    cap = cap + 1
    i = data.draw(st.integers(0, n - 1))
    j = data.draw(st.integers(0, m - 1))
    locked = [(i, j)]
    forbidden = [(x, y) for x in range(n) for y in range(m)
                 if (x, y) != (i, j) and rng.random() < 0.2]
    res = solve(dense, cap, locked=locked, forbidden=forbidden)
    check_feasible(res, dense, cap, locked)
    for x, y in forbidden:
        assert res.mentor_of[x] != y


def test_it_equals_scipy_linear_sum_assignment_on_larger_instances():
    rng = np.random.default_rng(7)
    for _ in range(5):
        n, m, c = 60, 20, 3
        dense = rng.random((n, m))
        cap = np.full(m, c)
        res = solve(sp.csr_matrix(dense), cap)
        cols = np.repeat(np.arange(m), cap)
        r, k = linear_sum_assignment(-dense[:, cols])
        assert res.matched == n
        assert res.total_score == pytest.approx(dense[r, cols[k]].sum(), abs=1e-5)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"scores": np.ones(3), "capacities": [1]}, "2-D"),
        ({"scores": np.ones((2, 2)), "capacities": [1]}, "capacities"),
        ({"scores": np.ones((2, 2)), "capacities": [1, -1]}, "negative capacity"),
        ({"scores": np.full((2, 2), 1.5), "capacities": [1, 1]}, r"\[0, 1\]"),
        ({"scores": np.ones((2, 2)), "capacities": [1, 1], "locked": [(0, 0)],
          "forbidden": [(0, 0)]}, "also forbidden"),
        ({"scores": np.ones((2, 2)), "capacities": [1, 1], "locked": [(0, 0), (1, 0)]},
         "capacity"),
        ({"scores": np.ones((2, 2)), "capacities": [1, 1], "objective": "best"}, "objective"),
        ({"scores": np.ones((2, 2)), "capacities": [1, 1], "locked": [(5, 0)]}, "out of range"),
    ],
)
def test_it_rejects_bad_input_with_a_clear_message(kwargs, message):
    with pytest.raises(ValueError, match=message):
        solve(**kwargs)


def test_it_accepts_csr_with_explicit_zero_scores():
    mat = sp.csr_matrix((np.array([0.0]), (np.array([0]), np.array([1]))), shape=(1, 2))
    res = solve(mat, np.array([1, 1]))
    assert res.mentor_of.tolist() == [1]


def test_it_imports_no_django():
    code = (
        "import mentora.matching.engine, sys; "
        "assert not any(m == 'django' or m.startswith('django.') for m in sys.modules)"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
