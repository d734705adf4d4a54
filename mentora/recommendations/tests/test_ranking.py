"""Recommendations: ranked with the engine, explained, filtered, constraints respected."""

from __future__ import annotations

import pytest

from mentora.recommendations.ranking import recommendations_for

pytestmark = pytest.mark.django_db


def test_it_ranks_mentors_with_room_and_explains_each_score(personas, grow, mentors):
    result = recommendations_for(program=grow, mentee=personas.mentee)
    names = [r.mentor.full_name for r in result.items]
    print(names, [(r.percent, [x.text for x in r.reasons]) for r in result.items])
    assert "Theo Tech" not in names  # no shared language: a hard constraint
    assert set(names) == {"Marco Mentor", "Nora North"}
    top = result.items[0]
    assert abs(sum(r.points for r in top.reasons) - top.score * 100) < 1e-6
    assert all(r.text for r in top.reasons)
