"""Experience: mentoring, the mentor's extra years up to the ideal gap; coaching, half the
coach's credential and half the share of wanted focus areas they cover.

Encoding: mentoring, a (years x years) row table (with the minimum-gap rule as its allowed
mask); coaching, linear (focus rows and a credential column). Exact value in ``pair_values``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from ..scoring import Problem

NAME = "experience"
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
