"""Gap arithmetic: level needed − level, weighted by importance / 5, sorted by priority."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from mentora.growth.gaps import (
    DIFFERENCE_THRESHOLD,
    default_target_level,
    gap_rows,
    skill_gap,
    weighted_gap,
)

NEEDS = [
    ("2.A.1.a", "Reading Comprehension", 4.0, 4.5),
    ("2.A.2.a", "Critical Thinking", 4.12, 4.62),
    ("2.B.1.e", "Persuasion", 4.5, 5.1),
    ("2.B.3.e", "Programming", 1.25, 0.3),
]


def test_it_subtracts_the_level_from_the_level_needed():
    assert skill_gap(4.62, 2) == 2.62
    assert skill_gap(0.3, 3) == -2.7  # above what the role needs: a strength


def test_it_weights_the_gap_by_importance_over_five():
    assert weighted_gap(5.1, 3, 4.5) == round(2.1 * 4.5 / 5, 2) == 1.89
    assert weighted_gap(4.5, 3, 4.0) == 1.2
    assert weighted_gap(4.0, 4, 5.0) == 0.0


def test_it_sorts_by_priority_then_importance_and_puts_unrated_skills_last():
    rows = gap_rows(NEEDS, {"2.A.1.a": 3, "2.A.2.a": 4, "2.B.1.e": 3})
    assert [r.name for r in rows] == [
        "Persuasion",  # (5.1 − 3) × 4.5/5 = 1.89
        "Reading Comprehension",  # (4.5 − 3) × 4.0/5 = 1.2
        "Critical Thinking",  # (4.62 − 4) × 4.12/5 = 0.51
        "Programming",  # not rated
    ]
    assert [r.priority for r in rows] == [1.89, 1.2, 0.51, None]
    assert [r.status for r in rows] == ["gap", "gap", "gap", "unrated"]


def test_it_ranks_a_gap_in_an_important_skill_above_the_same_gap_in_a_minor_one():
    rows = gap_rows([("a", "Minor", 1.5, 4.0), ("b", "Major", 4.5, 4.0)], {"a": 2, "b": 2})
    assert [r.name for r in rows] == ["Major", "Minor"]
    assert rows[0].gap == rows[1].gap == 2.0


def test_it_marks_a_skill_met_within_half_a_level():
    rows = gap_rows([("a", "A", 3.0, 4.4), ("b", "B", 3.0, 4.6)], {"a": 4, "b": 4})
    assert {r.name: r.status for r in rows} == {"A": "met", "B": "gap"}


def test_it_flags_views_two_levels_apart_with_their_direction():
    others = {"2.A.1.a": [(7, "Marco", 5)], "2.B.1.e": [(7, "Marco", 2)],
              "2.A.2.a": [(7, "Marco", 5)]}
    rows = {r.name: r for r in gap_rows(NEEDS, {"2.A.1.a": 3, "2.A.2.a": 4, "2.B.1.e": 4},
                                        others)}
    reading, persuasion, thinking = (rows["Reading Comprehension"], rows["Persuasion"],
                                     rows["Critical Thinking"])
    assert reading.others[0].difference == 2 and reading.differs
    assert reading.others[0].direction == "higher"
    assert persuasion.others[0].difference == -2 and persuasion.others[0].direction == "lower"
    assert thinking.others[0].difference == 1 and not thinking.differs
    assert DIFFERENCE_THRESHOLD == 2


def test_it_compares_nothing_when_the_person_has_not_rated_the_skill():
    rows = gap_rows(NEEDS, {}, {"2.A.1.a": [(7, "Marco", 5)]})
    reading = next(r for r in rows if r.element_id == "2.A.1.a")
    assert reading.others[0].difference is None and not reading.differs


def test_it_aims_at_the_level_needed_and_at_least_one_level_up():
    assert default_target_level(4.62, 2) == 5
    assert default_target_level(4.4, 2) == 4
    assert default_target_level(0.3, 3) == 4
    assert default_target_level(6.9, 6) == 7
    assert default_target_level(7.0, 7) == 7


@given(
    needed=st.floats(min_value=0, max_value=7, allow_nan=False),
    level=st.integers(min_value=0, max_value=7),
    importance=st.floats(min_value=1, max_value=5, allow_nan=False),
)
def test_it_keeps_the_sign_of_the_gap_and_never_weights_it_up(needed, level, importance):
    gap = skill_gap(needed, level)
    weighted = weighted_gap(needed, level, importance)
    assert abs(weighted) <= abs(gap) + 0.01
    assert (weighted > 0.01) <= (gap > 0)


@given(
    levels=st.lists(st.one_of(st.none(), st.integers(0, 7)), min_size=4, max_size=4),
)
def test_it_always_sorts_rated_rows_by_descending_priority(levels):
    own = {need[0]: lvl for need, lvl in zip(NEEDS, levels, strict=True) if lvl is not None}
    rows = gap_rows(NEEDS, own)
    rated = [r.priority for r in rows if r.priority is not None]
    assert rated == sorted(rated, reverse=True)
    assert all(r.priority is None for r in rows[len(rated):])
