"""Application answers: the share of the program's choice questions (asked of both sides) on
which the mentor chose the same option as the mentee ("Which topic do you want to focus on?"
Leadership / Leadership).

A set factor: each side carries the tokens of the options it chose (``sets["answers"]``, one
token per question and option; ``matching/features.py`` builds them from the enrollments'
answers). Encoding (``linear``): the mentee's tokens scaled by 1 / count, times the mentor's, in
the GEMM; the exact value (``value``) counts the intersection of packed bit rows. Its default
weight is 0: a program whose questions should count gives it a weight (what-if, then Adopt).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ..encoding import and_count, bits, share_of_wanted

if TYPE_CHECKING:
    from ..scoring import Problem

NAME = "answers"
ORDER = 120  # position in FACTORS (after every factor before it)
LABEL = "Application answers"
WEIGHT = 0.0
SET = "answers"
SYNTHETIC_QUESTIONS = 3  # the synthetic generator asks this many questions …
SYNTHETIC_CHOICES = 4  # … of this many options each
CODES = {
    "answers.same": "for",
    "answers.different": "against",
    "answers.none": "info",
}


def _sides(pb: Problem):
    a, b = pb.e["sets"][SET], pb.r["sets"][SET]
    k = max(a.shape[1], b.shape[1])
    if a.shape[1] != k:
        a = a.copy()
        a.resize((a.shape[0], k))
    if b.shape[1] != k:
        b = b.copy()
        b.resize((b.shape[0], k))
    return a, b


def prepare(pb: Problem) -> None:
    """Both sides' tokens at one width, as packed bit rows, and the mentee's count."""
    a, b = _sides(pb)
    pb._answer_sets = (a, b)
    pb._answer_bits = (bits(a), bits(b))
    pb._answer_cnt = np.diff(a.indptr)


def linear(pb: Problem, w: float) -> list[tuple[np.ndarray, np.ndarray]]:
    """GEMM blocks (weighted mentee side, mentor side)."""
    a, b = pb._answer_sets
    if not a.shape[1]:
        return []
    return [share_of_wanted(a, b, w)]


def value(pb: Problem, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """Exact value per pair."""
    if not pb._answer_sets[0].shape[1]:
        return np.zeros(i.size)
    inter = and_count(pb._answer_bits, i, j)
    cnt = pb._answer_cnt[i]
    return np.divide(inter, cnt, out=np.zeros(i.size), where=cnt > 0)


def reasons(pb: Problem, i: np.ndarray, j: np.ndarray, raw: dict) -> list[tuple[str, dict]]:
    """Per pair, the reason code and its parameters."""
    a, _ = pb._answer_sets
    if not a.shape[1] or not i.size:
        return [("answers.none", {})] * i.size
    names = pb.labels.values.get(SET, {})
    wa, wb = pb._answer_bits
    both = np.unpackbits(wa[i] & wb[j], axis=1)[:, : a.shape[1]]
    nboth = both.sum(axis=1).tolist()
    asked = pb._answer_cnt[i].tolist()
    out: list[tuple[str, dict]] = []
    for p in range(i.size):
        if asked[p] == 0:
            out.append(("answers.none", {}))
        elif nboth[p] == 0:
            out.append(("answers.different", {"asked": int(asked[p])}))
        else:
            chosen = [names.get(int(x), "") for x in np.flatnonzero(both[p])[:3]]
            out.append(("answers.same", {"count": int(nboth[p]), "asked": int(asked[p]),
                                         "answers": [x for x in chosen if x]}))
    return out
