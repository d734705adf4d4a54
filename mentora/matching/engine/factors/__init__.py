"""The factor registry: one module per score factor, found by itself (every module here that
declares ``NAME``, sorted by ``ORDER``; see "Adding a factor" in docs/matching.md).

Each module declares ``NAME``, ``ORDER``, ``LABEL`` (the one name people read everywhere),
``WEIGHT`` (the default weight), ``CODES`` (every reason code it can emit, with its polarity:
``for`` is a reason for the match, ``against`` lowers the score, ``info`` neither) and
``reasons(problem, i, j, raw)`` (a code and parameters per pair). Its encoding is up to four
hooks, all optional, that the scorer calls generically:

- ``prepare(problem)``: precompute per-problem state (bit rows, code tables);
- ``linear(problem, w)``: weighted GEMM blocks ``[(A_part n x k, B_part m x k)]``;
- ``tables(problem)``: row tables (``encoding.Table``: a value per pair of small keys, with an
  optional allowed mask for the factor's hard rule);
- ``deltas(problem)``: sparse weighted pair changes ``(keys i * m + j, values)``;
- ``value(problem, i, j)``: the exact float64 value per pair (default: a lookup of the
  factor's table).

A set factor declares ``SET`` (a CSR of token ids per side in ``features.sets``, e.g. the
options people chose on a program's application questions; see ``answers``).

A categorical factor instead declares ``ATTRIBUTE``, ``profile_value(profile)`` and
``table(mentee_ids, mentor_ids)``: ``matching/features.py`` fills the attribute, the scorer
encodes and evaluates it, and the synthetic generator fills it (``SYNTHETIC_VALUES``).
``FACTORS``, ``Weights``, the labels, the what-if form and the docs table all derive from
:data:`REGISTRY`.
"""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType


def _discover() -> tuple[ModuleType, ...]:
    """Every module of this package that declares a factor (``NAME``), by ``ORDER``."""
    mods = [importlib.import_module(f"{__name__}.{info.name}")
            for info in pkgutil.iter_modules(__path__) if not info.name.startswith("_")]
    found = [m for m in mods if hasattr(m, "NAME")]
    orders = [m.ORDER for m in found]
    if len(set(orders)) != len(orders):
        raise ImportError("matching factors: two factor modules declare the same ORDER")
    return tuple(sorted(found, key=lambda m: m.ORDER))


REGISTRY: tuple[ModuleType, ...] = _discover()

FACTORS: tuple[str, ...] = tuple(f.NAME for f in REGISTRY)
LABELS: dict[str, str] = {f.NAME: f.LABEL for f in REGISTRY}
DEFAULT_WEIGHTS: dict[str, float] = {f.NAME: f.WEIGHT for f in REGISTRY}
BY_NAME: dict[str, ModuleType] = {f.NAME: f for f in REGISTRY}
# Categorical factors the scorer encodes from a per-person attribute id.
TABLE_FACTORS: tuple[ModuleType, ...] = tuple(f for f in REGISTRY if hasattr(f, "table"))
ATTRIBUTES: tuple[str, ...] = tuple(f.ATTRIBUTE for f in TABLE_FACTORS)
# Factors over a set per person (chosen application answers …): one CSR of token ids a side.
SET_FACTORS: tuple[ModuleType, ...] = tuple(f for f in REGISTRY if hasattr(f, "SET"))
SETS: tuple[str, ...] = tuple(f.SET for f in SET_FACTORS)
# Every reason code -> (factor, polarity).
CODES: dict[str, tuple[str, str]] = {
    code: (f.NAME, polarity) for f in REGISTRY for code, polarity in f.CODES.items()
}

__all__ = ["ATTRIBUTES", "BY_NAME", "CODES", "DEFAULT_WEIGHTS", "FACTORS", "LABELS", "REGISTRY",
           "SETS", "SET_FACTORS", "TABLE_FACTORS"]
