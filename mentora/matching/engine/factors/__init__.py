"""The factor registry: one module per score factor.

Each module declares ``NAME``, ``LABEL`` (the one name people read everywhere), ``WEIGHT`` (the
default weight), ``CODES`` (every reason code it can emit, with its polarity: ``for`` is a
reason for the match, ``against`` lowers the score, ``info`` neither) and ``reasons(problem, i,
j, raw)`` (a code and parameters per pair). A categorical factor also declares ``ATTRIBUTE``
and ``table(mentee_ids, mentor_ids)``: the scorer encodes and evaluates it generically, and the
synthetic generator fills it (``SYNTHETIC_VALUES``). ``FACTORS``, ``Weights``, the labels, the
what-if form and the docs table all derive from :data:`REGISTRY`.
"""

from __future__ import annotations

from types import ModuleType

from . import (
    availability,
    cross_department,
    experience,
    location,
    meeting_format,
    personality,
    preference,
    role,
    skills,
    style,
    text,
)

REGISTRY: tuple[ModuleType, ...] = (
    role,
    skills,
    text,
    style,
    personality,
    experience,
    availability,
    meeting_format,
    preference,
    cross_department,
    location,
)

FACTORS: tuple[str, ...] = tuple(f.NAME for f in REGISTRY)
LABELS: dict[str, str] = {f.NAME: f.LABEL for f in REGISTRY}
DEFAULT_WEIGHTS: dict[str, float] = {f.NAME: f.WEIGHT for f in REGISTRY}
BY_NAME: dict[str, ModuleType] = {f.NAME: f for f in REGISTRY}
# Categorical factors the scorer encodes from a per-person attribute id.
TABLE_FACTORS: tuple[ModuleType, ...] = tuple(f for f in REGISTRY if hasattr(f, "table"))
ATTRIBUTES: tuple[str, ...] = tuple(f.ATTRIBUTE for f in TABLE_FACTORS)
# Every reason code -> (factor, polarity).
CODES: dict[str, tuple[str, str]] = {
    code: (f.NAME, polarity) for f in REGISTRY for code, polarity in f.CODES.items()
}

__all__ = ["ATTRIBUTES", "BY_NAME", "CODES", "DEFAULT_WEIGHTS", "FACTORS", "LABELS", "REGISTRY",
           "TABLE_FACTORS"]
