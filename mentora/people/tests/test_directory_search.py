"""The directory search: what `?q=` finds, who is listed to whom, that counts and pages agree."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mentora.people.models import Profile, Visibility
from mentora.people.permissions import can_view_profile
from mentora.people.selectors import directory_page, directory_search, directory_slice
from mentora.programs.models import Enrollment
from mentora.testing import make_user

pytestmark = pytest.mark.django_db

API = "/api/v1/people/directory"


def page_names(client, **query) -> list[str]:
    body = client.get(reverse("people:directory"), query).content.decode()
    return re.findall(r'<h2[^>]*><a href="[^"]*">([^<]+)</a></h2>', body)


def api_names(client, **query) -> list[str]:
    response = client.get(API, query)
    assert response.status_code == 200, response.content
    return [entry["full_name"] for entry in response.json()["items"]]


@pytest.mark.parametrize(
    "q, expected",
    [
        ("marco", ["Marco Mentor"]),  # a name, in any case
        ("CO ME", ["Marco Mentor"]),  # across the space between first and last name
        ("executive coach", ["Chloe Coach"]),  # a job title
        ("growth marketing", ["Marco Mentor"]),  # the experience summary
        ("feedback", ["Chloe Coach"]),  # a skill offered
        ("co", ["Chloe Coach", "Marco Mentor"]),
        ("maya", []),  # a match who offers nothing is not in the directory
        ("nobody-has-this", []),
    ],
)
def test_it_finds_people_by_name_title_experience_or_skill(client_for, personas, q, expected):
    client = client_for(personas.mentee)
    assert page_names(client, q=q) == expected
    assert api_names(client, q=q) == expected


def test_it_shows_a_programs_only_profile_to_program_peers_and_managers_only(client_for, personas):
    Profile.objects.filter(user=personas.mentor).update(visibility=Visibility.PROGRAMS)
    sees = {"mentee": True, "manager": True, "admin": True, "unrelated": False, "coach": False}
    for persona, expected in sees.items():
        client = client_for(getattr(personas, persona))
        for query in ({}, {"q": "marco"}, {"q": "negotiation"}):
            assert ("Marco Mentor" in page_names(client, **query)) is expected, (persona, query)
            assert ("Marco Mentor" in api_names(client, **query)) is expected, (persona, query)


def test_it_keeps_a_deactivated_mentor_out_even_when_the_name_matches(client_for, personas):
    personas.mentor.is_active = False
    personas.mentor.save(update_fields=["is_active"])
    client = client_for(personas.mentee)
    assert page_names(client, q="marco") == []
    assert api_names(client, q="marco") == []


def test_it_counts_in_the_same_query_that_reads_the_page(client_for, personas):
    client = client_for(personas.mentee)
    with CaptureQueriesContext(connection) as ctx:
        body = client.get(reverse("people:directory"), {"q": "co"}).content.decode()
    assert "2 people found" in body
    counts = [q["sql"] for q in ctx.captured_queries if "COUNT(" in q["sql"]]
    assert len(counts) == 1 and "OVER" in counts[0]


def _many_mentors(personas) -> None:
    """Thirty mentors with every visibility, some sharing a program with Maya, names that tie."""
    for n in range(30):
        user = make_user(
            f"m{n}@example.com",
            f"Mentor {n % 7}",  # ties: the order falls back to the profile's id
            offers_mentoring=n % 4 != 0,
            offers_coaching=n % 3 == 0,
            job_title="Engineer" if n % 2 else "Designer",
            visibility=[Visibility.ORGANIZATION, Visibility.PROGRAMS, Visibility.HIDDEN][n % 3],
            skills_offered=["SQL"] if n % 5 == 0 else [],
        )
        if n % 2:
            program = personas.program if n % 4 == 1 else personas.coaching
            Enrollment.objects.create(program=program, user=user, role=Enrollment.Role.MENTOR)
        if n % 11 == 0:
            user.is_active = False
            user.save(update_fields=["is_active"])


FILTERS = [{}, {"q": "engineer"}, {"q": "mentor 3"}, {"q": "sql"}, {"offers": "coaching"}]


@pytest.mark.parametrize("persona", ["mentee", "manager", "unrelated", "admin", "coach"])
def test_its_pages_and_count_agree_with_the_profile_rule(personas, persona):
    _many_mentors(personas)
    viewer = getattr(personas, persona)
    for filters in FILTERS:
        results = directory_search(viewer=viewer, **filters)
        expected = list(results)  # the plain queryset, unpaged: the order and the people
        everyone = Profile.objects.active().offering().select_related("user")
        allowed = {p.pk for p in everyone if can_view_profile(viewer, p)}
        assert {p.pk for p in expected} <= allowed, filters
        if not filters:
            assert {p.pk for p in expected} == allowed
        paged, offset = [], 0
        while True:
            people, count = directory_slice(results, offset=offset, limit=4)
            assert count == len(expected), filters
            if not people:
                break
            paged += people
            offset += 4
        assert [p.pk for p in paged] == [p.pk for p in expected], filters


def test_it_answers_a_page_past_the_end_with_the_last_page(personas):
    _many_mentors(personas)
    results = directory_search(viewer=personas.mentee)
    total = results.count()
    last = directory_page(results, number="999", per_page=5)
    assert last.paginator.count == total
    assert last.number == last.paginator.num_pages
    assert [p.pk for p in last] == [p.pk for p in list(results)[(last.number - 1) * 5 :]]
    for bad in (None, "", "abc", "-3", "0"):
        first = directory_page(results, number=bad, per_page=5)
        assert first.number == 1 and first.paginator.count == total


def test_it_answers_the_api_past_the_end_with_the_count_and_no_one(client_for, personas):
    client = client_for(personas.mentee)
    for page in (9, 10**20):
        assert client.get(API, {"page": page}).json() == {"items": [], "count": 2}


def test_it_shows_the_last_page_for_a_page_number_of_twenty_digits(client_for, personas):
    response = client_for(personas.mentee).get(reverse("people:directory"), {"page": 10**20})
    assert response.status_code == 200
    assert re.findall(r'<h2[^>]*><a href="[^"]*">([^<]+)</a></h2>', response.content.decode()) == [
        "Chloe Coach",
        "Marco Mentor",
    ]


def test_it_counts_nobody_found_without_a_second_query(client_for, personas):
    client = client_for(personas.mentee)
    with CaptureQueriesContext(connection) as ctx:
        body = client.get(reverse("people:directory"), {"q": "nobody-has-this"}).content.decode()
    assert "0 people found" in body and "No one matches these filters" in body
    assert sum("COUNT(" in q["sql"] for q in ctx.captured_queries) == 1
