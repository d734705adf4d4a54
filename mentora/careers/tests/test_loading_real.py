"""The real O*NET 29.3 and BLS 2024–34 releases, loaded once for the package (see conftest)."""

from __future__ import annotations

import pytest
from django.db.models import Count

from mentora.careers.models import (
    AlternateTitle,
    DataRelease,
    Element,
    JobZoneReference,
    LevelAnchor,
    Occupation,
    OccupationRating,
    Projection,
    RelatedOccupation,
    Task,
    Technology,
)
from mentora.careers.services import careerdata_load
from mentora.careers.tests.conftest import real_data_paths

pytestmark = pytest.mark.django_db


def test_it_loads_the_row_counts_the_readme_lists(real_data):
    assert Occupation.objects.count() == 1_016
    assert AlternateTitle.objects.filter(kind="alternate").count() == 56_560
    assert AlternateTitle.objects.filter(kind="reported").count() == 7_796
    # Skills.txt and Knowledge.txt hold one IM and one LV row per occupation and element.
    assert OccupationRating.objects.filter(element__kind="skill").count() == 61_530 // 2
    assert OccupationRating.objects.filter(element__kind="knowledge").count() == 58_014 // 2
    assert Element.objects.values("kind").annotate(n=Count("id")).order_by("kind").count() == 2
    assert JobZoneReference.objects.count() == 5
    assert Occupation.objects.filter(job_zone__isnull=False).count() == 923
    assert RelatedOccupation.objects.count() == 18_460
    assert Technology.objects.count() == 32_681
    assert Task.objects.count() == 18_796
    assert LevelAnchor.objects.exists()
    assert Projection.objects.filter(kind="line_item").count() == 832


def test_it_records_both_releases(real_data):
    onet = DataRelease.objects.current(DataRelease.Source.ONET)
    assert (onet.title, onet.version, onet.published) == ("O*NET 29.3 Database", "29.3", "May 2025")
    assert onet.counts["occupations"] == 1_016
    bls = DataRelease.objects.current(DataRelease.Source.BLS_EP)
    assert (bls.version, bls.data_year, bls.projection_year) == ("2024–34", 2024, 2034)


def test_it_keeps_the_gaps_the_readme_describes(real_data):
    with_tasks_but_no_ratings = Occupation.objects.filter(
        ratings__isnull=True, tasks__isnull=False
    ).distinct()
    assert 40 <= with_tasks_but_no_ratings.count() <= 50  # "about 45"
    assert with_tasks_but_no_ratings.filter(code="15-1252.00").exists()
    assert OccupationRating.objects.filter(suppressed=True).exists()


def test_it_maps_software_developers_to_bls(real_data):
    projection = Projection.objects.get(soc_code="15-1252")
    assert projection.employment_base == 1_693_800 and projection.median_wage == 133_080


def test_it_skips_a_second_load_of_the_same_files(real_data):
    report = careerdata_load(locations=real_data_paths())

    assert report.loaded == [] and len(report.unchanged) == 2
    assert Occupation.objects.count() == 1_016
    assert report.seconds < 10
