"""Matching runs well on every demo program (QA pass defect 8: in Lead, the coaches' narrow
availability left most coachees without any coach in their hours)."""

from __future__ import annotations

import pytest

from mentora.demo.builder import demo_build
from mentora.demo.organization import generate_organization
from mentora.matching.models import DraftPair, UnmatchedMentee
from mentora.matching.reasons import unmatched_text
from mentora.matching.services import matchrun_execute, matchrun_start
from mentora.programs.models import Program

pytestmark = pytest.mark.django_db


def _reasons(run, program):
    return [
        unmatched_text(u.code, u.params, mentee=u.mentee.full_name, program=program.name,
                       mentor_word=program.mentor_label, mentee_word=program.mentee_label)
        for u in UnmatchedMentee.objects.filter(run=run).select_related("mentee")
    ]


def test_a_matching_run_matches_most_people_in_every_demo_program():
    demo_build()
    for slug in ("lead", "peer"):
        program = Program.objects.get(slug=slug)
        run = matchrun_execute(run=matchrun_start(program=program, by=None))
        assert run.mentees_count >= 5, slug
        assert run.matched_count >= 0.8 * run.mentees_count, (slug, run.matched_count)
        for reason in _reasons(run, program):
            assert program.mentor_label in reason  # "No coach passed …" in Lead


def test_grow_matches_only_good_fits_and_says_why_for_everyone_else():
    demo_build()
    program = Program.objects.get(slug="grow")
    assert program.match_constraints["fit_floor"] is True
    run = matchrun_execute(run=matchrun_start(program=program, by=None))
    assert run.mentees_count >= 20 and run.matched_count >= 0.5 * run.mentees_count
    for contributions in DraftPair.objects.filter(run=run).values_list("contributions", flat=True):
        value = {c["factor"]: c["value"] for c in contributions}
        assert value["role"] > 0 or value["skills"] > 0, "a pair on seniority alone"
    f = run.path_fit
    # Path fit for every matched mentee, and as many as this pool allows at all.
    assert f["path_fit"] == f["best_achievable"] == run.matched_count >= 0.9 * run.mentees_count
    reasons = _reasons(run, program)
    assert len(reasons) == run.unmatched_count >= 1
    for reason in reasons:
        assert reason.startswith("No mentor in this program is a good fit for "), reason
        assert "'s path to " in reason and "closest: " in reason, reason


def test_grow_reasons_name_roles_as_people_typed_them():
    """'Marco Alvarez has worked as Engineering Manager', not as 'Computer and Information
    Systems Managers' (the O*NET title) — read as a manager would."""
    demo_build()
    program = Program.objects.get(slug="grow")
    run = matchrun_execute(run=matchrun_start(program=program, by=None))
    roles = [c["params"].get("role", "")
             for cs in DraftPair.objects.filter(run=run).values_list("contributions", flat=True)
             for c in cs if c["code"].startswith("role.")]
    assert roles and "Computer and Information Systems Managers" not in roles
    assert "Engineering Manager" in roles


def test_coaches_keep_time_for_coaching():
    coaches = [p for p in generate_organization() if p.offers_coaching]
    assert len(coaches) == 15
    for coach in coaches:
        hours = sum(
            (end.hour * 60 + end.minute - start.hour * 60 - start.minute) / 60
            for _, start, end in coach.availability
        )
        assert len({day for day, _, _ in coach.availability}) >= 3 and hours >= 12, coach.email
