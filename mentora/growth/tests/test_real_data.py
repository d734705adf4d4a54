"""Growth on the real O*NET 29.3 release from ../shared/career-data/: the skills assessed,
their anchors, and occupations O*NET has not rated."""

from __future__ import annotations

import pytest

from mentora.growth import selectors
from mentora.growth.services import assessment_save, target_role_set

pytestmark = pytest.mark.django_db


def test_it_assesses_marketing_managers_on_ten_rated_skills_with_anchors(real_data):
    skills = selectors.skill_set("11-2021.00")
    assert not skills.borrowed and len(skills.skills) == 10
    importances = [s.importance for s in skills.skills]
    assert importances == sorted(importances, reverse=True)
    assert all(1 <= s.importance <= 5 and 0 <= s.level_needed <= 7 for s in skills.skills)
    assert all([a.value for a in s.anchors] == [2, 4, 6] for s in skills.skills)
    names = {s.name for s in skills.skills}
    assert {"Persuasion", "Speaking"} <= names


def test_it_borrows_ratings_for_software_developers(real_data):
    skills = selectors.skill_set("15-1252.00")  # no Skills ratings in O*NET 29.3
    assert skills.borrowed and len(skills.skills) == 10
    assert skills.rated_code.startswith("15-")  # a related computer occupation
    assert skills.rated_title != "Software Developers"


def test_it_has_no_skill_set_for_occupations_with_nothing_rated_nearby(real_data):
    from mentora.careers.models import Occupation, OccupationRating, RelatedOccupation

    bare = (
        Occupation.objects.exclude(ratings__isnull=False)
        .exclude(pk__in=RelatedOccupation.objects.values("from_occupation"))
        .order_by("code")
        .first()
    )
    assert bare is not None  # military and "All Other" occupations have only a description
    assert not OccupationRating.objects.filter(occupation=bare).exists()
    assert selectors.skill_set(bare.code) is None


def test_it_computes_a_gap_on_real_data(personas, real_data):
    target_role_set(user=personas.mentee, by=personas.mentee, code="11-2021.00")
    skills = selectors.skill_set("11-2021.00")
    levels = {s.element_id: 2 for s in skills.skills}
    assessment_save(subject=personas.mentee, by=personas.mentee, levels=levels)
    report = selectors.gap_report(personas.mentee, viewer=personas.mentee, skills=skills)
    assert report.rated and len(report.rows) == 10
    top = report.rows[0]
    assert top.priority == round((top.level_needed - 2) * top.importance / 5, 2)
    priorities = [r.priority for r in report.rows]
    assert priorities == sorted(priorities, reverse=True)
