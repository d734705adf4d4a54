"""Webhooks end to end: events from the services, delivered by the worker to a real loopback
receiver that checks the HMAC signature; retries with backoff; secret rotation; leases."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from django.db import transaction

from mentora.integrations.delivery import (
    MAX_ATTEMPTS,
    body_bytes,
    sign,
    signature_header,
    signature_verify,
    webhook_claim,
    webhook_deliver,
    webhooks_process,
)
from mentora.integrations.models import EVENTS, WebhookDelivery
from mentora.integrations.services import (
    webhook_emit,
    webhook_endpoint_create,
    webhook_endpoint_rotate_secret,
)
from mentora.notifications.worker import WorkerState, worker_tick
from mentora.relationships.services.lifecycle import relationship_end_early
from mentora.relationships.services.meetings import meeting_cancel, meeting_schedule

from .conftest import NOW

pytestmark = pytest.mark.django_db


def _now() -> datetime:
    return datetime.now(UTC)


@pytest.fixture
def endpoint(personas, receiver):
    endpoint, secret = webhook_endpoint_create(
        by=personas.admin, name="Warehouse", url=receiver.url, events=list(EVENTS)
    )
    receiver.secrets.append(secret)
    return endpoint


def test_it_signs_with_hmac_sha256_over_the_timestamp_and_body():
    body = b'{"a":1}'
    header = signature_header(body=body, secrets=["k1", "k2"], timestamp=1700000000)
    t, v1, v2 = header.split(",")
    assert t == "t=1700000000"
    assert v1 == f"v1={sign(body=body, secret='k1', timestamp=1700000000)}"
    assert v2 == f"v1={sign(body=body, secret='k2', timestamp=1700000000)}"
    assert signature_verify(body=body, header=header, secret="k2", now=1700000100)
    assert not signature_verify(body=body, header=header, secret="k3", now=1700000100)
    assert not signature_verify(body=b'{"a":2}', header=header, secret="k1", now=1700000100)
    # A replay long after the timestamp is refused even with a good signature.
    assert not signature_verify(body=body, header=header, secret="k1", now=1700000000 + 301)
    assert not signature_verify(body=body, header="v1=abc", secret="k1")


def test_it_delivers_the_relationship_and_meeting_lifecycle_to_a_verifying_receiver(
    personas, endpoint, receiver, requested
):
    from mentora.relationships.services.lifecycle import relationship_accept

    relationship_accept(relationship=requested, by=personas.mentor, now=NOW)
    meeting = meeting_schedule(
        relationship=requested, by=personas.mentee, starts_at=NOW + timedelta(days=400), now=NOW
    )
    meeting_cancel(meeting=meeting, by=personas.mentor, reason="Travel", now=NOW)
    relationship_end_early(
        relationship=requested, by=personas.mentee, reason="Changed teams", now=NOW
    )
    result = worker_tick(state=WorkerState(), now=_now())
    assert result is not None
    events = [r.json["event"] for r in receiver.verified()]
    assert events == [
        "relationship.requested", "relationship.accepted", "meeting.scheduled",
        "meeting.cancelled", "relationship.ended",
    ]
    assert len(receiver.received) == 5  # every POST carried a valid signature
    _, accepted, scheduled, cancelled, ended = (r.json for r in receiver.received)
    assert accepted["data"]["relationship"]["mentee"]["email"] == "maya.mentee@example.com"
    assert accepted["data"]["relationship"]["program"]["slug"] == "grow"
    assert scheduled["data"]["meeting"]["uid"] == meeting.uid
    assert cancelled["data"]["meeting"]["status"] == "cancelled"
    assert ended["data"]["relationship"]["status"] == "ended_early"
    assert "Changed teams" not in json.dumps(ended)  # reasons are private text, never sent
    first = receiver.received[1]
    assert first.headers["Mentora-Event"] == "relationship.accepted"
    assert first.headers["Mentora-Event-Id"] == accepted["id"]
    assert first.headers["Content-Type"] == "application/json"
    assert WebhookDelivery.objects.filter(status="delivered").count() == 5


def test_it_emits_requested_when_a_request_is_made(personas, endpoint, receiver):
    from mentora.relationships.services.lifecycle import relationship_request

    relationship_request(
        program=personas.program, mentee=personas.mentee, mentor=personas.mentor,
        by=personas.mentee, now=NOW,
    )
    webhooks_process(now=_now())
    (received,) = receiver.verified()
    assert received.json["event"] == "relationship.requested"
    assert received.json["data"]["relationship"]["status"] == "requested"


def test_it_queues_nothing_when_the_change_rolls_back(personas, active, endpoint):
    with pytest.raises(RuntimeError), transaction.atomic():
        relationship_end_early(relationship=active, by=personas.mentee, reason="x", now=NOW)
        assert WebhookDelivery.objects.count() == 1
        raise RuntimeError("the surrounding work failed")
    assert WebhookDelivery.objects.count() == 0


def test_it_retries_with_backoff_then_delivers(personas, endpoint, receiver):
    receiver.status = 500
    webhook_emit(event="match.published", payload={"program": {"slug": "grow"}})
    start = _now()
    result = webhooks_process(now=start)
    assert (result.claimed, result.delivered, result.failed) == (1, 0, 1)
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == "pending" and delivery.attempts == 1
    assert delivery.last_status_code == 500 and delivery.last_error == "HTTP 500"
    assert delivery.available_at == start + timedelta(seconds=60)
    assert webhooks_process(now=start + timedelta(seconds=30)).claimed == 0  # not due yet
    receiver.status = 200
    result = webhooks_process(now=start + timedelta(seconds=61))
    assert result.delivered == 1
    delivery.refresh_from_db()
    assert delivery.status == "delivered" and delivery.attempts == 2
    # Both tries carried the same event id, so a receiver can drop duplicates.
    ids = {r.headers["Mentora-Event-Id"] for r in receiver.received}
    assert ids == {str(delivery.event_id)}


def test_it_gives_up_after_the_last_attempt(personas, endpoint, receiver):
    receiver.status = 503
    webhook_emit(event="match.published", payload={})
    moment = _now()
    for _ in range(MAX_ATTEMPTS):
        delivery = WebhookDelivery.objects.get()
        moment = max(moment, delivery.available_at)
        webhooks_process(now=moment)
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == "failed" and delivery.attempts == MAX_ATTEMPTS
    assert webhooks_process(now=moment + timedelta(days=1)).claimed == 0


def test_it_logs_an_unreachable_endpoint_and_retries(personas, receiver):
    endpoint, _ = webhook_endpoint_create(
        by=personas.admin, name="Gone", url="http://127.0.0.1:9/nothing-listens",
        events=["match.published"],
    )
    webhook_emit(event="match.published", payload={})
    result = webhooks_process(now=_now())
    assert result.failed == 1
    delivery = WebhookDelivery.objects.get(endpoint=endpoint)
    assert delivery.status == "pending" and delivery.last_error == "connection refused"
    assert delivery.last_status_code is None


def test_it_signs_with_both_secrets_during_the_rotation_grace_period(
    personas, endpoint, receiver
):
    old = receiver.secrets[0]
    moment = _now()
    endpoint, new = webhook_endpoint_rotate_secret(
        endpoint=endpoint, by=personas.admin, grace_hours=1, now=moment
    )
    # Receivers that know only the old secret, or only the new one, both accept it.
    receiver.secrets[:] = [new]
    webhook_emit(event="match.published", payload={}, now=moment)
    webhooks_process(now=moment)
    receiver.secrets[:] = [old]
    webhook_emit(event="match.published", payload={}, now=moment)
    webhooks_process(now=moment)
    assert [len(r.verified_with) for r in receiver.received] == [1, 1]
    assert receiver.received[0].headers["Mentora-Signature"].count("v1=") == 2
    # After the grace period only the new secret signs.
    later = moment + timedelta(hours=1, seconds=1)
    webhook_emit(event="match.published", payload={}, now=later)
    delivery = WebhookDelivery.objects.filter(status="pending").get()
    delivery.available_at = later
    delivery.save()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("mentora.integrations.delivery.time.time", lambda: later.timestamp())
        webhooks_process(now=later)
    last = receiver.received[-1]
    assert last.headers["Mentora-Signature"].count("v1=") == 1
    assert last.verified_with == []  # the receiver still holding only the old secret refuses


def test_it_does_not_follow_redirects(personas, receiver):
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    class Redirect(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802
            self.send_response(307)
            self.send_header("Location", receiver.url)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Redirect)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        webhook_endpoint_create(
            by=personas.admin, name="Moved", url=f"http://127.0.0.1:{server.server_address[1]}/",
            events=["match.published"],
        )
        webhook_emit(event="match.published", payload={})
        webhooks_process(now=_now())
    finally:
        server.shutdown()
        server.server_close()
    assert receiver.received == []
    assert WebhookDelivery.objects.get().last_status_code == 307


def test_it_lets_another_worker_take_a_delivery_whose_lease_expired(personas, endpoint, receiver):
    webhook_emit(event="match.published", payload={})
    moment = _now()
    token, (claimed,) = webhook_claim(now=moment, lease_seconds=60)
    # A second worker sees nothing while the lease holds…
    assert webhook_claim(now=moment + timedelta(seconds=30))[1] == []
    # …and takes the row once it expired; the first worker's late attempt is refused.
    token2, (again,) = webhook_claim(now=moment + timedelta(seconds=61))
    assert webhook_deliver(delivery=claimed, token=token, now=moment) is False
    assert webhook_deliver(delivery=again, token=token2, now=moment) is True
    assert len(receiver.received) == 1


def test_it_sends_the_exact_bytes_it_signed(personas, endpoint, receiver):
    webhook_emit(event="survey.completed", payload={"note": "Zoë — ünïcode"})
    webhooks_process(now=_now())
    (received,) = receiver.verified()
    delivery = WebhookDelivery.objects.get()
    assert received.body == body_bytes(delivery.payload)
    assert received.json["data"] == {"note": "Zoë — ünïcode"}
