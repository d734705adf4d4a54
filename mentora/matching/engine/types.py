"""Inputs of the matching engine: frozen dataclasses holding NumPy / SciPy arrays.

Everything is indexed by position: mentee ``i`` is row ``i`` of every mentee array, mentor
``j`` row ``j`` of every mentor array. Stable identifiers (``person_id``) are only used for
the reporting-line rule, self-pairs and deterministic tie-breaking.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields, make_dataclass
from typing import TYPE_CHECKING, Any, ClassVar, Literal

import numpy as np
import scipy.sparse as sp

from .constants import (  # noqa: F401  (re-exported: the engine's public codes)
    CADENCES,
    EITHER,
    IMPORTANCE_WEIGHT,
    IMPORTANT,
    IN_PERSON,
    MAX_YEARS,
    NICE_TO_HAVE,
    NO_PREFERENCE,
    REMOTE,
    STYLE_AXES,
    STYLE_AXIS_KEYS,
    STYLE_AXIS_NAMES,
    STYLE_LEVELS,
    TRAITS,
)
from .factors import ATTRIBUTES, FACTORS, REGISTRY, SETS

Kind = Literal["mentoring", "coaching"]


def sets_to_csr(sets: Sequence[Iterable[int]], n_cols: int) -> sp.csr_matrix:
    """Turn a list of id collections (one per person) into a binary CSR matrix."""
    indptr = [0]
    indices: list[int] = []
    for s in sets:
        row = sorted({int(x) for x in s})
        if row and (row[0] < 0 or row[-1] >= n_cols):
            raise ValueError(f"id out of range 0..{n_cols - 1} in {row}")
        indices.extend(row)
        indptr.append(len(indices))
    data = np.ones(len(indices), dtype=np.float32)
    return sp.csr_matrix(
        (data, np.asarray(indices, dtype=np.int32), np.asarray(indptr, dtype=np.int64)),
        shape=(len(sets), n_cols),
    )


def _csr(x: sp.spmatrix | sp.sparray | None, n: int, name: str) -> sp.csr_matrix:
    if x is None:
        return sp.csr_matrix((n, 0), dtype=np.float32)
    m = sp.csr_matrix(x, dtype=np.float32)
    if m.shape[0] != n:
        raise ValueError(f"{name}: expected {n} rows, got {m.shape[0]}")
    m.sum_duplicates()
    m.data[:] = 1.0
    m.eliminate_zeros()
    return m


def _arr(x, n: int, name: str, dtype, shape_tail: tuple[int, ...] = (), fill=0) -> np.ndarray:
    if x is None:
        return np.full((n, *shape_tail), fill, dtype=dtype)
    a = np.asarray(x)
    if a.shape != (n, *shape_tail):
        raise ValueError(f"{name}: expected shape {(n, *shape_tail)}, got {a.shape}")
    return np.ascontiguousarray(a, dtype=dtype)


@dataclass(frozen=True)
class _People:
    """Fields shared by mentees and mentors (see the two subclasses)."""

    person_id: np.ndarray
    embedding: np.ndarray | None = None
    style: np.ndarray | None = None
    cadence: np.ndarray | None = None
    traits: np.ndarray | None = None
    years: np.ndarray | None = None
    availability: np.ndarray | None = None
    meeting_format: np.ndarray | None = None
    languages: np.ndarray | None = None
    department: np.ndarray | None = None
    manager_chain: np.ndarray | None = None
    # Categorical attributes of registry factors (``ATTRIBUTE`` -> id per person, -1 unknown).
    attributes: dict[str, np.ndarray] | None = None
    # Set attributes of registry factors (``SET`` -> CSR n x k of token ids, e.g. the options
    # a person chose on a program's application questions).
    sets: dict[str, sp.csr_matrix] | None = None

    def __len__(self) -> int:
        return int(np.asarray(self.person_id).shape[0])

    def _normalise_common(self) -> dict:
        n = len(self)
        pid = np.asarray(self.person_id, dtype=np.int64)
        if pid.ndim != 1:
            raise ValueError("person_id: expected a 1-D array")
        if np.unique(pid).size != n:
            raise ValueError("person_id: identifiers must be unique")
        emb = self.embedding
        if emb is None:
            emb = np.zeros((n, 1), dtype=np.float32)
        emb = np.asarray(emb, dtype=np.float32)
        if emb.ndim != 2 or emb.shape[0] != n:
            raise ValueError(f"embedding: expected shape ({n}, d), got {emb.shape}")
        if not np.isfinite(emb).all():
            raise ValueError("embedding: values must be finite")
        if n and (np.einsum("ij,ij->i", emb, emb) > 1.001).any():
            raise ValueError("embedding: rows must be L2-normalised (or all zero if missing)")
        style = _arr(self.style, n, "style", np.int8, (STYLE_AXES,))
        if style.size and (style.min() < 0 or style.max() > STYLE_LEVELS):
            raise ValueError("style: values must be 0 (unknown) or 1..5")
        cadence = _arr(self.cadence, n, "cadence", np.int8)
        if cadence.size and (cadence.min() < 0 or cadence.max() >= len(CADENCES)):
            raise ValueError("cadence: values must be 0 (unknown) or 1..4")
        traits = _arr(self.traits, n, "traits", np.float32, (TRAITS,), fill=np.nan)
        ok = np.isnan(traits) | ((traits >= 0) & (traits <= 1))
        if not ok.all():
            raise ValueError("traits: values must be in [0, 1] or NaN (unknown)")
        years = _arr(self.years, n, "years", np.int32)
        if years.size and years.min() < 0:
            raise ValueError("years: must be >= 0")
        avail = self.availability
        if avail is None:
            avail = np.zeros((n, 168), dtype=bool)
        avail = np.asarray(avail, dtype=bool)
        if avail.ndim != 2 or avail.shape[0] != n or avail.shape[1] not in (168, 336):
            raise ValueError(
                f"availability: expected shape ({n}, 168) or ({n}, 336), got {avail.shape}"
            )
        fmt = _arr(self.meeting_format, n, "meeting_format", np.int8)
        if fmt.size and (fmt.min() < 0 or fmt.max() > 2):
            raise ValueError("meeting_format: 0 either, 1 remote, 2 in person")
        langs = self.languages
        if langs is None:
            langs = np.zeros((n, 0), dtype=bool)
        langs = np.asarray(langs, dtype=bool)
        if langs.ndim != 2 or langs.shape[0] != n:
            raise ValueError(f"languages: expected a ({n}, n_languages) boolean array")
        dept = _arr(self.department, n, "department", np.int64, fill=-1)
        chain = self.manager_chain
        if chain is None:
            chain = np.full((n, 0), -1, dtype=np.int64)
        chain = np.asarray(chain, dtype=np.int64)
        if chain.ndim != 2 or chain.shape[0] != n:
            raise ValueError(f"manager_chain: expected a ({n}, depth) integer array")
        given = dict(self.attributes or {})
        unknown = set(given) - set(ATTRIBUTES)
        if unknown:
            raise ValueError(f"attributes: unknown {sorted(unknown)}; known: {list(ATTRIBUTES)}")
        attrs = {a: _arr(given.get(a), n, a, np.int64, fill=-1) for a in ATTRIBUTES}
        given_sets = dict(self.sets or {})
        unknown = set(given_sets) - set(SETS)
        if unknown:
            raise ValueError(f"sets: unknown {sorted(unknown)}; known: {list(SETS)}")
        sets = {s: _csr(given_sets.get(s), n, s) for s in SETS}
        return dict(
            attributes=attrs, sets=sets,
            person_id=pid, embedding=emb, style=style, cadence=cadence, traits=traits,
            years=years, availability=avail, meeting_format=fmt, languages=langs,
            department=dept, manager_chain=chain,
        )


@dataclass(frozen=True)
class MenteeFeatures(_People):
    """A batch of mentees (or coachees).

    - ``target_occupation``: int occupation id per mentee, -1 if unknown.
    - ``target_group``: int occupation-group id (e.g. first 2 chars of the SOC code), -1 unknown.
    - ``related_occupations``: CSR (n x n_occupations), occupations related to the target.
    - ``skills_wanted``: CSR (n x n_skills).
    - ``focus_wanted``: CSR (n x n_focus) coaching focus areas wanted.
    - ``style``: (n x 5) int, preferred level 1..5 per axis, 0 = no preference.
    - ``style_importance``: (n x 5) int, 0 none, 1 nice to have, 2 important.
    - ``cadence``: preferred cadence code 0..4; ``traits``: (n x 5) Big Five in [0,1] or NaN.
    - ``years``: years of experience; ``availability``: (n x 168) bool UTC hours (or 336
      half-hours); ``meeting_format``: 0 either, 1 remote, 2 in person;
      ``languages``: (n x n_languages) bool; ``department``: id or -1;
      ``manager_chain``: (n x depth) person ids of managers, nearest first, -1 padded.
    """

    target_occupation: np.ndarray | None = None
    target_group: np.ndarray | None = None
    related_occupations: sp.spmatrix | sp.sparray | None = None
    skills_wanted: sp.spmatrix | sp.sparray | None = None
    focus_wanted: sp.spmatrix | sp.sparray | None = None
    style_importance: np.ndarray | None = None


@dataclass(frozen=True)
class MentorFeatures(_People):
    """A batch of mentors (or coaches).

    - ``held_occupations``: CSR (m x n_occupations), occupations held now or before.
    - ``held_groups``: CSR (m x n_groups), groups of those occupations.
    - ``skills_offered``: CSR (m x n_skills); ``focus_offered``: CSR (m x n_focus).
    - ``credential``: 0 none, 1 trained coach, 2 accredited coach.
    - ``style``: (m x 5) the mentor's own style per axis 1..5, 0 unknown.
    Shared fields as in :class:`MenteeFeatures`.
    """

    held_occupations: sp.spmatrix | sp.sparray | None = None
    held_groups: sp.spmatrix | sp.sparray | None = None
    skills_offered: sp.spmatrix | sp.sparray | None = None
    focus_offered: sp.spmatrix | sp.sparray | None = None
    credential: np.ndarray | None = None


# Parameters of the factors beside their weights (see :data:`Weights`).
_WEIGHT_PARAMS: tuple[tuple[str, type, float | int], ...] = (
    ("role_exact", float, 1.0),
    ("role_related", float, 0.6),
    ("role_group", float, 0.3),
    ("target_overlap_hours", float, 4.0),
    ("ideal_experience_gap_years", float, 5.0),
    ("cadence_importance", int, NICE_TO_HAVE),
)


def _normalised(self) -> dict[str, float]:
    """Factor weights scaled to sum to 1."""
    w = {f: float(getattr(self, f)) for f in FACTORS}
    if any(v < 0 or not np.isfinite(v) for v in w.values()):
        raise ValueError("Weights: every factor weight must be a finite number >= 0")
    total = sum(w.values())
    if total <= 0:
        raise ValueError("Weights: at least one factor weight must be positive")
    return {k: v / total for k, v in w.items()}


_WEIGHTS_DOC = """Relative weight of each score factor, normalised to sum to 1 (scores in [0, 1]).

One field per factor of the registry (``engine/factors``), defaulting to its ``WEIGHT``, then
``role_*``: the values of the career-role factor for an exact / related / same-group match;
``target_overlap_hours``: the weekly overlap that earns the full availability factor;
``ideal_experience_gap_years``: the gap that earns the full experience factor.
"""

if TYPE_CHECKING:

    class Weights:
        """Static view of the generated dataclass below (one float field per factor)."""

        __dataclass_fields__: ClassVar[dict[str, Any]]

        def __init__(self, **weights: float) -> None: ...

        def __getattr__(self, name: str) -> Any: ...

        def normalised(self) -> dict[str, float]: ...

else:
    Weights = make_dataclass(
        "Weights",
        [(f.NAME, float, field(default=f.WEIGHT)) for f in REGISTRY]
        + [(name, kind, field(default=default)) for name, kind, default in _WEIGHT_PARAMS],
        frozen=True,
        namespace={"normalised": _normalised, "__doc__": _WEIGHTS_DOC},
    )
    Weights.__module__ = __name__


@dataclass(frozen=True)
class Constraints:
    """Hard constraints applied before scoring (a pair failing one is never proposed).

    - ``reporting_line_depth``: no pair where one is within this many levels above the other
      in the manager chain (0 switches the rule off).
    - ``require_shared_language``: both list at least one common language (a person with no
      language listed is not blocked).
    - ``min_overlap_hours``: minimum shared weekly availability (not applied when either
      side left availability empty).
    - ``min_experience_gap_years``: mentoring only; the mentor has at least this many more
      years of experience (None: off).
    - ``fit_floor`` (with ``floor_role``, ``floor_skills``, ``min_score``): see below.
    """

    reporting_line_depth: int = 2
    require_shared_language: bool = True
    min_overlap_hours: float = 1.0
    min_experience_gap_years: int | None = None
    # "Only good fits": a pair below the fit floor is never proposed. The floor is a path fit
    # (``floor_role``: the mentor has held the target role, a related role or one in its
    # family; ``floor_skills`` > 0: or shares at least that many wanted skills) and/or a
    # minimum score in [0, 1].
    fit_floor: bool = False
    floor_role: bool = True
    floor_skills: int = 0
    min_score: float = 0.0


def _pairs(x, name: str) -> np.ndarray:
    a = np.asarray(list(x) if not isinstance(x, np.ndarray) else x, dtype=np.int64)
    if a.size == 0:
        return np.zeros((0, 2), dtype=np.int64)
    if a.ndim != 2 or a.shape[1] != 2:
        raise ValueError(f"{name}: expected (mentee, mentor) index pairs")
    return a


@dataclass(frozen=True)
class PairLists:
    """Pairwise inputs as (mentee index, mentor index) pairs.

    ``shortlist``/``avoid``: the mentee's stated preferences (score factor);
    ``do_not_pair``/``forbidden``: hard exclusions; ``locked``: admin-locked pairs kept by
    the solver (passed on to :func:`solve`).
    """

    shortlist: object = ()
    avoid: object = ()
    do_not_pair: object = ()
    forbidden: object = ()
    locked: object = ()

    def arrays(self) -> dict[str, np.ndarray]:
        return {f.name: _pairs(getattr(self, f.name), f.name) for f in fields(self)}


@dataclass(frozen=True)
class Labels:
    """Optional human labels for explanation texts (id -> name)."""

    occupations: dict[int, str] = field(default_factory=dict)
    skills: dict[int, str] = field(default_factory=dict)
    languages: dict[int, str] = field(default_factory=dict)
    focus: dict[int, str] = field(default_factory=dict)
    # The program's own words for the two sides (coach/coachee, peer/peer …).
    mentor_word: str = "mentor"
    mentee_word: str = "mentee"
    # Names of categorical attribute values: attribute -> id -> name (e.g. locations).
    values: dict[str, dict[int, str]] = field(default_factory=dict)
    # Roles in people's own words: mentee index -> their target role as they typed it, and
    # (mentor index, occupation id) -> the title the mentor typed that maps to it.
    target_titles: dict[int, str] = field(default_factory=dict)
    held_titles: dict[tuple[int, int], str] = field(default_factory=dict)
