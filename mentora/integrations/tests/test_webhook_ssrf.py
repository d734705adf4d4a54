"""Webhooks and the outbound-URL guard (issue 21, items 1 and 10).

On `main`, `webhook_endpoint_create` accepted every internal URL below (it only checked the
scheme), the worker POSTed to them with `requests`, the first 1,000 characters of the answer
were kept in `WebhookDelivery.last_response` and shown in the Django admin, `last_error` held the
exception text (which tells closed ports, non-HTTP ports and HTTP services apart), and the
payloads carried meeting locations and survey respondents' emails and names. Each test here
fails there.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.urls import reverse

from mentora.integrations import payloads
from mentora.integrations.delivery import webhooks_process
from mentora.integrations.models import WebhookDelivery, WebhookEndpoint
from mentora.integrations.services import (
    webhook_emit,
    webhook_endpoint_create,
    webhook_endpoint_update,
)
from mentora.lib.errors import DomainError

pytestmark = pytest.mark.django_db

INTERNAL = [
    "http://127.0.0.1:9100/",
    "http://[::1]:9100/",
    "http://localhost/",
    "http://0.0.0.0/",
    "http://2130706433/",
    "http://0x7f000001/",
    "http://127.1/",
    "http://[::ffff:127.0.0.1]/",
    "http://user:pass@127.0.0.1/",
    "http://127.0.0.1:5432/",
    "http://127.0.0.1:6379/",
    "http://169.254.169.254/latest/meta-data/",
    "http://10.0.0.7/",
    "http://100.64.0.1/",
]


@pytest.mark.parametrize("url", INTERNAL)
def test_it_refuses_internal_urls_at_save_time(personas, url, settings):
    settings.MENTORA_OUTBOUND_ALLOW = []
    with pytest.raises(DomainError) as caught:
        webhook_endpoint_create(by=personas.admin, name="Scan", url=url, events=["match.published"])
    assert caught.value.field == "url"
    assert not WebhookEndpoint.objects.exists()


def test_it_refuses_an_internal_url_when_an_endpoint_is_changed(personas, settings):
    endpoint, _ = webhook_endpoint_create(
        by=personas.admin, name="HR", url="https://hooks.example.com/x", events=["match.published"]
    )
    with pytest.raises(DomainError):
        webhook_endpoint_update(
            endpoint=endpoint, by=personas.admin, name="HR", url="http://127.0.0.1:8000/",
            events=["match.published"], is_active=True,
        )
    endpoint.refresh_from_db()
    assert endpoint.url == "https://hooks.example.com/x"


def test_it_refuses_internal_urls_on_the_page_and_in_the_api(
    client_for, personas, api_token_for, settings
):
    settings.MENTORA_OUTBOUND_ALLOW = []
    page = client_for(personas.admin).post(
        reverse("integrations:endpoint_create"),
        {"name": "Scan", "url": "http://127.0.0.1:9100/", "events": ["match.published"],
         "is_active": "on"},
    )
    assert page.status_code == 422
    assert "loopback address" in page.content.decode()
    api = client_for(None).post(
        "/api/v1/integrations/webhooks",
        {"name": "Scan", "url": "http://[::ffff:127.0.0.1]/", "events": ["ping"]},
        content_type="application/json", **api_token_for(personas.admin),
    )
    assert api.status_code == 422
    assert api.json()["field"] == "url"
    assert not WebhookEndpoint.objects.exists()


def test_it_checks_again_at_delivery_and_sends_nothing_inside(personas, receiver, settings):
    """A URL that was fine when saved but now resolves inside (DNS rebinding, or an operator
    who took the allowance away) is refused when the worker connects."""
    endpoint, _ = webhook_endpoint_create(
        by=personas.admin, name="Was fine", url=receiver.url, events=["match.published"]
    )
    settings.MENTORA_OUTBOUND_ALLOW = []
    webhook_emit(event="match.published", payload={"count": 1})
    result = webhooks_process(now=datetime.now(UTC))
    assert result.failed == 1
    assert receiver.received == []
    delivery = WebhookDelivery.objects.get(endpoint=endpoint)
    assert delivery.last_error == "refused: not a public address"
    assert delivery.last_status_code is None


def test_it_keeps_the_status_code_and_never_the_answer(personas, receiver):
    receiver.status = 500
    _, secret = webhook_endpoint_create(
        by=personas.admin, name="HR", url=receiver.url, events=["match.published"]
    )
    receiver.secrets.append(secret)
    webhook_emit(event="match.published", payload={"count": 1})
    webhooks_process(now=datetime.now(UTC))
    delivery = WebhookDelivery.objects.get()
    assert delivery.last_status_code == 500
    assert delivery.last_error == "HTTP 500"
    stored = {f.name: getattr(delivery, f.attname) for f in WebhookDelivery._meta.concrete_fields}
    assert "last_response" not in stored
    assert not any("nope" in str(v) for v in stored.values())


def test_it_shows_no_answer_and_no_payload_in_the_django_admin(client_for, personas, receiver):
    from django.contrib.admin.sites import site

    admin_class = site._registry[WebhookDelivery]
    _, secret = webhook_endpoint_create(
        by=personas.admin, name="HR", url=receiver.url, events=["match.published"]
    )
    receiver.secrets.append(secret)
    (delivery,) = webhook_emit(event="match.published", payload={"count": 7})
    receiver.status = 500
    webhooks_process(now=datetime.now(UTC))
    personas.admin.is_staff = personas.admin.is_superuser = True
    personas.admin.save()
    page = client_for(personas.admin).get(
        reverse("admin:integrations_webhookdelivery_change", args=[delivery.pk])
    )
    assert page.status_code == 200
    html = page.content.decode()
    assert "nope" not in html
    assert "payload" not in {*admin_class.get_fields(page.wsgi_request, delivery)}
    assert "HTTP 500" in html


def test_it_leaves_meeting_locations_out_of_webhook_payloads(personas, active):
    from mentora.relationships.services.meetings import meeting_schedule

    from .conftest import NOW

    meeting = meeting_schedule(
        relationship=active, by=personas.mentee, starts_at=NOW.replace(day=20, hour=9),
        duration_minutes=30, location="Café Flora, back room (I'm nervous about this)", now=NOW,
    )
    data = payloads.meeting(meeting)
    flat = str(data)
    assert "Café Flora" not in flat and "location" not in data["meeting"]
    assert data["meeting"]["id"] == meeting.pk
    assert data["relationship"]["id"] == active.pk


def test_it_leaves_the_survey_respondent_out_of_webhook_payloads(personas):
    data = payloads.survey_completed(
        survey_id=4, survey_kind="pulse", program_obj=None, respondent=personas.mentee,
        at=datetime(2026, 3, 1, tzinfo=UTC),
    )
    flat = str(data)
    assert "respondent" not in data
    assert personas.mentee.email not in flat and personas.mentee.full_name not in flat
