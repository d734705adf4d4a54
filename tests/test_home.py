"""The home page: each role gets a starting point to what waits for them."""

from __future__ import annotations

from datetime import timedelta

import pytest

from mentora.lib import clock
from mentora.outcomes.models import SurveyInvitation
from mentora.programs.models import Enrollment
from mentora.relationships.services.lifecycle import relationship_request
from mentora.testing import make_user

pytestmark = pytest.mark.django_db


def _survey(program, person, kind=SurveyInvitation.Kind.BASELINE):
    now = clock.now()
    return SurveyInvitation.objects.create(
        program=program,
        respondent=person,
        kind=kind,
        role="mentee",
        opens_at=now - timedelta(days=1),
        closes_at=now + timedelta(days=20),
    )


def test_it_shows_a_mentee_the_surveys_waiting_for_them(personas, client_for):
    survey = _survey(personas.program, personas.mentee)
    page = client_for(personas.mentee).get("/").text
    assert "Waiting for you" in page and f'href="/outcomes/surveys/{survey.pk}/"' in page
    assert "Waiting for you" not in client_for(personas.mentor).get("/").text  # not theirs


def test_it_shows_a_mentor_the_requests_to_answer(personas, client_for):
    relationship_request(
        program=personas.program,
        mentee=personas.mentee,
        mentor=personas.mentor,
        by=personas.manager,
    )
    page = client_for(personas.mentor).get("/").text
    assert "1 request</strong> to answer" in page and 'href="/recommendations/inbox/"' in page
    assert "to answer" not in client_for(personas.mentee).get("/").text


def test_it_links_managers_to_matching_relationships_and_the_dashboard(personas, client_for):
    page = client_for(personas.manager).get("/").text
    for url in (
        "/matching/grow/",
        "/relationships/programs/grow/",
        "/outcomes/programs/grow/",
        "/relationships/stalled/",
    ):
        assert f'href="{url}"' in page, url
    assert "/matching/lead/" not in page  # Olga's program
    for persona in ("mentee", "mentor", "coach", "unrelated"):
        assert "/matching/" not in client_for(getattr(personas, persona)).get("/").text, persona


def test_it_loads_the_home_page_in_constant_queries(
    personas, client_for, django_assert_num_queries
):
    client = client_for(personas.mentee)
    _survey(personas.program, personas.mentee)
    client.get("/")  # warm the session
    with django_assert_num_queries(13) as few:  # 2 for the first-steps checklist
        client.get("/")
    for k in range(4):
        mentor = make_user(f"extra{k}@example.com", f"Extra Mentor {k}")
        Enrollment.objects.create(
            program=personas.coaching, user=mentor, role="mentor", status="approved"
        )
        program = personas.coaching if k % 2 else personas.program
        _survey(program, personas.mentee, ("midpoint", "baseline", "end", "midpoint")[k])
    with django_assert_num_queries(len(few.captured_queries)):
        page = client.get("/").text
    assert page.count("survey —") == 5


def test_it_gives_a_new_mentee_first_steps_that_name_what_is_missing(personas, client_for):
    page = client_for(personas.unrelated).get("/").text
    assert "Get started" in page
    assert "Fill in your profile</a>: add a photo and 5 more things." in page
    assert 'href="/programs/">Join a program</a>' in page
    assert "Then choose your mentor or coach" in page
    assert "Wait for your match" in client_for(personas.mentee).get("/").text  # enrolled


def test_it_gives_a_coach_the_steps_of_someone_who_coaches_not_a_mentees(
    personas, client_for
):
    page = client_for(personas.coach).get("/").text
    assert "Get ready to mentor or coach" in page
    assert "Write what mentees will see" in page and "Say when you can usually meet" in page
    assert "Join a program</a> to be matched" not in page
    assert "Choose the role you are heading for" not in page


def test_it_offers_the_choice_of_a_mentor_where_the_program_lets_mentees_choose(
    personas, client_for
):
    personas.program.matching_mode = "mentee_choice"
    personas.program.save()
    page = client_for(personas.mentee).get("/").text
    assert 'href="/recommendations/programs/grow/">Choose your mentor in Grow</a>' in page


def test_it_shows_no_first_steps_to_a_manager_who_neither_mentors_nor_is_mentored(
    personas, client_for
):
    page = client_for(personas.manager).get("/").text
    assert "Get started" not in page and "Get ready to mentor" not in page


def test_it_offers_the_home_pages_first_steps_through_the_api(personas, client, api_token_for):
    def steps(user):
        response = client.get("/api/v1/me/first-steps", **api_token_for(user))
        assert response.status_code == 200, response.content
        return response.json()

    newcomer = steps(personas.unrelated)
    assert (newcomer["complete"], newcomer["kind"]) == (False, "receiving")
    by_key = {s["key"]: s for s in newcomer["steps"]}
    assert by_key["profile"]["text"] == "Fill in your profile: add a photo and 5 more things."
    assert by_key["profile"]["url"].startswith("/people/me/")
    assert by_key["join"] == {"key": "join", "done": False, "url": "/programs/",
                              "text": "Join a program to be matched with a mentor or coach."}
    coach = steps(personas.coach)
    assert coach["kind"] == "giving"
    assert [s["key"] for s in coach["steps"]] == ["seen", "capacity", "availability", "style"]
    assert steps(personas.manager) == {"complete": True, "kind": "", "done": 0, "steps": []}
    assert client.get("/api/v1/me/first-steps").status_code == 401
