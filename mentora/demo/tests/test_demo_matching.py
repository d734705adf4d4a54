"""Matching runs well on every demo program (QA pass defect 8: in Lead, the coaches' narrow
availability left most coachees without any coach in their hours)."""

from __future__ import annotations

import pytest

from mentora.demo.builder import demo_build
from mentora.demo.organization import generate_organization
from mentora.matching.models import UnmatchedMentee
from mentora.matching.services import matchrun_execute, matchrun_start
from mentora.programs.models import Program

pytestmark = pytest.mark.django_db


def test_a_matching_run_matches_most_people_in_every_demo_program():
    demo_build()
    for slug in ("grow", "lead", "peer"):
        program = Program.objects.get(slug=slug)
        run = matchrun_execute(run=matchrun_start(program=program, by=None))
        assert run.mentees_count >= 5, slug
        assert run.matched_count >= 0.8 * run.mentees_count, (slug, run.matched_count)
        for reason in UnmatchedMentee.objects.filter(run=run).values_list("reason", flat=True):
            assert program.mentor_label in reason  # "No coach passed …" in Lead


def test_coaches_keep_time_for_coaching():
    coaches = [p for p in generate_organization() if p.offers_coaching]
    assert len(coaches) == 15
    for coach in coaches:
        hours = sum(
            (end.hour * 60 + end.minute - start.hour * 60 - start.minute) / 60
            for _, start, end in coach.availability
        )
        assert len({day for day, _, _ in coach.availability}) >= 3 and hours >= 12, coach.email
