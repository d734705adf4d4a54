"""Experience: mentoring, the mentor's extra years up to the ideal gap; coaching, half the
coach's credential and half the share of wanted focus areas they cover.

Encoding: mentoring, a (years x years) row table (``tables``, with the minimum-gap rule as its
allowed mask); coaching, linear (``linear``: focus rows and a credential column). The exact value
(``value``) is a lookup of the same table, or the coaching formula on packed bit rows.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ..constants import MAX_YEARS
from ..encoding import Table, and_count, bits, share_of_wanted

if TYPE_CHECKING:
    from ..scoring import Problem

NAME = "experience"
ORDER = 60  # position in FACTORS
LABEL = "Experience"
WEIGHT = 0.12
CODES = {
    "experience.more_years": "for",
    "experience.same_years": "info",
    "experience.fewer_years": "against",
    "experience.coach": "for",
    "experience.coach_none": "against",
}
CREDENTIALS = ("none", "trained", "accredited")


def prepare(pb: Problem) -> None:
    """Packed bit rows of the focus areas wanted and offered (coaching)."""
    pb._focus_bits = (bits(pb.focus_wanted), bits(pb.focus_offered))
    pb._focus_cnt = np.diff(pb.focus_wanted.indptr)


def tables(pb: Problem) -> list[Table]:
    """Mentoring: the years table, with the minimum gap as its allowed mask."""
    if pb.kind != "mentoring":
        return []
    e, r = pb.e, pb.r
    ye = np.minimum(e["years"], MAX_YEARS).astype(np.int64)
    yr = np.minimum(r["years"], MAX_YEARS).astype(np.int64)
    gap = np.arange(MAX_YEARS + 1)[None, :] - np.arange(MAX_YEARS + 1)[:, None]
    raw = np.clip(gap / max(pb.weights.ideal_experience_gap_years, 1e-9), 0, 1)
    allowed = None
    if pb.constraints.min_experience_gap_years is not None:
        allowed = gap >= int(pb.constraints.min_experience_gap_years)
    return [Table(NAME, "experience_gap", ye, yr, raw, allowed)]


def linear(pb: Problem, w: float) -> list[tuple[np.ndarray, np.ndarray]]:
    """Coaching: half the share of wanted focus areas covered, half the credential."""
    if pb.kind != "coaching":
        return []
    out = []
    if pb.focus_wanted.shape[1]:
        out.append(share_of_wanted(pb.focus_wanted, pb.focus_offered, w, 0.5))
    out.append((np.full((pb.n, 1), 0.5 * w), (pb.credential / 2.0)[:, None]))
    return out


def value(pb: Problem, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """Exact value per pair."""
    if pb.kind == "mentoring":
        return pb.table(NAME).lookup(i, j, "raw")
    cnt = pb._focus_cnt[i]
    has = pb.focus_wanted.shape[1]
    inter = and_count(pb._focus_bits, i, j) if has else np.zeros(i.size)
    focus = np.divide(inter, cnt, out=np.zeros(i.size), where=cnt > 0)
    return 0.5 * pb.credential[j] / 2.0 + 0.5 * focus


def reasons(pb: Problem, i: np.ndarray, j: np.ndarray, raw: dict) -> list[tuple[str, dict]]:
    """Per pair, the reason code and its parameters."""
    out: list[tuple[str, dict]] = []
    if pb.kind == "coaching":
        for ii, jj in zip(i.tolist(), j.tolist(), strict=True):
            want = pb.focus_wanted.indices[
                pb.focus_wanted.indptr[ii]:pb.focus_wanted.indptr[ii + 1]
            ]
            off = pb.focus_offered.indices[
                pb.focus_offered.indptr[jj]:pb.focus_offered.indptr[jj + 1]
            ]
            covered = int(np.intersect1d(want, off).size)
            cred = CREDENTIALS[int(pb.credential[jj])]
            code = "experience.coach" if cred != "none" or covered else "experience.coach_none"
            out.append((code, {"credential": cred, "covered": covered, "wanted": int(want.size)}))
        return out
    gap = (pb.r["years"][j].astype(np.int64) - pb.e["years"][i]).tolist()
    for g in gap:
        if g > 0:
            out.append(("experience.more_years", {"years": int(g)}))
        elif g == 0:
            out.append(("experience.same_years", {}))
        else:
            out.append(("experience.fewer_years", {"years": int(-g)}))
    return out
