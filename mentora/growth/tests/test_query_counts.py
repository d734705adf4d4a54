"""Query-count guards on growth list pages and list endpoints: the count must not grow with
the number of rows (no N+1)."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from mentora.growth import services
from mentora.growth.models import Feedback

pytestmark = pytest.mark.django_db


def _more(p, n):
    """n more goals (with a milestone), feedback, situations and contacts for Maya."""
    for i in range(n):
        goal = services.goal_create(owner=p.mentee, by=p.mentee, fields=services.GoalFields(
            outcome=f"Goal {i}", measure="m", target_on=date(2026, 12, 1)))
        services.milestone_add(goal=goal, by=p.mentee, text=f"Step {i}")
        services.contact_add(owner=p.mentee, by=p.mentee, name=f"Person {i}")
        services.feedback_give(giver=p.mentor, recipient=p.mentee, items=[
            services.ItemFields(kind="strength", skill=f"Skill {i}", observation="o",
                                example="e")], visibility=Feedback.Visibility.RECIPIENT_AND_MENTORS)
        situation = services.situation_create(owner=p.mentee, by=p.mentee,
                                              data={"title": f"S{i}", "situation": "s"})
        services.situation_share(situation=situation, by=p.mentee, with_user=p.coach)


def _count(django_assert_max_num_queries, client, url, headers=None):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url, **(headers or {}))  # warm up: token last-used stamps, caches
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, **(headers or {}))
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


PAGES = [("mentee", "growth:overview"), ("mentee", "growth:gap"), ("mentee", "growth:plan"),
         ("mentee", "growth:feedback"), ("mentee", "growth:situations"),
         ("coach", "growth:situations"), ("mentor", "growth:feedback")]


@pytest.mark.parametrize(("persona", "page"), PAGES)
def test_it_keeps_list_pages_to_a_fixed_number_of_queries(
    client_for, world, django_assert_num_queries, persona, page
):
    p = world["personas"]
    client = client_for(getattr(p, persona))
    url = reverse(page)
    before = _count(None, client, url)
    _more(p, 3)
    with django_assert_num_queries(before):
        assert client.get(url).status_code == 200


def test_it_keeps_the_supporters_view_to_a_fixed_number_of_queries(
    client_for, world, django_assert_num_queries
):
    p = world["personas"]
    client = client_for(p.coach)
    url = reverse("growth:person", args=[p.mentee.pk])
    before = _count(None, client, url)
    _more(p, 3)
    with django_assert_num_queries(before):
        assert client.get(url).status_code == 200


ENDPOINTS = [("mentee", "/api/v1/growth/feedback"), ("coach", "/api/v1/growth/feedback"),
             ("mentee", "/api/v1/growth/situations"), ("mentee", "/api/v1/growth/introductions"),
             ("mentee", "/api/v1/growth/feedback/requests"), ("mentee", "/api/v1/growth/me/plan"),
             ("mentee", "/api/v1/growth/me/gap")]


@pytest.mark.parametrize(("persona", "url"), ENDPOINTS)
def test_it_keeps_list_endpoints_to_a_fixed_number_of_queries(
    client, api_token_for, world, django_assert_num_queries, persona, url
):
    p = world["personas"]
    headers = api_token_for(getattr(p, persona))
    before = _count(None, client, url, headers)
    _more(p, 3)
    for extra in range(2):  # more introductions and requests too
        services.feedback_request_create(requester=p.mentee,
                                         giver=[p.coach, p.manager][extra])
    with django_assert_num_queries(before):
        assert client.get(url, **headers).status_code == 200
