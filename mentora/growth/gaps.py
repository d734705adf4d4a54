"""Skill-gap arithmetic: pure functions, no database.

The gap of one skill is the level the role needs minus the person's level (both on O*NET's
0–7 level scale); a negative gap is a strength beyond what the role asks. The priority is the
gap weighted by how important the skill is to the role (O*NET importance, 1–5, divided by 5),
so a one-level gap in an essential skill outranks a one-level gap in a marginal one.
"""

from __future__ import annotations

from dataclasses import dataclass

IMPORTANCE_MAX = 5.0
LEVEL_MIN, LEVEL_MAX = 0, 7
# Two views of a skill differ when they are this many levels apart or more: one level apart is
# within what people mean by the same words; two is a different picture.
DIFFERENCE_THRESHOLD = 2


def skill_gap(level_needed: float, level: int) -> float:
    """Level needed − current level (negative: above what the role needs)."""
    return round(level_needed - level, 2)


def weighted_gap(level_needed: float, level: int, importance: float) -> float:
    """The gap weighted by importance (importance / 5): what to work on first."""
    return round(skill_gap(level_needed, level) * importance / IMPORTANCE_MAX, 2)


@dataclass(frozen=True)
class OtherView:
    """Another person's level for the skill, compared with the person's own."""

    assessor_id: int
    assessor_name: str
    level: int
    difference: int | None
    """Their level − the person's own (None when the person has not rated the skill)."""

    @property
    def differs(self) -> bool:
        return self.difference is not None and abs(self.difference) >= DIFFERENCE_THRESHOLD

    @property
    def direction(self) -> str:
        """'higher' when the other rates the person higher than they rate themselves."""
        if not self.differs or self.difference is None:
            return ""
        return "higher" if self.difference > 0 else "lower"


@dataclass(frozen=True)
class GapRow:
    """One skill of the target role, the person's level, the gap and other people's views."""

    element_id: str
    name: str
    importance: float
    level_needed: float
    level: int | None
    gap: float | None
    priority: float | None
    others: tuple[OtherView, ...] = ()

    @property
    def status(self) -> str:
        """'gap', 'met' (within half a level or above) or 'unrated'."""
        if self.gap is None:
            return "unrated"
        return "gap" if self.gap > 0.5 else "met"

    @property
    def differs(self) -> bool:
        return any(view.differs for view in self.others)


def gap_rows(
    needs: list[tuple[str, str, float, float]],
    levels: dict[str, int],
    others: dict[str, list[tuple[int, str, int]]] | None = None,
) -> list[GapRow]:
    """Rows for (element id, name, importance, level needed) needs, sorted by priority.

    ``levels`` holds the person's own levels by element id; ``others`` other people's
    (assessor id, name, level) by element id. Rated skills come first, the largest weighted gap
    first (ties: more important, then by name); skills the person has not rated come last.
    """
    others = others or {}
    rows = []
    for element_id, name, importance, needed in needs:
        level = levels.get(element_id)
        views = tuple(
            OtherView(
                assessor_id=assessor_id,
                assessor_name=assessor_name,
                level=other_level,
                difference=None if level is None else other_level - level,
            )
            for assessor_id, assessor_name, other_level in others.get(element_id, [])
        )
        rows.append(
            GapRow(
                element_id=element_id,
                name=name,
                importance=importance,
                level_needed=needed,
                level=level,
                gap=None if level is None else skill_gap(needed, level),
                priority=None if level is None else weighted_gap(needed, level, importance),
                others=views,
            )
        )
    rows.sort(
        key=lambda r: (
            r.priority is None,
            -(r.priority or 0.0),
            -r.importance,
            r.name,
        )
    )
    return rows


def default_target_level(level_needed: float, start_level: int) -> int:
    """Aim for the level the role needs (rounded to the nearest whole level), at least one
    level above where the person starts, never beyond 7."""
    aim = max(round(level_needed), start_level + 1)
    return min(aim, LEVEL_MAX)
