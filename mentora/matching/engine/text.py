"""Text embeddings for the goals / experience similarity factor (pure, offline).

``embed(texts)`` returns an L2-normalised float32 matrix. Backends, chosen by ``backend``:

- ``"model2vec"``: a static model2vec model loaded from a local directory (the path in
  ``MENTORA_TEXT_MODEL``, e.g. the model folder inside an installed package). Never downloads:
  a missing path raises.
- ``"lexical"``: feature hashing of stemmed words, word bigrams and character 4-grams into
  ``dim`` signed buckets with sublinear term frequency. No dependency, deterministic across
  processes (CRC32, not Python's salted ``hash``).
- ``"auto"`` (default): model2vec when the package is installed and ``MENTORA_TEXT_MODEL`` is
  set, else lexical.

See docs/decisions/0003-text-similarity-model.md for the measured choice.
"""

from __future__ import annotations

import csv
import os
import re
import zlib
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

DEFAULT_DIM = 256
DATA = Path(__file__).with_name("data")

_STOP = frozenset(
    {
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "become",
        "been",
        "but",
        "by",
        "for",
        "from",
        "get",
        "go",
        "grow",
        "have",
        "how",
        "i",
        "in",
        "into",
        "is",
        "it",
        "learn",
        "like",
        "me",
        "more",
        "my",
        "new",
        "of",
        "on",
        "or",
        "our",
        "so",
        "than",
        "that",
        "the",
        "their",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "to",
        "up",
        "want",
        "was",
        "we",
        "were",
        "what",
        "when",
        "which",
        "who",
        "will",
        "with",
        "would",
        "you",
        "your",
    }
)
_WORD = re.compile(r"[a-z0-9]+")


def _stem(w: str) -> str:
    for suf in ("ing", "ers", "er", "ed", "es", "s"):
        if len(w) > len(suf) + 3 and w.endswith(suf):
            return w[: -len(suf)]
    return w


def _features(text: str) -> list[str]:
    words = [_stem(w) for w in _WORD.findall(text.lower()) if w not in _STOP]
    feats = [f"w:{w}" for w in words]
    feats += [f"b:{a}_{b}" for a, b in zip(words, words[1:], strict=False)]
    for w in words:
        p = f"<{w}>"
        feats += [f"c:{p[k : k + 4]}" for k in range(max(1, len(p) - 3))]
    return feats


def embed_lexical(texts: Sequence[str], dim: int = DEFAULT_DIM) -> np.ndarray:
    """Hashed lexical vectors (see module docstring)."""
    out = np.zeros((len(texts), dim), dtype=np.float32)
    for r, text in enumerate(texts):
        counts: dict[str, int] = {}
        for f in _features(text or ""):
            counts[f] = counts.get(f, 0) + 1
        row = out[r]
        for f, c in counts.items():
            h = zlib.crc32(f.encode())
            weight = (1.0 + np.log(c)) * (2.0 if f[0] == "w" else 1.0)
            row[h % dim] += weight if (h >> 31) & 1 else -weight
    return _normalise(out)


def _normalise(x: np.ndarray) -> np.ndarray:
    norm = np.linalg.norm(x, axis=1, keepdims=True)
    return np.divide(x, norm, out=np.zeros_like(x), where=norm > 0).astype(np.float32)


@lru_cache(maxsize=2)
def _model(path: str):
    from model2vec import StaticModel  # optional dependency

    if not Path(path).is_dir():
        raise FileNotFoundError(f"MENTORA_TEXT_MODEL: no model directory at {path}")
    return StaticModel.from_pretrained(path)


def available_backend() -> str:
    """The backend ``"auto"`` resolves to on this installation."""
    path = os.environ.get("MENTORA_TEXT_MODEL", "")
    if path:
        try:
            import model2vec  # noqa: F401
        except ImportError:
            return "lexical"
        return "model2vec"
    return "lexical"


def embed(texts: Sequence[str], *, backend: str = "auto", dim: int = DEFAULT_DIM) -> np.ndarray:
    """L2-normalised float32 embeddings, one row per text (empty text: a zero row)."""
    if backend == "auto":
        backend = available_backend()
    if backend == "lexical":
        return embed_lexical(texts, dim)
    if backend == "model2vec":
        model = _model(os.environ["MENTORA_TEXT_MODEL"])
        vecs = np.asarray(model.encode(list(texts)), dtype=np.float32)
        vecs[[not (t or "").strip() for t in texts]] = 0.0
        return _normalise(vecs)
    raise ValueError(f"backend: expected 'auto', 'lexical' or 'model2vec', got {backend!r}")


def labelled_pairs() -> tuple[list[str], list[str]]:
    """The labelled goal/experience sample: goal ``k`` fits experience ``k``."""
    with (DATA / "text_pairs.csv").open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    return [r["goal"] for r in rows], [r["experience"] for r in rows]


def evaluate(embedder) -> dict[str, float]:
    """Quality on the labelled sample: top-1 accuracy, mean reciprocal rank and the AUC of
    matching vs non-matching pair similarities."""
    goals, exps = labelled_pairs()
    g, e = embedder(goals), embedder(exps)
    sim = g @ e.T
    n = sim.shape[0]
    diag = np.diag(sim)
    ranks = (sim > diag[:, None]).sum(axis=1) + 1
    off = sim[~np.eye(n, dtype=bool)]
    auc = float((diag[:, None] > off[None, :]).mean() + 0.5 * (diag[:, None] == off).mean())
    return {
        "top1": float((ranks == 1).mean()),
        "mrr": float((1.0 / ranks).mean()),
        "auc": auc,
    }
