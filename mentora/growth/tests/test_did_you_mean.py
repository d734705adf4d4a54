"""Free-text roles (typed on the profile or brought by the HRIS import) mapped to O*NET
occupations: Mentora offers the closest ones and the person confirms one ("did you mean")."""

from __future__ import annotations

import pytest
from django.urls import reverse

from mentora.growth import selectors
from mentora.growth.models import CareerRole
from mentora.people.models import Profile

from .conftest import MARKETING_MANAGERS

pytestmark = pytest.mark.django_db


def _free_text(user, **fields):
    Profile.objects.filter(user=user).update(target_occupation_code="", **fields)
    CareerRole.objects.filter(user=user).delete()


def test_it_offers_occupations_for_the_free_text_target_role_and_saves_the_one_confirmed(
    client_for, personas, mini_data
):
    _free_text(personas.mentee, target_role="marketing manager")
    client = client_for(personas.mentee)
    for page in ("growth:overview", "growth:assess", "growth:gap", "growth:plan"):
        body = client.get(reverse(page)).content.decode()
        assert "Is this your target role?" in body, page
        assert "you want to become “marketing manager”" in body
        assert "Marketing Managers" in body
    response = client.post(reverse("growth:role_confirm"), {
        "field": "target", "code": MARKETING_MANAGERS, "next": reverse("growth:gap")})
    assert response.status_code == 302 and response.url == reverse("growth:gap")
    profile = Profile.objects.get(user=personas.mentee)
    assert profile.target_occupation_code == MARKETING_MANAGERS
    assert profile.target_role == "marketing manager"  # what they wrote stays as written
    body = client.get(reverse("growth:overview")).content.decode()
    assert "Your target role is now Marketing Managers" in body
    assert "Is this your target role?" not in body


def test_it_confirms_the_current_role_from_the_job_title_on_the_profile(
    client_for, personas, mini_data
):
    _free_text(personas.mentee, job_title="Marketing Manager", target_role="")
    client = client_for(personas.mentee)
    body = client.get(reverse("people:profile_edit") + "?step=career").content.decode()
    assert "Which occupation is your current role?" in body
    assert "you work as “Marketing Manager”" in body
    response = client.post(reverse("growth:role_confirm"), {
        "field": "current", "code": MARKETING_MANAGERS,
        "next": reverse("people:profile_edit")})
    assert response.url == reverse("people:profile_edit")
    roles = selectors.career_roles(personas.mentee)
    assert [r.occupation_code for r in roles["current"]] == [MARKETING_MANAGERS]
    body = client.get(reverse("people:profile_edit") + "?step=career").content.decode()
    assert "Which occupation is your current role?" not in body


def test_it_searches_the_free_text_target_role_on_the_target_page(client_for, personas, mini_data):
    _free_text(personas.mentee, target_role="marketing manager")
    body = client_for(personas.mentee).get(reverse("growth:target")).content.decode()
    assert "Occupations matching “marketing manager”" in body
    assert "Your profile says you want to become “marketing manager”" in body
    assert "Is this your target role?" not in body  # the search is the question here


def test_it_never_follows_a_next_address_off_the_site(client_for, personas, mini_data):
    _free_text(personas.mentee, target_role="marketing manager")
    response = client_for(personas.mentee).post(reverse("growth:role_confirm"), {
        "field": "target", "code": MARKETING_MANAGERS, "next": "https://evil.example/"})
    assert response.url == reverse("growth:overview")


def test_it_refuses_an_unknown_occupation_or_field_and_changes_nothing(
    client_for, personas, mini_data
):
    _free_text(personas.mentee, target_role="marketing manager")
    client = client_for(personas.mentee)
    client.post(reverse("growth:role_confirm"), {"field": "target", "code": "99-9999.99"})
    body = client.get(reverse("growth:overview")).content.decode()
    assert "That occupation is not in the loaded career data" in body
    client.post(reverse("growth:role_confirm"), {"field": "boss", "code": MARKETING_MANAGERS})
    body = client.get(reverse("growth:overview")).content.decode()
    assert "Choose whether this is your target role or your current role" in body
    assert Profile.objects.get(user=personas.mentee).target_occupation_code == ""
    assert client.get(reverse("growth:role_confirm")).status_code == 405


def test_it_says_career_data_is_not_loaded_instead_of_no_match(client_for, personas):
    _free_text(personas.mentee, target_role="engineering manager")
    client = client_for(personas.mentee)
    response = client.get(reverse("growth:suggest"),
                          {"field": "target", "target_q": "engineering manager"},
                          HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert "Career data isn’t loaded on this site yet" in body and "administrator" in body
    assert "No occupation matches" not in body
    overview = client.get(reverse("growth:overview")).content.decode()
    assert "Is this your target role?" not in overview
    target = client.get(reverse("growth:target")).content.decode()
    assert "Career data isn’t loaded on this site yet" in target
    careers = client.get(reverse("careers:search"), {"q": "engineering manager"})
    assert "Career data isn’t loaded yet" in careers.content.decode()


def test_it_maps_job_titles_brought_by_the_hris_import(client_for, mini_data):
    from mentora.accounts.models import User
    from mentora.lib.tabular import read_table
    from mentora.people.importing import people_import

    people_import(table=read_table(
        b"email,full_name,job_title,department\n"
        b"ines.ortega@example.com,Ines Ortega,Sr. Software Engineer,Engineering\n",
        filename="people.csv"), by=None)
    person = User.objects.get(email="ines.ortega@example.com")
    body = client_for(person).get(reverse("people:profile_edit") + "?step=career").content.decode()
    assert "you work as “Sr. Software Engineer”" in body and "Software Developers" in body


def test_it_offers_the_same_suggestions_through_the_api(client_for, personas, mini_data):
    _free_text(personas.mentee, target_role="marketing manager", job_title="")
    Profile.objects.filter(user=personas.mentee).update(current_role="")
    client = client_for(personas.mentee)
    answer = client.get("/api/v1/growth/me/roles/suggestions").json()
    assert answer["career_data_loaded"] is True
    [target] = answer["roles"]
    assert target["field"] == "target" and target["text"] == "marketing manager"
    assert target["matches"][0] == {
        "code": MARKETING_MANAGERS, "title": "Marketing Managers",
        "matched_title": "Marketing Managers"}
    client.put("/api/v1/growth/me/roles", {"target": MARKETING_MANAGERS, "past": []},
               content_type="application/json")
    assert client.get("/api/v1/growth/me/roles/suggestions").json()["roles"] == []
