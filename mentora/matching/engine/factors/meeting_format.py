"""Meeting format: 0 when one side meets only remotely and the other only in person, else 1.

Encoding (``tables``): a 3 x 3 table added row-wise; the exact value is a lookup of the same
table.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ..constants import IN_PERSON, REMOTE
from ..encoding import Table

if TYPE_CHECKING:
    from ..scoring import Problem

NAME = "meeting_format"
ORDER = 80  # position in FACTORS
LABEL = "Meeting format"
WEIGHT = 0.04
CODES = {
    "format.remote": "for",
    "format.in_person": "for",
    "format.flexible": "info",
    "format.wants_in_person": "against",
    "format.wants_remote": "against",
}


def tables(pb: Problem) -> list[Table]:
    """Keys 0 either, 1 remote, 2 in person."""
    fmt = np.ones((3, 3))
    fmt[REMOTE, IN_PERSON] = fmt[IN_PERSON, REMOTE] = 0.0
    return [Table(NAME, None, pb.e["meeting_format"].astype(np.int64),
                  pb.r["meeting_format"].astype(np.int64), fmt, None)]


def reasons(pb: Problem, i: np.ndarray, j: np.ndarray, raw: dict) -> list[tuple[str, dict]]:
    """Per pair, the reason code and its parameters."""
    fe, fr = pb.e["meeting_format"][i], pb.r["meeting_format"][j]
    out: list[tuple[str, dict]] = []
    for v, a, b in zip(raw["meeting_format"].tolist(), fe.tolist(), fr.tolist(), strict=True):
        if v == 0:
            out.append(("format.wants_in_person" if a == IN_PERSON else "format.wants_remote", {}))
        elif REMOTE in (a, b):
            out.append(("format.remote", {}))
        elif IN_PERSON in (a, b):
            out.append(("format.in_person", {}))
        else:
            out.append(("format.flexible", {}))
    return out
