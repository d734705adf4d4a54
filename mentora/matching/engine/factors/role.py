"""Career role: the mentor has held the mentee's target role, a related role, or one in its
family (value ``role_exact`` / ``role_related`` / ``role_group`` of the weights, else 0).

Encoding: a (distinct mentee role key x mentor) code table built in ``Problem._build``, added
per run of equal keys in the fused pass; the exact value is a lookup of the same table.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from ..scoring import Problem

NAME = "role"
LABEL = "Career role"
WEIGHT = 0.20
CODES = {
    "role.held_target": "for",
    "role.held_related": "for",
    "role.same_family": "for",
    "role.not_related": "against",
    "role.no_target": "info",
}


def reasons(pb: Problem, i: np.ndarray, j: np.ndarray, raw: dict) -> list[tuple[str, dict]]:
    """Per pair, the reason code and its parameters."""
    lab = pb.labels
    code = pb.role_code[pb.role_key[i], j] if i.size else np.zeros(0, np.uint8)
    out: list[tuple[str, dict[str, Any]]] = []
    for ii, jj, cd in zip(i.tolist(), j.tolist(), code.tolist(), strict=True):
        t = int(pb.target[ii])
        title = lab.occupations.get(t, "") if t >= 0 else ""
        if cd == 3:
            out.append(("role.held_target", {"role": title}))
        elif cd == 2:
            held = pb.held.indices[pb.held.indptr[jj] : pb.held.indptr[jj + 1]]
            rel = set(pb.related.indices[pb.related.indptr[ii] : pb.related.indptr[ii + 1]])
            hit = [lab.occupations.get(int(h), "") for h in held if h in rel][:2]
            out.append(("role.held_related", {"role": title, "held": [h for h in hit if h]}))
        elif cd == 1:
            out.append(("role.same_family", {"role": title}))
        elif t < 0 and pb.target_group[ii] < 0:
            out.append(("role.no_target", {}))
        else:
            out.append(("role.not_related", {"role": title}))
    return out
