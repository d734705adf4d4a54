"""My mentoring with no relationship yet says what comes next for how the reader takes part: a
coach or mentor hears how requests reach them (not "join a program to be matched"), a mentee
where to choose or that the managers pair them, someone in no program how to join one."""

from __future__ import annotations

import pytest
from django.urls import reverse

from mentora.programs.models import Program

pytestmark = pytest.mark.django_db


def _page(client_for, user):
    response = client_for(user).get(reverse("relationships:list"))
    assert response.status_code == 200
    return response.content.decode()


def test_it_tells_a_coach_how_requests_reach_them(client_for, personas):
    page = _page(client_for, personas.coach)
    assert "In <a" in page and "you are a coach" in page
    assert "When a coachee asks you" in page
    assert "Join a program" not in page and "to be matched" not in page


def test_it_tells_a_mentee_where_to_choose_or_that_managers_pair_them(client_for, personas):
    assert "Join a program" not in _page(client_for, personas.mentee)
    assert "pair you with a mentor" in _page(client_for, personas.mentee)  # manager matching
    personas.program.matching_mode = Program.MatchingMode.MENTEE_CHOICE
    personas.program.save(update_fields=["matching_mode"])
    page = _page(client_for, personas.mentee)
    assert reverse("recommendations:program", args=[personas.program.slug]) in page
    assert "choose your mentor" in page


def test_it_invites_someone_in_no_program_to_join_one(client_for, personas):
    page = _page(client_for, personas.unrelated)
    assert "Join a program</a> to be matched with a mentor or coach, or to mentor or coach" in page
