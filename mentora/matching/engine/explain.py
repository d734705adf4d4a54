"""Explanations of pair scores and of unmatched mentees, as reason codes with parameters.

No prose leaves the engine: each factor of a pair carries a code of its registry module
(``engine/factors``) and JSON-ready parameters; ``mentora/matching/reasons.py`` words them for
the mentee, the mentor and a manager.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .candidates import Candidates
from .factors import CODES, REGISTRY
from .scoring import CONSTRAINT_NAMES, Problem
from .solver import MatchResult
from .types import FACTORS

CONSTRAINT_TEXT = {
    "forbidden": "forbidden by a program manager",
    "do_not_pair": "on a do-not-pair list",
    "same_person": "the same person",
    "reporting_line": "in the same reporting line",
    "shared_language": "no shared language",
    "min_overlap": "too little shared weekly availability",
    "experience_gap": "not enough more experience",
    "fit_floor": "below the program's fit floor",
    "min_score": "below the program's minimum score",
}


@dataclass(frozen=True)
class Contribution:
    """One factor of a pair's score: ``contribution == weight * value``."""

    factor: str
    weight: float
    value: float
    contribution: float
    code: str
    params: dict

    @property
    def polarity(self) -> str:
        """``for`` (a reason for the match), ``against`` (lowers the score) or ``info``."""
        return CODES[self.code][1]


@dataclass(frozen=True)
class Explanation:
    """A pair's score as the sum of its factor contributions."""

    mentee: int
    mentor: int
    score: float
    allowed: bool
    failed_constraints: tuple[str, ...]
    contributions: tuple[Contribution, ...]


@dataclass(frozen=True)
class Unmatched:
    """Why a mentee has no mentor, as a code: ``"constraints"`` (no mentor passed the hard
    constraints), ``"fit_floor"`` (the ones that did are all below the program's fit floor),
    ``"capacity"`` (every allowed mentor is full), ``"pruned"`` (an allowed mentor has room but
    was outside the candidate lists) or ``"no_mentors"``. ``eliminated`` counts mentors removed
    by each hard constraint, applied in order (so the counts add up to the number of mentors);
    ``room`` is how many allowed mentors still have room; ``closest`` holds up to three
    (mentor index, exact score) of the best mentors the fit floor turned away."""

    mentee: int
    code: str
    allowed_mentors: int
    eliminated: dict[str, int]
    room: int = 0
    closest: tuple[tuple[int, float], ...] = ()


def explain(problem: Problem, mentee: int, mentor: int) -> Explanation:
    """Exact decomposition of one pair's score."""
    return explain_pairs(problem, np.array([[mentee, mentor]]))[0]


def explain_pairs(problem: Problem, pairs: np.ndarray) -> list[Explanation]:
    """Explanations for many (mentee, mentor) pairs; factor values computed vectorised."""
    pairs = np.asarray(pairs, np.int64).reshape(-1, 2)
    if pairs.size and (pairs[:, 0].min() < 0 or pairs[:, 0].max() >= problem.n
                       or pairs[:, 1].min() < 0 or pairs[:, 1].max() >= problem.m):
        raise ValueError("pairs: index out of range")
    i, j = pairs[:, 0], pairs[:, 1]
    raw, fail = problem.pair_values(i, j)
    w = problem.w
    reasons = _reasons_bulk(problem, i, j, raw)
    vals = {f: raw[f].tolist() for f in FACTORS}
    failed_any = np.zeros(i.size, bool)
    for c in CONSTRAINT_NAMES:
        failed_any |= fail[c]
    failed_list = [
        tuple(c for c in CONSTRAINT_NAMES if fail[c][p]) if failed_any[p] else ()
        for p in range(i.size)
    ]
    new = object.__new__
    out = []
    wf = [(f, w[f], vals[f], reasons[f]) for f in FACTORS]
    for p, (ii, jj) in enumerate(zip(i.tolist(), j.tolist(), strict=True)):
        contribs = []
        total = 0.0
        for f, wt, vl, rs in wf:
            con = new(Contribution)
            x = vl[p]
            cv = wt * x
            total += cv
            code, params = rs[p]
            con.__dict__.update(factor=f, weight=wt, value=x, contribution=cv, code=code,
                                params=params)
            contribs.append(con)
        ex = new(Explanation)
        ex.__dict__.update(mentee=ii, mentor=jj, score=total, allowed=not failed_list[p],
                           failed_constraints=failed_list[p], contributions=tuple(contribs))
        out.append(ex)
    return out


def _reasons_bulk(pb: Problem, i: np.ndarray, j: np.ndarray,
                  raw: dict) -> dict[str, list[tuple[str, dict]]]:
    """The reason code and parameters of every factor for every pair (the registry's)."""
    return {f.NAME: f.reasons(pb, i, j, raw) for f in REGISTRY}


def why_unmatched(
    problem: Problem,
    result: MatchResult,
    capacities,
    candidates: Candidates | None = None,
) -> list[Unmatched]:
    """For every unmatched mentee, which hard constraints removed its mentors (with counts),
    that the fit floor turned the rest away (naming the closest), or that the capacity of
    every allowed mentor went to better-fitting mentees."""
    cap = np.asarray(capacities, np.int64)
    out: list[Unmatched] = []
    m = problem.m
    mo = result.mentor_of
    left = cap - np.bincount(mo[mo >= 0], minlength=m)
    todo = np.flatnonzero(mo < 0)
    if m == 0:
        return [Unmatched(int(i), "no_mentors", 0, {}) for i in todo]
    floor = ("fit_floor", "min_score")
    for i in todo.tolist():
        fail = problem.row_failures(i)
        remaining = np.ones(m, bool)
        elim: dict[str, int] = {}
        for c in CONSTRAINT_NAMES:
            hit = remaining & fail[c]
            k = int(np.count_nonzero(hit))
            if k:
                elim[c] = k
                remaining &= ~fail[c]
        allowed = int(np.count_nonzero(remaining))
        closest: tuple[tuple[int, float], ...] = ()
        if any(c in elim for c in floor):
            near = np.ones(m, bool)
            for c in CONSTRAINT_NAMES:
                if c not in floor:
                    near &= ~fail[c]
            near &= ~remaining & (left > 0)
            js = np.flatnonzero(near)
            if js.size:
                sc, _ = problem.pair_scores(np.full(js.size, i), js)
                order = np.lexsort((js, -sc))[:3]
                closest = tuple((int(js[o]), float(sc[o])) for o in order)
        if allowed == 0:
            code = "fit_floor" if any(c in elim for c in floor) else "constraints"
            out.append(Unmatched(int(i), code, 0, elim, 0, closest))
            continue
        room = int(np.count_nonzero(remaining & (left > 0)))
        code = "capacity" if room == 0 else "pruned"
        out.append(Unmatched(int(i), code, allowed, elim, room, closest))
    return out
