"""Profiles → engine inputs: the right people, the right features, a handful of queries."""

from __future__ import annotations

from datetime import UTC, datetime, time

import numpy as np
import pytest

from mentora.lib.errors import DomainError
from mentora.matching.engine import build_candidates, explain, solve
from mentora.matching.features import EmptyProblem, program_problem, weekly_utc_slots
from mentora.matching.models import MatchRule
from mentora.people.services import profile_set_availability
from mentora.programs.models import Enrollment
from mentora.relationships.models import Relationship
from mentora.testing import make_user

pytestmark = pytest.mark.django_db

NOW = datetime(2025, 3, 5, 12, 0, tzinfo=UTC)  # a Wednesday, before Europe's DST change


def _enroll(program, user, role, **kw):
    return Enrollment.objects.create(
        program=program, user=user, role=role, status=Enrollment.Status.APPROVED, **kw
    )


def test_it_builds_rows_for_waiting_mentees_and_mentors_with_room(personas):
    pp = program_problem(program=personas.program, now=NOW)
    assert [u.email for u in pp.mentees] == [personas.mentee.email]
    assert [u.email for u in pp.mentors] == [personas.mentor.email]
    assert pp.capacities.tolist() == [3]
    assert pp.problem.n == 1 and pp.problem.m == 1


def test_it_leaves_out_mentees_in_a_live_relationship_and_counts_places(personas):
    other = make_user("ola@example.com", "Ola Other")
    _enroll(personas.program, other, Enrollment.Role.MENTEE)
    Relationship.objects.create(
        program=personas.program, mentee=personas.mentee, mentor=personas.mentor
    )
    pp = program_problem(program=personas.program, now=NOW)
    assert [u.pk for u in pp.mentees] == [other.pk]
    assert pp.capacities.tolist() == [2]


def test_it_leaves_out_mentees_who_completed_unless_they_asked_to_be_rematched(personas):
    from mentora.relationships.models import RematchRequest

    ended = make_user("eli@example.com", "Eli Early")
    done = make_user("cora@example.com", "Cora Completed")
    again = make_user("rhea@example.com", "Rhea Again")
    for user in (ended, done, again):
        _enroll(personas.program, user, Enrollment.Role.MENTEE)
    S = Relationship.Status
    Relationship.objects.create(
        program=personas.program, mentee=ended, mentor=personas.mentor, status=S.ENDED_EARLY
    )
    Relationship.objects.create(
        program=personas.program, mentee=done, mentor=personas.mentor, status=S.COMPLETED
    )
    rel = Relationship.objects.create(
        program=personas.program, mentee=again, mentor=personas.mentor, status=S.COMPLETED
    )
    RematchRequest.objects.create(relationship=rel, program=personas.program, mentee=again)
    pp = program_problem(program=personas.program, now=NOW)
    assert {u.email for u in pp.mentees} == {
        personas.mentee.email, "eli@example.com", "rhea@example.com"
    }
    assert pp.capacities.tolist() == [3]  # ended relationships hold no place


def test_it_leaves_out_full_mentors_unless_named(personas):
    Enrollment.objects.filter(user=personas.mentor).update(capacity=0)
    with pytest.raises(EmptyProblem) as err:
        program_problem(program=personas.program, now=NOW)
    assert str(err.value) == "Grow has no mentors with a free place."
    assert [u.pk for u in err.value.mentees] == [personas.mentee.pk]
    pp = program_problem(program=personas.program, mentor_ids=[personas.mentor.pk], now=NOW)
    assert [u.pk for u in pp.mentors] == [personas.mentor.pk]
    assert pp.capacities.tolist() == [0]


def test_it_explains_the_personas_pair_from_their_profiles(personas):
    pp = program_problem(program=personas.program, now=NOW)
    ex = explain(pp.problem, 0, 0)
    reasons = {c.factor: (c.code, c.params) for c in ex.contributions}
    # Maya targets "Marketing Manager", Marco is one (no career data: matched by title).
    assert reasons["role"] == ("role.held_target", {"role": "Marketing Manager"})
    assert reasons["skills"] == (
        "skills.offered", {"count": 1, "wanted": 1, "skills": ["Negotiation"]}
    )
    assert reasons["experience"] == ("experience.more_years", {"years": 12})
    assert reasons["cross_department"] == ("department.other", {})
    assert ex.allowed
    assert abs(ex.score - sum(c.contribution for c in ex.contributions)) < 1e-9


def test_it_counts_an_occupation_chosen_from_career_search_as_held(personas):
    from mentora.growth.models import CareerRole

    personas.mentee.profile.target_occupation_code = "11-2021.00"
    personas.mentee.profile.target_role = ""
    personas.mentee.profile.save()
    CareerRole.objects.create(
        user=personas.mentor, kind="past", occupation_code="11-2021.00", title="Marketing Managers"
    )
    pp = program_problem(program=personas.program, now=NOW)
    role = next(c for c in explain(pp.problem, 0, 0).contributions if c.factor == "role")
    assert role.value == 1.0


def test_it_converts_availability_windows_to_utc_half_hours():
    # Tuesday 9:00–12:00 in Paris (UTC+1 in early March) is Tuesday 8:00–11:00 UTC.
    slots = weekly_utc_slots([(1, time(9), time(12))], "Europe/Paris", reference=NOW)
    on = np.flatnonzero(slots)
    assert on.tolist() == list(range(48 + 16, 48 + 22))
    # Sunday 23:00–23:59 in New York (UTC-5 in February) wraps to Monday 4:00–4:30 UTC.
    feb = datetime(2025, 2, 5, 12, 0, tzinfo=UTC)
    slots = weekly_utc_slots([(6, time(23), time(23, 59))], "America/New_York", reference=feb)
    assert np.flatnonzero(slots).tolist() == [8]
    # The week of the change to summer time uses that Sunday's offset (UTC-4).
    slots = weekly_utc_slots([(6, time(23), time(23, 59))], "America/New_York", reference=NOW)
    assert np.flatnonzero(slots).tolist() == [6]


def test_it_gives_availability_overlap_to_the_engine(personas):
    profile_set_availability(
        profile=personas.mentee.profile,
        by=personas.mentee,
        windows=[(1, time(8), time(10))],  # Maya is in UTC: 8–10 UTC overlaps Marco's 8–11 UTC
    )
    pp = program_problem(program=personas.program, now=NOW)
    reasons = {c.factor: (c.code, c.params) for c in explain(pp.problem, 0, 0).contributions}
    assert reasons["availability"] == ("availability.overlap", {"hours": 2.0})


def test_it_applies_the_reporting_line_and_rules(personas):
    boss = make_user("bo@example.com", "Bo Boss", offers_mentoring=True)
    _enroll(personas.program, boss, Enrollment.Role.MENTOR)
    mid = make_user("mi@example.com", "Mi Middle")
    mid.profile.manager = boss
    mid.profile.save()
    personas.mentee.profile.manager = mid
    personas.mentee.profile.save()
    MatchRule.objects.create(
        program=personas.program, mentee=personas.mentee, mentor=personas.mentor, kind="forbid"
    )
    pp = program_problem(program=personas.program, now=NOW)
    j_boss = pp.mentor_index[boss.pk]
    assert explain(pp.problem, 0, j_boss).failed_constraints == ("reporting_line",)
    assert pp.forbidden.tolist() == [[0, pp.mentor_index[personas.mentor.pk]]]
    cand = build_candidates(pp.problem)
    result = solve(cand.scores, pp.capacities, forbidden=pp.forbidden)
    assert result.matched == 0


def test_it_refuses_unknown_or_bad_weights_naming_the_field(personas):
    with pytest.raises(DomainError) as err:
        program_problem(program=personas.program, weights={"charm": 1})
    assert err.value.field == "weights.charm"
    with pytest.raises(DomainError) as err:
        program_problem(program=personas.program, weights={"role": -1})
    assert err.value.field == "weights.role"
    with pytest.raises(DomainError) as err:
        program_problem(program=personas.program, constraints={"require_shared_language": 3})
    assert err.value.field == "constraints.require_shared_language"


def test_it_reads_a_whole_program_in_a_handful_of_queries(personas, django_assert_max_num_queries):
    for k in range(30):
        mentor = k % 3 == 0
        user = make_user(
            f"p{k}@example.com",
            f"Person {k}",
            offers_mentoring=mentor,
            skills_offered=["Negotiation"] if mentor else None,
            skills_wanted=None if mentor else ["Public speaking"],
            department=f"Dept {k % 4}",
        )
        user.profile.manager = personas.manager
        user.profile.save()
        profile_set_availability(
            profile=user.profile, by=user, windows=[(k % 5, time(9), time(11))]
        )
        _enroll(
            personas.program,
            user,
            Enrollment.Role.MENTOR if mentor else Enrollment.Role.MENTEE,
        )
    with django_assert_max_num_queries(11):  # +1: the program's choice questions (answers factor)
        pp = program_problem(program=personas.program, now=NOW)
    assert len(pp.mentees) == 21 and len(pp.mentors) == 11
    hours = pp.problem.e["availability"].sum(axis=1) / 2
    assert sorted(hours.tolist()) == [0.0] + [2.0] * 20  # Maya gave no availability
    assert pp.problem.e["manager_chain"][1:, 0].tolist() == [personas.manager.pk] * 20


def test_it_gives_the_same_location_to_the_engine(personas):
    for user in (personas.mentee, personas.mentor):
        user.profile.location = "Lisbon office"
        user.profile.save()
    pp = program_problem(program=personas.program, now=NOW)
    loc = next(c for c in explain(pp.problem, 0, 0).contributions if c.factor == "location")
    assert (loc.code, loc.params, loc.value) == ("location.same", {"location": "Lisbon office"},
                                                 1.0)
    personas.mentor.profile.location = "Porto"
    personas.mentor.profile.save()
    pp = program_problem(program=personas.program, now=NOW)
    loc = next(c for c in explain(pp.problem, 0, 0).contributions if c.factor == "location")
    assert (loc.code, loc.value) == ("location.other", 0.0)
