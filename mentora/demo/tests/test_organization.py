"""The demo organization as data: deterministic, believable, consistent."""

from __future__ import annotations

import re
from collections import Counter

from mentora.demo import data
from mentora.demo.organization import email_for, generate_organization, in_sentence
from mentora.demo.program_plan import plan_enrollments
from mentora.lib.timezones import is_valid_timezone
from mentora.people.models import LEVEL_ORDER, Level


def test_it_generates_the_same_people_for_the_same_seed():
    first, second = generate_organization(), generate_organization()
    assert first == second
    assert [p.full_name for p in generate_organization(seed=7)] != [p.full_name for p in first]


def test_it_has_about_300_people_across_departments():
    people = generate_organization()
    assert len(people) == 300
    assert len({p.email for p in people}) == 300
    departments = Counter(p.department for p in people)
    assert {"Engineering", "Product", "Design", "Marketing", "Sales", "Customer Success",
            "Finance", "People", "Operations", "Legal"} <= set(departments)
    assert departments["Engineering"] > departments["Legal"]


def test_it_has_one_ceo_and_no_manager_cycles():
    people = generate_organization()
    roots = [p for p in people if p.manager is None]
    assert [p.job_title for p in roots] == [data.CEO_TITLE]
    for person in people:
        seen, current = set(), person
        while current.manager is not None:
            assert current.index not in seen, f"cycle through {person.full_name}"
            seen.add(current.index)
            boss = people[current.manager]
            assert LEVEL_ORDER[boss.level] >= LEVEL_ORDER[current.level]
            current = boss
        assert current is roots[0]


def test_it_places_people_in_real_time_zones_matching_their_office():
    people = generate_organization()
    offices = {loc.name: loc.timezone for loc in data.LOCATIONS.values()}
    for person in people:
        assert is_valid_timezone(person.timezone), person.timezone
        assert offices[person.location] == person.timezone
    assert len({p.timezone for p in people}) >= 8


def test_it_keeps_experience_consistent_with_level():
    for person in generate_organization():
        assert person.level in Level.values
        low, high = data.YEARS_BY_LEVEL[person.level]
        assert low <= person.years_experience <= high, (person.full_name, person.level)


def test_it_gives_people_believable_profiles():
    people = generate_organization()
    mentors = [p for p in people if p.offers_mentoring]
    coaches = [p for p in people if p.offers_coaching]
    assert 0.2 <= len(mentors) / len(people) <= 0.3
    assert len(coaches) == data.COACH_COUNT
    assert all(c.coach_credentials and c.coaching_focus and c.experience_summary for c in coaches)
    assert all(m.experience_summary for m in mentors)
    with_target = [p for p in people if p.target_role]
    assert len(with_target) > len(people) / 2
    first_person = re.compile(r"\b(I|I'm|I've|I'd|my|me)\b")
    assert all(first_person.search(p.career_goals) for p in with_target)
    assert len({p.career_goals for p in with_target}) > 0.9 * len(with_target)
    assert any(p.ipip for p in people) and not all(p.ipip for p in people)
    for person in people:
        assert all(1 <= v <= 5 for v in person.style.values())
        assert "English" in person.languages
        for _, start, end in person.availability:
            assert start < end


def test_it_names_the_demo_logins():
    people = {p.login: p for p in generate_organization() if p.login}
    assert people["program manager"].email == "priya.raman@example.com"
    assert people["organization admin"].is_org_admin
    assert people["coach"].offers_coaching and people["coach"].coach_credentials == "ICF PCC"
    mentee, mentor = people["mentee"], people["mentor"]
    assert mentee.target_role == "Engineering Manager"
    assert set(mentee.skills_wanted) & set(mentor.skills_offered)
    assert mentee.manager != mentor.index


def test_it_plans_three_programs_of_the_expected_size():
    people = generate_organization()
    plan = plan_enrollments(people)
    roles = {slug: Counter(e.role for e in items) for slug, items in plan.items()}
    assert roles["grow"] == {"mentee": 80, "mentor": 40}  # 30 drawn + 10 who held wanted roles
    assert roles["lead"] == {"mentee": 25, "mentor": 6}
    assert sum(roles["peer"].values()) == 40
    assert sum(e.self_enrolled for e in plan["lead"]) == 6
    assert plan == plan_enrollments(people)


def test_it_writes_emails_and_skills_as_people_read_them():
    assert email_for("Inês Gonçalves") == "ines.goncalves@example.com"
    assert email_for("Wei Ling Tan") == "weiling.tan@example.com"
    assert email_for("Emre Yılmaz") == "emre.yilmaz@example.com"
    assert in_sentence("Giving feedback") == "giving feedback"
    assert in_sentence("SQL") == "SQL"
    assert in_sentence("Python") == "Python"
