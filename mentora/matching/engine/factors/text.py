"""Goals and experience: how close the mentee's goals read to the mentor's experience,
``(1 + cosine) / 2`` of the two text embeddings.

Encoding (``linear``): linear in the embeddings (one GEMM column block plus a constant column);
the exact value (``value``) is a dot product.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from .. import _kernels

if TYPE_CHECKING:
    from ..scoring import Problem

NAME = "text"
ORDER = 30  # position in FACTORS
LABEL = "Goals and experience"
WEIGHT = 0.18
CODES = {
    "text.close": "for",
    "text.some_overlap": "for",
    "text.little_overlap": "against",
    "text.not_stated": "info",
}
# Similarity words follow the value: (1 + cos) / 2 of at least 0.75 is cos >= 0.5.
CLOSE = 0.75
SOME = 0.6


def linear(pb: Problem, w: float) -> list[tuple[np.ndarray, np.ndarray]]:
    """GEMM blocks: x = (1 + cos) / 2 is linear in the embeddings."""
    emb_e, emb_r = pb.e["embedding"], pb.r["embedding"]
    return [(np.hstack([emb_e * (0.5 * w), np.full((pb.n, 1), 0.5 * w)]),
             np.hstack([emb_r, np.ones((pb.m, 1))]))]


def value(pb: Problem, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """Exact value per pair."""
    dots = _kernels.pair_dots(pb.e["embedding"], pb.r["embedding"], i, j)
    return np.clip((1.0 + dots) / 2.0, 0.0, 1.0)


def reasons(pb: Problem, i: np.ndarray, j: np.ndarray, raw: dict) -> list[tuple[str, dict]]:
    """Per pair, the reason code and its parameters."""
    ee, er = pb.e["embedding"], pb.r["embedding"]
    has = (np.abs(ee[i]).sum(axis=1) > 0) & (np.abs(er[j]).sum(axis=1) > 0)
    out: list[tuple[str, dict]] = []
    for v, ok in zip(raw["text"].tolist(), has.tolist(), strict=True):
        params = {"similarity": round(float(v), 2)}
        if not ok:
            out.append(("text.not_stated", {}))
        elif v >= CLOSE:
            out.append(("text.close", params))
        elif v >= SOME:
            out.append(("text.some_overlap", params))
        else:
            out.append(("text.little_overlap", params))
    return out
