"""Webhook pages and API: every persona on every page and endpoint, query counts, the flows."""

from __future__ import annotations

import pytest
from django.urls import reverse

from mentora.integrations.models import WebhookDelivery, WebhookEndpoint
from mentora.integrations.services import webhook_emit, webhook_endpoint_create

pytestmark = pytest.mark.django_db

NOT_ADMINS = ["mentee", "mentor", "coach", "manager", "unrelated"]
PERSONAS = [*NOT_ADMINS, "admin", "anonymous"]


@pytest.fixture
def endpoint(personas):
    endpoint, _ = webhook_endpoint_create(
        by=personas.admin, name="Warehouse", url="https://hooks.example.com/mentora",
        events=["relationship.accepted", "match.published"],
    )
    return endpoint


@pytest.fixture
def delivery(endpoint):
    (delivery,) = webhook_emit(event="match.published", payload={"count": 3})
    return delivery


def _pages(endpoint, delivery):
    """(method, url, data) for every page."""
    return [
        ("get", reverse("integrations:endpoints"), None),
        ("get", reverse("integrations:endpoint_create"), None),
        ("post", reverse("integrations:endpoint_create"),
         {"name": "X", "url": "https://x.example.com/", "events": ["match.published"],
          "is_active": "on"}),
        ("get", reverse("integrations:endpoint", args=[endpoint.pk]), None),
        ("post", reverse("integrations:endpoint", args=[endpoint.pk]),
         {"name": "Renamed", "url": endpoint.url, "events": ["match.published"]}),
        ("post", reverse("integrations:endpoint_rotate", args=[endpoint.pk]), {"grace_hours": 2}),
        ("post", reverse("integrations:endpoint_ping", args=[endpoint.pk]), {}),
        ("post", reverse("integrations:delivery_resend", args=[delivery.pk]), {}),
        ("post", reverse("integrations:endpoint_delete", args=[endpoint.pk]), {}),
    ]


@pytest.mark.parametrize("who", PERSONAS)
def test_it_lets_only_organization_admins_use_the_webhook_pages(
    client_for, personas, endpoint, delivery, who
):
    client = client_for(getattr(personas, who))
    for method, url, data in _pages(endpoint, delivery):
        response = getattr(client, method)(url, data or {})
        if who == "anonymous":
            assert response.status_code == 302 and "/accounts/login/" in response["Location"], url
        elif who == "admin":
            assert response.status_code in (200, 302), (url, response.status_code)
        else:
            assert response.status_code == 403, url
    if who != "admin":
        endpoint.refresh_from_db()
        assert endpoint.name == "Warehouse" and WebhookDelivery.objects.count() == 1
    else:
        assert not WebhookEndpoint.objects.filter(pk=endpoint.pk).exists()


def test_it_creates_an_endpoint_and_shows_its_secret_once(client_for, personas):
    client = client_for(personas.admin)
    page = client.post(
        reverse("integrations:endpoint_create"),
        {"name": "HRIS", "url": "https://hris.example.com/in",
         "events": ["relationship.ended", "meeting.scheduled"], "is_active": "on"},
    )
    endpoint = WebhookEndpoint.objects.get()
    html = page.content.decode()
    assert endpoint.secret in html and "will not be shown again" in html
    assert endpoint.events == ["relationship.ended", "meeting.scheduled"]
    again = client.get(reverse("integrations:endpoint", args=[endpoint.pk])).content.decode()
    assert endpoint.secret not in again and endpoint.secret_hint in again


def test_it_names_the_field_when_the_input_is_bad(client_for, personas):
    client = client_for(personas.admin)
    page = client.post(
        reverse("integrations:endpoint_create"),
        {"name": "", "url": "ftp://files.example.com", "events": []},
    )
    assert page.status_code == 422
    html = page.content.decode()
    assert "Name: This field is required." in html
    assert "Choose at least one event to send." in html
    assert "The URL must start with https:// (or http://)." in html
    assert WebhookEndpoint.objects.count() == 0


def test_it_rotates_the_secret_and_shows_the_grace_period(client_for, personas, endpoint):
    old = endpoint.secret
    page = client_for(personas.admin).post(
        reverse("integrations:endpoint_rotate", args=[endpoint.pk]), {"grace_hours": 24}
    )
    endpoint.refresh_from_db()
    html = page.content.decode()
    assert endpoint.previous_secret == old and endpoint.secret != old
    assert endpoint.secret in html and "The previous secret also signs deliveries until" in html


def test_it_refuses_a_grace_period_over_a_week(client_for, personas, endpoint):
    page = client_for(personas.admin).post(
        reverse("integrations:endpoint_rotate", args=[endpoint.pk]), {"grace_hours": 500}
    )
    assert page.status_code == 422
    assert "less than or equal to 168" in page.content.decode()


def test_it_resends_a_delivery_with_the_same_event_id(client_for, personas, delivery):
    client_for(personas.admin).post(reverse("integrations:delivery_resend", args=[delivery.pk]))
    again = WebhookDelivery.objects.exclude(pk=delivery.pk).get()
    assert again.event_id == delivery.event_id and again.resent_from == delivery
    assert again.payload == delivery.payload and again.status == "pending"


def test_it_lists_endpoints_in_a_fixed_number_of_queries(
    client_for, personas, django_assert_num_queries
):
    client = client_for(personas.admin)
    for i in range(5):
        webhook_endpoint_create(
            by=personas.admin, name=f"E{i}", url=f"https://e{i}.example.com/",
            events=["match.published"],
        )
    webhook_emit(event="match.published", payload={})
    # session, user, the navigation's "mentors somewhere?", the endpoints with their counts
    with django_assert_num_queries(4):
        page = client.get(reverse("integrations:endpoints"))
    assert page.content.decode().count("https://e") == 5


def test_it_shows_the_delivery_log_in_a_fixed_number_of_queries(
    client_for, personas, endpoint, django_assert_num_queries
):
    client = client_for(personas.admin)
    for _ in range(30):
        webhook_emit(event="match.published", payload={"count": 1})
    # session, user, the navigation's "mentors somewhere?", the endpoint, count, one page
    with django_assert_num_queries(6):
        page = client.get(reverse("integrations:endpoint", args=[endpoint.pk]))
    html = page.content.decode()
    assert "30 deliveries" in html and "Page 1 of 2" in html
    failed = client.get(reverse("integrations:endpoint", args=[endpoint.pk]), {"status": "failed"})
    assert "0 deliveries" in failed.content.decode()


# ------------------------------------------------------------------------------------- API


def _api_calls(endpoint, delivery):
    base = "/api/v1/integrations"
    return [
        ("get", f"{base}/webhooks/events", None, 200),
        ("get", f"{base}/webhooks", None, 200),
        ("post", f"{base}/webhooks",
         {"name": "X", "url": "https://x.example.com/", "events": ["match.published"]}, 201),
        ("get", f"{base}/webhooks/{endpoint.pk}", None, 200),
        ("patch", f"{base}/webhooks/{endpoint.pk}", {"name": "Renamed"}, 200),
        ("post", f"{base}/webhooks/{endpoint.pk}/rotate-secret", {"grace_hours": 1}, 200),
        ("post", f"{base}/webhooks/{endpoint.pk}/ping", None, 202),
        ("get", f"{base}/webhooks/{endpoint.pk}/deliveries", None, 200),
        ("post", f"{base}/deliveries/{delivery.pk}/resend", None, 202),
        ("delete", f"{base}/webhooks/{endpoint.pk}", None, 204),
    ]


@pytest.mark.parametrize("who", PERSONAS)
def test_it_lets_only_organization_admins_use_the_webhook_api(
    client, personas, api_token_for, endpoint, delivery, who
):
    user = getattr(personas, who)
    headers = api_token_for(user) if who != "anonymous" else {}
    for method, url, body, ok in _api_calls(endpoint, delivery):
        kwargs = {"content_type": "application/json"} if body is not None else {}
        args = [url, body] if body is not None else [url]
        response = getattr(client, method)(*args, **kwargs, **headers)
        expected = {"anonymous": 401, "admin": ok}.get(who, 403)
        assert response.status_code == expected, (who, url, response.content)


def test_it_returns_the_secret_only_on_create_and_rotate(client, personas, api_token_for):
    headers = api_token_for(personas.admin)
    made = client.post(
        "/api/v1/integrations/webhooks",
        {"name": "A", "url": "https://a.example.com/", "events": ["meeting.cancelled"]},
        content_type="application/json", **headers,
    ).json()
    assert made["secret"].startswith("whsec_")
    shown = client.get(f"/api/v1/integrations/webhooks/{made['id']}", **headers).json()
    assert "secret" not in shown and shown["secret_hint"].startswith("whsec_")
    rotated = client.post(
        f"/api/v1/integrations/webhooks/{made['id']}/rotate-secret", {"grace_hours": 0},
        content_type="application/json", **headers,
    ).json()
    assert rotated["secret"] != made["secret"] and rotated["previous_secret_expires_at"] is None


def test_it_answers_bad_api_input_with_the_field(client, personas, api_token_for):
    headers = api_token_for(personas.admin)
    bad = client.post(
        "/api/v1/integrations/webhooks",
        {"name": "A", "url": "https://a.example.com/", "events": ["meeting.moved"]},
        content_type="application/json", **headers,
    )
    assert bad.status_code == 422 and bad.json()["field"] == "events"
    assert "Unknown event 'meeting.moved'" in bad.json()["detail"]
    missing = client.get("/api/v1/integrations/webhooks/999", **headers)
    assert missing.status_code == 404


def test_it_lists_endpoints_and_deliveries_over_the_api_in_fixed_queries(
    client, personas, api_token_for, endpoint, django_assert_num_queries
):
    headers = api_token_for(personas.admin)
    for _ in range(10):
        webhook_emit(event="match.published", payload={})
    # token lookup, its last-used time, the endpoints
    with django_assert_num_queries(3):
        listed = client.get("/api/v1/integrations/webhooks", **headers)
    assert len(listed.json()) == 1
    # token lookup (last-used was just written), the endpoint, count, one page
    with django_assert_num_queries(4):
        log = client.get(f"/api/v1/integrations/webhooks/{endpoint.pk}/deliveries", **headers)
    assert log.json()["count"] == 10
