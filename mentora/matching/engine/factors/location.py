"""Same location: 1 when both work at the same known location or office (meeting in person
is easy), else 0.

A categorical factor: each side carries a location id (``attributes["location"]``, -1 when
unknown). Encoding: an (id + 1) x (id + 1) identity table, added row-wise in the fused pass;
the exact value is a lookup of the same table. ``profile_value`` reads the attribute off a
person's profile (``matching/features.py`` fills every categorical factor's attribute with it).
This module and its reason templates in ``matching/reasons.py`` are all a new factor of this
kind needs (the registry finds the module by itself).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from ..scoring import Problem

NAME = "location"
LABEL = "Same location"
WEIGHT = 0.03
ATTRIBUTE = "location"
SYNTHETIC_VALUES = 12  # how many locations the synthetic generator spreads people over
CODES = {"location.same": "for", "location.other": "info", "location.unknown": "info"}


ORDER = 110  # position in FACTORS (after every factor before it)


def profile_value(profile) -> str:
    """The person's location or office as they typed it ("" when unknown)."""
    return str(getattr(profile, "location", "") or "")


def table(mentee_ids: np.ndarray, mentor_ids: np.ndarray) -> tuple[np.ndarray, np.ndarray,
                                                                     np.ndarray]:
    """Row keys, column keys and the value table (key 0 is "unknown")."""
    k = int(max(mentee_ids.max(initial=-1), mentor_ids.max(initial=-1))) + 1
    raw = np.zeros((k + 1, k + 1))
    raw[1:, 1:] = np.eye(k)
    return mentee_ids + 1, mentor_ids + 1, raw


def reasons(pb: Problem, i: np.ndarray, j: np.ndarray, raw: dict) -> list[tuple[str, dict]]:
    """Per pair, the reason code and its parameters."""
    le, lr = pb.e["attributes"][ATTRIBUTE][i], pb.r["attributes"][ATTRIBUTE][j]
    names = pb.labels.values.get(ATTRIBUTE, {})
    out: list[tuple[str, dict]] = []
    for a, b in zip(le.tolist(), lr.tolist(), strict=True):
        if a < 0 or b < 0:
            out.append(("location.unknown", {}))
        elif a == b:
            out.append(("location.same", {"location": names.get(a, "")}))
        else:
            out.append(("location.other", {}))
    return out
