"""Path fit: did matched mentees get a mentor who has walked the path they want?

For a result, count the matched mentees whose mentor has held their target role, a related
role (or one of its family), or neither, and compare with the best achievable in the pool:
the maximum number of mentees who could each get a path-fitting mentor at once (an exact
maximum-cardinality assignment over the allowed path-fitting pairs, within capacities).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from .scoring import Problem
from .solver import solve

FLOOR = ("fit_floor", "min_score")


@dataclass(frozen=True)
class PathFit:
    """Path-fit figures of a result; ``best_achievable`` is exact for the pool."""

    matched: int
    held_target: int
    related: int
    neither: int
    no_target: int
    best_achievable: int

    @property
    def path_fit(self) -> int:
        """Matched mentees whose mentor held their target or a related role."""
        return self.held_target + self.related

    def as_dict(self) -> dict[str, int]:
        return {"matched": self.matched, "held_target": self.held_target,
                "related": self.related, "neither": self.neither,
                "no_target": self.no_target, "path_fit": self.path_fit,
                "best_achievable": self.best_achievable}


def path_fitting_pairs(problem: Problem, max_pairs: int = 20_000_000) -> sp.csr_matrix:
    """CSR (mentees x mentors) of allowed pairs whose role code is a path fit (value 1).

    Hard constraints apply, except the fit floor itself. Raises ``ValueError`` beyond
    ``max_pairs`` path-fitting pairs (the exact count would not fit in memory).
    """
    n, m = problem.n, problem.m
    fits = problem.role_code > 0  # (distinct role keys x mentors)
    per_key = fits.sum(axis=1)
    total = int(per_key[problem.role_key].sum()) if n else 0
    if total > max_pairs:
        raise ValueError(f"too many path-fitting pairs ({total:,}) to count exactly")
    rows, cols = [], []
    for key in np.flatnonzero(per_key):
        mentors = np.flatnonzero(fits[key])
        mentees = np.flatnonzero(problem.role_key == key)
        rows.append(np.repeat(mentees, mentors.size))
        cols.append(np.tile(mentors, mentees.size))
    i = np.concatenate(rows) if rows else np.zeros(0, np.int64)
    j = np.concatenate(cols) if cols else np.zeros(0, np.int64)
    ok = np.ones(i.size, bool)
    step = 1 << 20
    for s0 in range(0, i.size, step):
        _, fail = problem.pair_values(i[s0:s0 + step], j[s0:s0 + step])
        for name, hit in fail.items():
            if name not in FLOOR:
                ok[s0:s0 + step] &= ~hit
    i, j = i[ok], j[ok]
    return sp.csr_matrix((np.ones(i.size), (i, j)), shape=(n, m))


def path_fit(problem: Problem, mentor_of: np.ndarray, capacities) -> PathFit:
    """Path-fit figures of an assignment (``mentor_of[i]`` is a mentor index or -1)."""
    mo = np.asarray(mentor_of, np.int64)
    matched = np.flatnonzero(mo >= 0)
    code = problem.role_code[problem.role_key[matched], mo[matched]] if matched.size else \
        np.zeros(0, np.uint8)
    no_target = (problem.target[matched] < 0) & (problem.target_group[matched] < 0)
    held = int(np.count_nonzero(code == 3))
    related = int(np.count_nonzero((code == 1) | (code == 2)))
    neither = int(np.count_nonzero((code == 0) & ~no_target))
    fitting = path_fitting_pairs(problem)
    best = 0
    if fitting.nnz:
        best = solve(fitting, np.asarray(capacities, np.int64), certify=False).matched
    return PathFit(matched=int(matched.size), held_target=held, related=related,
                   neither=neither, no_target=int(np.count_nonzero(no_target)),
                   best_achievable=int(best))
