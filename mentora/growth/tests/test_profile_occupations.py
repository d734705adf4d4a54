"""Current, target and past roles chosen through occupation search on the profile form."""

from __future__ import annotations

import pytest
from django.urls import reverse

from mentora.growth import selectors
from mentora.growth.models import CareerRole
from mentora.people.models import Profile

from .conftest import MARKETING_MANAGERS

pytestmark = pytest.mark.django_db


def _profile_post(profile: Profile, **extra):
    """The profile form as the page would post it (every required field)."""
    data = {
        "job_title": profile.job_title, "level": profile.level, "years_experience": "2",
        "timezone": "UTC", "visibility": "organization", "meeting_format": "remote",
        "cadence": "biweekly", "importance_cadence": "nice", "target_role": profile.target_role,
        **{f"style_{a}": "3" for a in ("structure", "challenge", "approach", "focus", "channel")},
        **{f"importance_{a}": "nice" for a in ("structure", "challenge", "approach", "focus",
                                               "channel")},
    }
    data.update(extra)
    return data


def test_it_suggests_occupations_as_a_person_types(client_for, personas, mini_data):
    response = client_for(personas.mentee).get(
        reverse("growth:suggest"), {"field": "target", "target_q": "marketing manager"},
        HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Marketing Managers" in body and "11-2021.00" in body
    # The code only travels in the pick's address; the person reads the title.
    assert body.count("11-2021.00") == body.count("code=11-2021.00")
    assert "USDOL/ETA" in body  # attribution wherever the data shows


def test_it_returns_the_picked_occupation_as_a_hidden_input(client_for, personas, mini_data):
    response = client_for(personas.mentee).get(
        reverse("growth:pick"), {"field": "target", "code": MARKETING_MANAGERS})
    body = response.content.decode()
    assert f'name="target_occupation" value="{MARKETING_MANAGERS}"' in body
    assert 'id="target-suggestions" hx-swap-oob="true"' in body
    missing = client_for(personas.mentee).get(reverse("growth:pick"),
                                              {"field": "target", "code": "99-9999.00"})
    assert missing.status_code == 404


def test_it_keeps_the_type_ahead_to_signed_in_people(client_for, personas, mini_data):
    response = client_for(None).get(reverse("growth:suggest"), {"field": "target"})
    assert response.status_code == 302


def test_it_saves_the_chosen_occupations_with_the_profile(client_for, personas, mini_data):
    profile = Profile.objects.get(user=personas.mentor)
    client = client_for(personas.mentor)
    page = client.get(reverse("people:profile_edit") + "?step=career").content.decode()
    assert 'id="id_target_q"' in page and 'name="occupations_present"' in page
    response = client.post(reverse("people:profile_edit"), _profile_post(
        profile, occupations_present="on", current_occupation="11-2021.00",
        target_occupation="11-3021.00", past_occupations=["13-1161.00"]))
    assert response.status_code == 302
    chosen = selectors.occupation_choices(personas.mentor)
    assert chosen["current"]["code"] == "11-2021.00"
    assert chosen["target"]["code"] == "11-3021.00"
    assert [p["code"] for p in chosen["past"]] == ["13-1161.00"]
    page = client.get(reverse("people:profile_edit") + "?step=career").content.decode()
    assert "Computer and Information Systems Managers" in page  # shown as chosen


def test_it_keeps_occupations_when_a_form_does_not_send_them(client_for, personas, mini_data):
    CareerRole.objects.create(user=personas.mentor, kind="current", occupation_code="11-2021.00",
                              title="Marketing Managers")
    profile = Profile.objects.get(user=personas.mentor)
    client_for(personas.mentor).post(reverse("people:profile_edit"), _profile_post(profile))
    assert CareerRole.objects.filter(user=personas.mentor).count() == 1


def test_it_refuses_an_unknown_occupation_and_saves_nothing(client_for, personas, mini_data):
    profile = Profile.objects.get(user=personas.mentor)
    response = client_for(personas.mentor).post(reverse("people:profile_edit"), _profile_post(
        profile, job_title="Changed", occupations_present="on", target_occupation="99-9999.00"))
    assert response.status_code == 200
    assert "99-9999.00" in response.content.decode()
    profile.refresh_from_db()
    assert profile.job_title == "Marketing Manager" and profile.target_occupation_code == ""
