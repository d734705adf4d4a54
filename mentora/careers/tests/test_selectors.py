"""The role insight of an occupation: real occupations and the hand-made edge cases."""

from __future__ import annotations

import pytest

from mentora.careers.selectors import current_releases, occupation_insight, soc_candidates

pytestmark = pytest.mark.django_db


def test_it_gives_the_insight_of_marketing_managers(real_data):
    insight = occupation_insight("11-2021.00")

    assert insight.occupation.title == "Marketing Managers"
    assert insight.has_ratings and insight.notes == []
    assert len(insight.skills) == 10 and len(insight.knowledge) == 10
    importances = [e.importance for e in insight.skills]
    assert importances == sorted(importances, reverse=True)
    assert insight.knowledge[0].name == "Sales and Marketing"
    assert all(e.level is not None and e.level_example for e in insight.knowledge)
    assert insight.job_zone.zone == 4
    assert insight.job_zone.name == "Job Zone Four: Considerable Preparation Needed"
    assert all(t.hot or t.in_demand for t in insight.technologies)
    assert insight.technologies[0].in_demand
    assert "Salesforce software" in {t.name for t in insight.technologies}
    assert insight.tasks[0].kind == "core"
    related = insight.step_up + insight.step_across
    assert len(related) == 20 and all(r.job_zone is None or r.job_zone <= 4 for r in related)
    outlook = insight.outlook
    assert (outlook.soc_code, outlook.exact) == ("11-2021", True)
    assert (outlook.employment_base, outlook.employment_projected) == (407_000, 433_700)
    assert (outlook.change_number, outlook.change_percent) == (26_700, 6.6)
    assert (outlook.annual_openings, outlook.median_wage) == (34_300, 161_030)
    assert outlook.entry_education == "Bachelor's degree"
    assert (outlook.base_year, outlook.projected_year) == (2024, 2034)


def test_it_explains_that_software_developers_have_no_ratings(real_data):
    insight = occupation_insight("15-1252.00")

    assert not insight.has_ratings and insight.skills == [] and insight.knowledge == []
    assert "has not yet rated the skills and knowledge" in insight.notes[0]
    assert len(insight.tasks) > 10 and insight.technology_count > 50
    assert len(insight.technologies) == 30 and insight.technologies[0].in_demand
    assert len(insight.step_up + insight.step_across) == 20
    assert insight.outlook.soc_code == "15-1252" and insight.outlook.median_wage == 133_080


def test_it_splits_related_roles_by_job_zone(real_data):
    insight = occupation_insight("53-1042.00")  # job zone 2
    assert insight.step_up and all(r.job_zone > 2 for r in insight.step_up)
    assert all(r.job_zone is None or r.job_zone <= 2 for r in insight.step_across)
    assert [r.rank for r in insight.step_up] == sorted(r.rank for r in insight.step_up)


@pytest.mark.parametrize(
    "code, soc, title",
    [
        ("21-1014.00", "21-1010", "Counselors"),  # BLS groups mental health counselors
        ("29-2011.01", "29-2010", "Clinical laboratory technologists and technicians"),
        ("53-1042.00", "53-1000", "Supervisors of transportation and material moving workers"),
    ],
)
def test_it_falls_back_to_the_broader_bls_group(real_data, code, soc, title):
    outlook = occupation_insight(code).outlook
    assert (outlook.soc_code, outlook.title, outlook.exact) == (soc, title, False)


def test_it_has_no_outlook_where_bls_projects_nothing(real_data):
    insight = occupation_insight("55-1011.00")  # military occupations
    assert insight.outlook is None
    assert "only a title and description" in insight.notes[0]


def test_it_returns_none_for_an_unknown_code(real_data):
    assert occupation_insight("99-9999.00") is None


def test_it_builds_the_attribution_from_the_releases(real_data):
    attribution = current_releases().attribution
    assert attribution.onet == (
        "This page includes information from the O*NET 29.3 Database by the U.S. Department of "
        "Labor, Employment and Training Administration (USDOL/ETA). Used under the CC BY 4.0 "
        "license. O*NET® is a trademark of USDOL/ETA."
    )
    assert attribution.modification == (
        "Mentora has modified all or some of this information. USDOL/ETA has not approved, "
        "endorsed, or tested these modifications."
    )
    assert attribution.bls == (
        "Source: U.S. Bureau of Labor Statistics, Employment Projections program (2024–34)."
    )


def test_it_lists_soc_codes_from_specific_to_broad():
    assert soc_candidates("15-1252.00") == ["15-1252", "15-1250", "15-1200"]
    assert soc_candidates("15-1250.00") == ["15-1250", "15-1200"]


def test_it_leaves_suppressed_and_not_relevant_ratings_out(mini_data):
    marketing = occupation_insight("11-2021.00")
    assert [e.name for e in marketing.skills] == [
        "Persuasion",
        "Critical Thinking",
        "Reading Comprehension",
    ]  # Programming is "not relevant" for marketing managers
    analysts = occupation_insight("13-1161.00")
    assert [e.name for e in analysts.skills] == ["Reading Comprehension"]  # Persuasion suppressed


def test_it_describes_the_level_with_the_nearest_anchor(mini_data):
    marketing = occupation_insight("11-2021.00")
    by_name = {e.name: e for e in marketing.skills + marketing.knowledge}
    assert by_name["Persuasion"].level_example == "Change a jury's opinion"  # 5.1: nearest is 6
    assert by_name["Sales and Marketing"].level_example == "Plan a national marketing campaign"


def test_it_splits_step_up_and_step_across_on_the_mini_data(mini_data):
    developers = occupation_insight("15-1252.00")  # zone 4
    assert [r.code for r in developers.step_up] == ["11-3021.00"]  # zone 5
    assert [r.code for r in developers.step_across] == ["15-1254.00"]  # zone 3
    assert developers.outlook.soc_code == "15-1250" and not developers.outlook.exact
