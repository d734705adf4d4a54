"""The outbox worker: atomic claims, leases, retries with backoff, crash/restart, two workers."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import call_command
from django.db import connection

from mentora.notifications.models import OutboxMessage
from mentora.notifications.outbox import (
    LEASE_SECONDS,
    backoff,
    outbox_claim,
    outbox_enqueue,
    outbox_process,
)

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


class Killed(BaseException):
    """Stands in for the process being killed: not an Exception, so nothing catches it."""


class DiesOnThirdSend(EmailBackend):
    sent = 0

    def send_messages(self, messages):
        DiesOnThirdSend.sent += 1
        if DiesOnThirdSend.sent == 3:
            raise Killed
        return super().send_messages(messages)


class AlwaysFails(EmailBackend):
    def send_messages(self, messages):
        raise ConnectionRefusedError("SMTP server down")


def _queue(personas, n=5, now=NOW):
    return [
        outbox_enqueue(to=personas.mentee, subject=f"Hello {i}", body="Hi", kind="test", now=now)
        for i in range(n)
    ]


@pytest.mark.django_db
def test_it_sends_due_messages_once_with_a_stable_message_id(personas):
    (message,) = _queue(personas, 1)
    result = outbox_process(now=NOW)
    assert (result.claimed, result.sent) == (1, 1)
    assert outbox_process(now=NOW).claimed == 0
    (email,) = mail.outbox
    assert email.extra_headers["Message-ID"] == f"<{message.message_id}@mentora>"
    message.refresh_from_db()
    assert message.status == "sent" and message.sent_at == NOW


@pytest.mark.django_db
def test_it_dedupes_by_key(personas):
    first = outbox_enqueue(to=personas.mentee, subject="a", body="b", kind="t", dedupe_key="k")
    again = outbox_enqueue(to=personas.mentee, subject="a", body="b", kind="t", dedupe_key="k")
    assert first.pk == again.pk and OutboxMessage.objects.count() == 1


@pytest.mark.django_db
def test_it_leaves_claimed_rows_to_their_worker_until_the_lease_expires(personas):
    _queue(personas, 3)
    token, claimed = outbox_claim(batch=2, now=NOW)
    assert len(claimed) == 2
    _, others = outbox_claim(batch=10, now=NOW)
    assert len(others) == 1 and {m.pk for m in others}.isdisjoint({m.pk for m in claimed})
    later = NOW + timedelta(seconds=LEASE_SECONDS + 1)
    _, reclaimed = outbox_claim(batch=10, now=later)
    assert len(reclaimed) == 3  # the first worker never finished: every lease has expired


@pytest.mark.django_db
def test_it_retries_with_exponential_backoff_then_gives_up(personas, settings):
    settings.EMAIL_BACKEND = f"{__name__}.AlwaysFails"
    (message,) = _queue(personas, 1)
    moment = NOW
    waits = []
    for _ in range(8):
        outbox_process(now=moment)
        message.refresh_from_db()
        waits.append(message.available_at - moment)
        moment = message.available_at
    assert waits[:4] == [backoff(1), backoff(2), backoff(3), backoff(4)]
    assert [w.total_seconds() for w in waits[:3]] == [60, 120, 240]
    assert message.status == "dead" and message.attempts == 8
    assert "SMTP server down" in message.last_error
    assert mail.outbox == []


@pytest.mark.django_db
def test_it_loses_nothing_and_sends_nothing_twice_when_killed_mid_batch(personas, settings):
    settings.EMAIL_BACKEND = f"{__name__}.DiesOnThirdSend"
    DiesOnThirdSend.sent = 0
    messages = _queue(personas, 5)
    with pytest.raises(Killed):
        outbox_process(batch=5, now=NOW)
    assert [m.subject for m in mail.outbox] == ["Hello 0", "Hello 1"]
    # Restarted at once: the dead worker's lease still holds the other three.
    assert outbox_process(now=NOW + timedelta(seconds=10)).claimed == 0
    # After the lease expires the new worker sends exactly the rest.
    result = outbox_process(now=NOW + timedelta(seconds=LEASE_SECONDS + 1))
    assert (result.claimed, result.sent) == (3, 3)
    assert sorted(m.subject for m in mail.outbox) == [f"Hello {i}" for i in range(5)]
    ids = [m.extra_headers["Message-ID"] for m in mail.outbox]
    assert len(set(ids)) == 5
    assert set(OutboxMessage.objects.values_list("status", flat=True)) == {"sent"}
    assert len(messages) == 5


@pytest.mark.django_db
def test_it_runs_once_from_the_command_line(personas):
    _queue(personas, 2, now=datetime.now(UTC) - timedelta(minutes=1))
    call_command("worker", "--once")
    # The pass may also send what other apps schedule (surveys, digests); ours went out once.
    assert [m.subject for m in mail.outbox if m.extra_headers["X-Mentora-Kind"] == "test"] == [
        "Hello 0",
        "Hello 1",
    ]


@pytest.mark.django_db
def test_it_answers_bad_flags_with_a_clear_message():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="--batch"):
        call_command("worker", "--once", "--batch", "0")


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="SKIP LOCKED needs PostgreSQL")
def test_it_shares_the_queue_between_two_workers_on_postgresql(personas):
    _queue(personas, 40)
    claimed: dict[str, list[int]] = {"a": [], "b": []}
    barrier = threading.Barrier(2)

    def work(name):
        from django.db import connection as thread_connection

        try:
            barrier.wait()
            while True:
                _, batch = outbox_claim(batch=3, now=NOW)
                if not batch:
                    return
                claimed[name].extend(m.pk for m in batch)
                for m in batch:
                    OutboxMessage.objects.filter(pk=m.pk).update(status="sent")
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=work, args=(n,)) for n in claimed]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    both = claimed["a"] + claimed["b"]
    assert len(both) == 40 and len(set(both)) == 40  # every row claimed exactly once
    assert connection.vendor == "postgresql"
