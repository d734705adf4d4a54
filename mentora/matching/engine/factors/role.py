"""Career role: the mentor has held the mentee's target role, a related role, or one in its
family (value ``role_exact`` / ``role_related`` / ``role_group`` of the weights, else 0).

Encoding (``prepare``): a (distinct mentee role key x mentor) code table, 0 none, 1 family,
2 related, 3 target; the fused pass adds ``role_values[code]`` per run of equal keys (the
scorer's role slot, which also carries the fit floor). The exact value (``value``) is a lookup
of the same table.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import scipy.sparse as sp

from ..encoding import unique_rows

if TYPE_CHECKING:
    from ..scoring import Problem

NAME = "role"
ORDER = 10  # position in FACTORS
LABEL = "Career role"
WEIGHT = 0.20
CODES = {
    "role.held_target": "for",
    "role.held_related": "for",
    "role.same_family": "for",
    "role.not_related": "against",
    "role.no_target": "info",
}


def prepare(pb: Problem) -> None:
    """Role keys per mentee, the code table and the value per code."""
    n, m = pb.n, pb.m
    rel = pb.related
    dense_rel = np.zeros((n, rel.shape[1]), bool)
    dense_rel[np.repeat(np.arange(n), np.diff(rel.indptr)), rel.indices] = True
    key_rows = np.column_stack([
        pb.target[:, None], pb.target_group[:, None],
        np.packbits(dense_rel, axis=1).astype(np.int64),
    ])
    uniq, ku = unique_rows(key_rows)
    U = uniq.shape[0]
    tgt = uniq[:, 0].astype(np.int64)
    grp = uniq[:, 1].astype(np.int64)
    first = np.full(U, -1, np.int64)
    first[ku[::-1]] = np.arange(n)[::-1]
    relU = rel[first] if n else rel[:0]
    rrows = np.repeat(np.arange(U), np.diff(relU.indptr)).tolist()
    rcols = relU.indices.tolist()
    n_occ = pb.held.shape[1]
    heldT = pb.held.T.tocsr()
    code = np.zeros((U, m), np.uint8)
    if n_occ:
        relm = sp.csr_matrix(
            (np.ones(len(rrows), np.float32), (rrows, rcols)), shape=(U, n_occ)
        )
        rel_hit = (relm @ heldT).toarray() > 0
        code[rel_hit] = 2
    n_grp = pb.held_groups.shape[1]
    if n_grp:
        ok = grp >= 0
        gT = pb.held_groups.T.tocsr()
        gm = np.zeros((U, m), bool)
        gm[ok] = gT[grp[ok]].toarray() > 0
        code[gm & (code == 0)] = 1
    if n_occ:
        ok = tgt >= 0
        ex = np.zeros((U, m), bool)
        ex[ok] = heldT[tgt[ok]].toarray() > 0
        code[ex] = 3
    pb.role_key = ku
    pb.role_code = code
    wv = pb.weights
    pb.role_values = np.array([0.0, wv.role_group, wv.role_related, wv.role_exact])
    pb.role_unique_target = tgt


def value(pb: Problem, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """Exact value per pair."""
    return pb.role_values[pb.role_code[pb.role_key[i], j]]


def reasons(pb: Problem, i: np.ndarray, j: np.ndarray, raw: dict) -> list[tuple[str, dict]]:
    """Per pair, the reason code and its parameters."""
    lab = pb.labels
    code = pb.role_code[pb.role_key[i], j] if i.size else np.zeros(0, np.uint8)
    out: list[tuple[str, dict[str, Any]]] = []
    for ii, jj, cd in zip(i.tolist(), j.tolist(), code.tolist(), strict=True):
        t = int(pb.target[ii])
        title = lab.target_titles.get(ii) or (lab.occupations.get(t, "") if t >= 0 else "")
        if cd == 3:
            out.append(("role.held_target", {"role": title}))
        elif cd == 2:
            held = pb.held.indices[pb.held.indptr[jj] : pb.held.indptr[jj + 1]]
            rel = set(pb.related.indices[pb.related.indptr[ii] : pb.related.indptr[ii + 1]])
            hit = [lab.held_titles.get((jj, int(h))) or lab.occupations.get(int(h), "")
                   for h in held if h in rel][:2]
            out.append(("role.held_related", {"role": title, "held": [h for h in hit if h]}))
        elif cd == 1:
            out.append(("role.same_family", {"role": title}))
        elif t < 0 and pb.target_group[ii] < 0:
            out.append(("role.no_target", {}))
        else:
            out.append(("role.not_related", {"role": title}))
    return out
