"""The demo's career pillar: the shipped O*NET/BLS subset loaded with no network, and every
demo person's roles mapped to its occupations, so the career pages have content at once."""

from __future__ import annotations

import socket

import pytest
from django.urls import reverse

from mentora.accounts.models import User
from mentora.careers.models import DataRelease, Occupation, Projection
from mentora.demo import data
from mentora.demo.builder import demo_build
from mentora.demo.careers import OCCUPATIONS, occupation_for
from mentora.demo.organization import generate_organization
from mentora.growth.models import CareerRole
from mentora.people.models import Profile

pytestmark = pytest.mark.django_db


def _login(role: str) -> User:
    local = next(local for name, _, local in data.LOGINS if name == role)
    return User.objects.get(email=f"{local}@{data.DEMO_DOMAIN}")


def _refuse(*args, **kwargs):
    raise AssertionError("the demo must build with no network")


def test_it_maps_every_demo_job_title_to_an_occupation_of_the_shipped_data():
    titles = {
        title
        for person in generate_organization()
        for title in (person.job_title, person.target_role, *person.past_roles.splitlines())
        if title
    }
    assert {title for title in titles if occupation_for(title) is None} == set()
    assert occupation_for("Senior Software Engineer II") == "15-1252.00"
    from mentora.careers.data.build_subset import seed_codes

    assert set(OCCUPATIONS.values()) <= set(seed_codes())


def test_it_builds_the_demo_with_career_data_and_no_network(monkeypatch, client_for):
    monkeypatch.setattr(socket.socket, "connect", _refuse)
    monkeypatch.setattr(socket, "create_connection", _refuse)
    monkeypatch.setattr(socket, "getaddrinfo", _refuse)
    demo_build()
    assert DataRelease.objects.current(DataRelease.Source.ONET) is not None
    assert Occupation.objects.count() == 82 and Projection.objects.count() == 116
    with_target = Profile.objects.exclude(target_role="")
    assert with_target.count() > 200
    assert not with_target.filter(target_occupation_code="").exists()
    assert CareerRole.objects.filter(kind="current").count() == User.objects.count()
    mentee, mentor = _login("mentee"), _login("mentor")
    assert mentee.profile.target_occupation_code == "11-3021.00"
    assert CareerRole.objects.get(user=mentor, kind="current").occupation_code == "11-3021.00"
    assert CareerRole.objects.filter(user=mentor, kind="past", occupation_code="15-1252.00")

    # The demo mentee's career pages have content: the target role, what it takes (O*NET and
    # BLS), the self-assessment on its top skills, and the plan towards it.
    client = client_for(mentee)
    body = client.get(reverse("growth:overview")).content.decode()
    assert "Computer and Information Systems Managers" in body
    assert "Is this your target role?" not in body  # already mapped, nothing to confirm
    insight = client.get(reverse("careers:occupation", args=["11-3021.00"])).content.decode()
    assert "Median wage" in insight and "$" in insight and "USDOL/ETA" in insight
    assert "Bureau of Labor Statistics" in insight
    assessment = client.get(reverse("growth:assess")).content.decode()
    assert "top skills of <strong>Computer and Information Systems Managers" in assessment
    plan = client.get(reverse("growth:plan"))
    assert plan.status_code == 200
