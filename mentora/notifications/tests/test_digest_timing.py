"""The daily digest goes in the person's morning, and its greeting tells the truth (QA pass
defect 6: the first worker pass after a start sent "Good morning" at any hour)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from mentora.notifications.models import NotificationPreference, OutboxMessage
from mentora.notifications.reminders import DIGEST_WINDOW, greeting, reminders_run
from mentora.relationships.services.actions import action_item_add

from .conftest import NOW

pytestmark = pytest.mark.django_db


def _digests(user):
    return OutboxMessage.objects.filter(kind="notifications.digest", recipient=user).order_by("pk")


@pytest.fixture
def overdue(active, personas):
    """Maya (Europe/Paris via her profile below) has an overdue action."""
    personas.mentee.profile.timezone = "Europe/Paris"
    personas.mentee.profile.save(update_fields=["timezone"])
    action_item_add(
        relationship=active,
        by=personas.mentor,
        text="Draft the pitch",
        owner=personas.mentee,
        due_on=date(2026, 3, 3),
        now=NOW,
    )
    return personas.mentee


def test_a_worker_started_in_the_evening_waits_for_the_next_morning(overdue):
    reminders_run(now=datetime(2026, 3, 5, 21, 0, tzinfo=UTC))  # 22:00 in Paris
    assert not _digests(overdue).exists()
    reminders_run(now=datetime(2026, 3, 5, 23, 30, tzinfo=UTC))  # 00:30 in Paris
    assert not _digests(overdue).exists()
    reminders_run(now=datetime(2026, 3, 6, 7, 0, tzinfo=UTC))  # 08:00 in Paris
    (digest,) = _digests(overdue)
    assert digest.body.startswith("Good morning Maya,")


def test_it_still_sends_a_little_after_the_hour_but_not_hours_later(overdue):
    late = datetime(2026, 3, 5, 7, 0, tzinfo=UTC) + DIGEST_WINDOW  # 08:00 Paris + the window
    reminders_run(now=late)
    assert not _digests(overdue).exists()
    reminders_run(now=datetime(2026, 3, 5, 9, 45, tzinfo=UTC))  # 10:45 in Paris
    assert _digests(overdue).count() == 1


def test_an_evening_digest_says_good_evening(overdue):
    NotificationPreference.objects.create(user=overdue, digest_hour=19)
    reminders_run(now=datetime(2026, 3, 5, 7, 0, tzinfo=UTC))  # 08:00: not their hour
    assert not _digests(overdue).exists()
    reminders_run(now=datetime(2026, 3, 5, 18, 0, tzinfo=UTC))  # 19:00 in Paris
    assert _digests(overdue).get().body.startswith("Good evening Maya,")


def test_quiet_hours_over_the_digest_hour_move_it_to_when_they_end(overdue):
    NotificationPreference.objects.create(
        user=overdue, digest_hour=8, quiet_start=time(7), quiet_end=time(13)
    )
    reminders_run(now=datetime(2026, 3, 5, 9, 0, tzinfo=UTC))  # 10:00, quiet
    assert not _digests(overdue).exists()
    reminders_run(now=datetime(2026, 3, 5, 12, 0, tzinfo=UTC))  # 13:00, quiet hours over
    assert _digests(overdue).get().body.startswith("Good afternoon Maya,")


@pytest.mark.parametrize(
    ("hour", "words"),
    [(5, "Good morning"), (11, "Good morning"), (12, "Good afternoon"), (17, "Good afternoon"),
     (18, "Good evening"), (23, "Good evening"), (2, "Good evening")],
)
def test_the_greeting_follows_the_reader_s_clock(hour, words):
    assert greeting(datetime(2026, 3, 5, hour, 0, tzinfo=UTC)) == words
