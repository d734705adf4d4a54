"""Profile pages and the directory: permissions, privacy, editing."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mentora.people.models import Profile, Visibility
from mentora.testing import make_user

pytestmark = pytest.mark.django_db

PERSONAS = ["mentee", "mentor", "coach", "manager", "admin", "unrelated", "anonymous"]


@pytest.mark.parametrize(
    "name, expected",
    [
        ("people:directory", {"anonymous": 302}),
        ("people:profile_edit", {"anonymous": 302}),
        ("people:availability", {"anonymous": 302}),
        ("people:personality", {"anonymous": 302}),
        ("people:admin_people", {"anonymous": 302, "admin": 200, "*": 403}),
    ],
)
@pytest.mark.parametrize("persona", PERSONAS)
def test_people_page_permissions(client_for, personas, persona, name, expected):
    response = client_for(getattr(personas, persona)).get(reverse(name))
    assert response.status_code == expected.get(persona, expected.get("*", 200))


@pytest.mark.parametrize("persona", PERSONAS)
def test_a_hidden_profile_is_seen_only_by_its_owner_and_org_admins(client_for, personas, persona):
    Profile.objects.filter(user=personas.mentor).update(visibility=Visibility.HIDDEN)
    response = client_for(getattr(personas, persona)).get(
        reverse("people:detail", args=[personas.mentor.pk])
    )
    expected = {"anonymous": 302, "mentor": 200, "admin": 200}.get(persona, 404)
    assert response.status_code == expected


@pytest.mark.parametrize("persona", PERSONAS)
def test_a_programs_only_profile_is_seen_by_people_in_a_shared_program(
    client_for, personas, persona
):
    Profile.objects.filter(user=personas.mentor).update(visibility=Visibility.PROGRAMS)
    response = client_for(getattr(personas, persona)).get(
        reverse("people:detail", args=[personas.mentor.pk])
    )
    # Maya shares the Grow program with Marco; Priya manages it.
    expected = {"anonymous": 302, "mentor": 200, "admin": 200, "mentee": 200, "manager": 200}
    expected = expected.get(persona, 404)
    assert response.status_code == expected


def test_the_directory_filters_and_respects_privacy(client_for, personas):
    client = client_for(personas.unrelated)
    page = client.get(reverse("people:directory"), {"skill": "negotiation"}).content.decode()
    assert "Marco Mentor" in page and "Chloe Coach" not in page
    page = client.get(reverse("people:directory"), {"offers": "coaching"}).content.decode()
    assert "Chloe Coach" in page and "Marco Mentor" not in page
    Profile.objects.filter(user=personas.mentor).update(visibility=Visibility.HIDDEN)
    page = client.get(reverse("people:directory")).content.decode()
    assert "Marco Mentor" not in page and "Chloe Coach" in page


def test_the_directory_answers_htmx_with_the_results_only(client_for, personas):
    response = client_for(personas.mentee).get(
        reverse("people:directory"), {"q": "Marco"}, HTTP_HX_REQUEST="true"
    )
    body = response.content.decode()
    assert "Marco Mentor" in body and "<html" not in body


def test_directory_runs_a_fixed_number_of_queries(client_for, personas, django_assert_num_queries):
    for n in range(20):
        make_user(
            f"m{n}@example.com",
            f"Mentor {n}",
            offers_mentoring=True,
            skills_offered=["SQL", f"Skill {n}"],
            languages=["English", "French"],
        )
    client = client_for(personas.mentee)
    with django_assert_num_queries(8):
        response = client.get(reverse("people:directory"))
    assert response.content.decode().count("Speaks English, French") == 20


def test_it_counts_a_mentor_matching_several_ways_once(client_for, personas):
    make_user(
        "sam@example.com",
        "Sam Sequel",
        offers_mentoring=True,
        job_title="SQL lead",
        skills_offered=["SQL", "SQL tuning", "Postgres SQL"],
        languages=["English", "French"],
    )
    client = client_for(personas.mentee)
    for query in ({"q": "SQL"}, {"q": "SQL", "language": "french"}, {"skill": "sql tuning"}):
        body = client.get(reverse("people:directory"), query).content.decode()
        assert "1 person found" in body and body.count(">Sam Sequel</a>") == 1, query


def test_it_suggests_each_department_once_in_order(client_for, personas):
    make_user("a@example.com", "A", department="Zebra studies")
    make_user("b@example.com", "B", department="Accounting")
    make_user("c@example.com", "C", department="Zebra studies")
    make_user("d@example.com", "D", department="")
    expected = sorted(
        set(Profile.objects.exclude(department="").values_list("department", flat=True))
    )
    assert "Accounting" in expected and "Zebra studies" in expected
    body = client_for(personas.mentee).get(reverse("people:directory")).content.decode()
    datalist = body.split('<datalist id="departments">')[1].split("</datalist>")[0]
    assert datalist == "".join(f'<option value="{d}">' for d in expected)


def test_the_directory_spares_htmx_searches_the_department_list(client_for, personas):
    client = client_for(personas.mentee)
    url = reverse("people:directory")
    with CaptureQueriesContext(connection) as full:
        client.get(url, {"q": "Marco"})
    with CaptureQueriesContext(connection) as partial:
        body = client.get(url, {"q": "Marco"}, HTTP_HX_REQUEST="true").content.decode()
    assert "Marco Mentor" in body and "datalist" not in body

    def asks_departments(queries):
        return any("department" in q["sql"] and "MIN(" in q["sql"] for q in queries)

    assert asks_departments(full.captured_queries)
    assert not asks_departments(partial.captured_queries)


def test_admin_people_runs_a_fixed_number_of_queries(
    client_for, personas, django_assert_num_queries
):
    for n in range(20):
        make_user(f"p{n}@example.com", f"Person {n}")
    client = client_for(personas.admin)
    with django_assert_num_queries(5):  # 4 + the navigation's "mentors somewhere?"
        response = client.get(reverse("people:admin_people"))
    assert "Person 19" in response.content.decode()


def test_profile_form_saves_and_reports_bad_input(client_for, personas):
    client = client_for(personas.mentee)
    form = client.get(reverse("people:profile_edit")).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None and not isinstance(v, list)}
    data.update(
        {
            "target_role": "Product Manager",
            "skills_wanted": "Roadmapping, SQL",
            "languages": "English, Spanish",
            "years_experience": "abc",
        }
    )
    response = client.post(reverse("people:profile_edit"), data)
    assert "Years of experience: Enter a whole number." in response.content.decode()
    assert Profile.objects.get(user=personas.mentee).target_role == "Marketing Manager"
    data["years_experience"] = "3"
    response = client.post(reverse("people:profile_edit"), data)
    assert response.status_code == 302
    profile = Profile.objects.get(user=personas.mentee)
    assert profile.target_role == "Product Manager"
    assert sorted(s.name for s in profile.skills_wanted.all()) == ["Roadmapping", "SQL"]
    assert sorted(lang.name for lang in profile.languages.all()) == ["English", "Spanish"]


def test_availability_form_saves_windows(client_for, personas):
    client = client_for(personas.mentee)
    data = {
        "window-TOTAL_FORMS": "3",
        "window-INITIAL_FORMS": "0",
        "window-0-weekday": "1",
        "window-0-starts_at": "09:00",
        "window-0-ends_at": "10:30",
        "window-1-weekday": "2",
        "window-1-starts_at": "14:00",
        "window-1-ends_at": "13:00",
    }
    response = client.post(reverse("people:availability"), data)
    assert "The window must end after it starts." in response.content.decode()
    assert not personas.mentee.profile.availability.exists()
    data.update({"window-1-ends_at": "15:00"})
    assert client.post(reverse("people:availability"), data).status_code == 302
    assert [str(w) for w in personas.mentee.profile.availability.all()] == [
        "Tuesday 09:00–10:30",
        "Wednesday 14:00–15:00",
    ]


def test_personality_form_scores_traits(client_for, personas):
    client = client_for(personas.mentee)
    response = client.post(reverse("people:personality"), {"item_1": "5"})
    assert "Please answer every statement" in response.content.decode()
    data = {f"item_{n}": "3" for n in range(1, 21)}
    assert client.post(reverse("people:personality"), data).status_code == 302
    assert Profile.objects.get(user=personas.mentee).trait_extraversion == 3.0
