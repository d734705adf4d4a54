"""The Django admin shows a superuser no more than docs/privacy.md gives an organization admin
(issue 21, item 3), on every page it has — not just the relationship models.

The world (tests/access/world.py) holds one piece of every kind of confidential text; a
superuser opens every admin list and the change page of every object, and none of that text
may appear. Before this round the relationship models were registered plainly; the outbox's
change page still showed every email's text (a mentee's note to the coach she asks, an
introduction's reason, links that act for their recipient) until it was limited to who, what
kind and whether it went.
"""

from __future__ import annotations

import pytest
from django.contrib.admin.sites import site
from django.urls import reverse

from tests.access.world import build_world

pytestmark = pytest.mark.django_db

# Text only its author, the pair, or the person it is about may read (docs/privacy.md).
CONFIDENTIAL = {
    "Practise the ask.": "a shared meeting note",
    "I am nervous.": "Maya's private note",
    "Salary review": "a meeting agenda item",
    "Draft the ask": "an action item",
    "Going well": "a check-in",
    "We got started on pricing.": "a final reflection",
    "I start leading a team in May.": "a mentee's note to the coach she asks",
    "Lead the spring campaign pitch": "a development-plan goal",
    "Uma knows budgets.": "an introduction's reason",
    "How did my budget deck land?": "a feedback request",
    "My idea was presented.": "feedback",
    "I earn less than Sam.": "a challenging situation",
    "/notifications/do/": "a one-click link that acts for its recipient",
    "/outcomes/s/": "a survey link that answers for its recipient",
}

PER_MODEL = 15


def test_it_shows_a_superuser_no_confidential_text_on_any_admin_page(personas, client_for):
    build_world(personas)
    admin_user = personas.admin
    admin_user.is_staff = admin_user.is_superuser = True
    admin_user.save()
    client = client_for(admin_user)
    seen: list[str] = []
    for model, model_admin in site._registry.items():
        opts = model._meta
        pages = [reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")]
        for pk in model_admin.get_queryset(
            client.get("/admin/").wsgi_request
        ).values_list("pk", flat=True)[:PER_MODEL]:
            pages.append(reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[pk]))
        for url in pages:
            response = client.get(url)
            assert response.status_code in (200, 302, 403), (url, response.status_code)
            html = response.content.decode()
            seen.append(url)
            leaks = [f"{what} ({text!r})" for text, what in CONFIDENTIAL.items() if text in html]
            assert not leaks, f"{url} shows {', '.join(leaks)}"
    assert any("outboxmessage" in url for url in seen)
    assert any("relationship" in url for url in seen)


def test_it_lets_nobody_change_an_email_or_a_webhook_endpoint_in_the_admin(personas, client_for):
    from mentora.integrations.models import WebhookEndpoint
    from mentora.notifications.models import OutboxMessage

    build_world(personas)
    admin_user = personas.admin
    admin_user.is_staff = admin_user.is_superuser = True
    admin_user.save()
    client = client_for(admin_user)
    message = OutboxMessage.objects.order_by("pk").first()
    endpoint = WebhookEndpoint.objects.order_by("pk").first()
    url_before = endpoint.url
    for url, data in (
        (reverse("admin:notifications_outboxmessage_change", args=[message.pk]),
         {"to_email": "someone.else@example.com", "subject": "x", "body": "x"}),
        (reverse("admin:integrations_webhookendpoint_change", args=[endpoint.pk]),
         {"name": "x", "url": "http://127.0.0.1:6379/", "events": "[]"}),
        (reverse("admin:notifications_outboxmessage_add"), {"to_email": "a@example.com"}),
        (reverse("admin:integrations_webhookendpoint_add"), {"name": "x"}),
    ):
        assert client.post(url, data).status_code == 403, url
    message.refresh_from_db()
    endpoint.refresh_from_db()
    assert message.to_email != "someone.else@example.com"
    assert endpoint.url == url_before


REQUEST_NOTE = "I would like to learn negotiation."


@pytest.mark.parametrize(
    ("who", "sees"),
    [("mentee", True), ("mentor", True), ("manager", False), ("admin", False)],
)
def test_it_keeps_the_words_of_a_request_to_the_pair_on_page_api_and_export(
    personas, client_for, api_token_for, who, sees
):
    """The mentee's note when asking is the pair's (privacy.md: mentor requests); managers and
    admins read the event log, so the request shows there without its words. Before this, the
    log copied the note into the request's reason for every reader."""
    world = build_world(personas)
    rel = world["relationship"]
    person = world[who]
    page = client_for(person).get(f"/relationships/{rel.pk}/")
    api = client_for(None).get(f"/api/v1/relationships/{rel.pk}", **api_token_for(person))
    assert page.status_code == 200 and api.status_code == 200
    assert (REQUEST_NOTE in page.content.decode()) is sees
    assert (REQUEST_NOTE in api.content.decode()) is sees
    assert any(e["action"] == "request" for e in api.json()["events"])
