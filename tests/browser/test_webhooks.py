"""Webhooks in a browser: an admin adds an endpoint, copies its secret, reads the delivery log."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from playwright.sync_api import expect

from mentora.integrations.delivery import webhooks_process
from mentora.integrations.models import WebhookEndpoint
from mentora.integrations.tests.receiver import start_receiver
from mentora.relationships.services.lifecycle import relationship_request
from mentora.testing import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_it_adds_an_endpoint_and_shows_signed_deliveries(page, shot, personas, settings):
    settings.MENTORA_OUTBOUND_ALLOW = ["127.0.0.0/8"]  # the receiver is on loopback
    receiver = start_receiver()
    try:
        page.goto("/accounts/login/")
        page.get_by_label("Email").fill(personas.admin.email)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.goto("/integrations/webhooks/")
        shot("empty-list")
        page.get_by_role("link", name="Add an endpoint").click()
        page.get_by_label("Name").fill("HR data warehouse")
        page.get_by_label("URL").fill(receiver.url)
        page.get_by_label("relationship.requested", exact=False).check()
        page.get_by_label("relationship.ended", exact=False).check()
        shot("form")
        page.get_by_role("button", name="Add endpoint").click()
        secret = page.get_by_role("textbox", name="Signing secret").input_value()
        assert secret == WebhookEndpoint.objects.get().secret
        shot("secret-shown-once")
        receiver.secrets.append(secret)

        relationship_request(program=personas.program, mentee=personas.mentee,
                             mentor=personas.mentor, by=personas.mentee)
        webhooks_process(now=datetime.now(UTC))
        assert [r.json["event"] for r in receiver.verified()] == ["relationship.requested"]
        page.goto(f"/integrations/webhooks/{WebhookEndpoint.objects.get().pk}/")
        log = page.get_by_role("table", name="Deliveries, newest first")
        expect(log).to_contain_text("relationship.requested")
        expect(log).to_contain_text("Delivered")
        expect(log).to_contain_text("HTTP 200")
        page.get_by_text("Payload").first.click()
        shot("delivery-log")
        page.goto("/integrations/webhooks/")
        shot("list")
    finally:
        assert receiver.server is not None
        receiver.server.shutdown()
        receiver.server.server_close()
