"""Reminders by time travel: one digest a day, in the person's hours, never in quiet hours."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest

from mentora.notifications.models import NotificationPreference, OutboxMessage
from mentora.notifications.reminders import digest_items, reminders_run
from mentora.relationships.health import health_of
from mentora.relationships.services.actions import action_item_add
from mentora.relationships.services.meetings import meeting_schedule
from mentora.relationships.services.nudges import relationship_nudge

from .conftest import NOW

pytestmark = pytest.mark.django_db


def _digests(user):
    return OutboxMessage.objects.filter(kind="notifications.digest", recipient=user)


def test_it_gathers_what_needs_attention(active, personas):
    meeting_schedule(
        relationship=active, by=personas.mentor, starts_at=NOW + timedelta(hours=30), now=NOW
    )
    action_item_add(
        relationship=active,
        by=personas.mentor,
        text="Draft the pitch",
        owner=personas.mentee,
        due_on=date(2026, 3, 2),
        now=NOW,
    )
    later = NOW + timedelta(hours=24)  # meeting is 6 hours away, action a day overdue
    kinds = [item.kind for item in digest_items(user=personas.mentee, now=later)]
    assert kinds == ["meeting", "action"]
    in_three_weeks = NOW + timedelta(days=21)
    kinds = [item.kind for item in digest_items(user=personas.mentee, now=in_three_weeks)]
    assert "check_in" in kinds


def test_it_sends_one_digest_a_day_not_a_flood(active, personas):
    action_item_add(
        relationship=active,
        by=personas.mentor,
        text="Draft",
        owner=personas.mentee,
        due_on=date(2026, 3, 3),
        now=NOW,
    )
    day = datetime(2026, 3, 5, 9, 0, tzinfo=UTC)
    for minutes in range(0, 600, 15):  # the worker's beat, all day long
        reminders_run(now=day + timedelta(minutes=minutes))
    assert _digests(personas.mentee).count() == 1
    reminders_run(now=day + timedelta(days=1))
    assert _digests(personas.mentee).count() == 2
    body = _digests(personas.mentee).first().body
    assert "Overdue since 3 March: Draft" in body and "/notifications/do/" in body


def test_it_waits_for_the_persons_digest_hour_in_their_time_zone(active, personas):
    action_item_add(
        relationship=active,
        by=personas.mentee,
        text="Share contacts",
        owner=personas.mentor,
        due_on=date(2026, 3, 3),
        now=NOW,
    )
    NotificationPreference.objects.create(user=personas.mentor, digest_hour=8)
    reminders_run(now=datetime(2026, 3, 5, 6, 30, tzinfo=UTC))  # 07:30 in Paris
    assert not _digests(personas.mentor).exists()
    reminders_run(now=datetime(2026, 3, 5, 7, 0, tzinfo=UTC))  # 08:00 in Paris
    assert _digests(personas.mentor).count() == 1


def test_it_respects_quiet_hours_and_opting_out(active, personas):
    action_item_add(
        relationship=active,
        by=personas.mentor,
        text="Draft",
        owner=personas.mentee,
        due_on=date(2026, 3, 3),
        now=NOW,
    )
    pref = NotificationPreference.objects.create(
        user=personas.mentee, quiet_start=time(8), quiet_end=time(12)
    )
    reminders_run(now=datetime(2026, 3, 5, 9, 0, tzinfo=UTC))
    assert not _digests(personas.mentee).exists()
    reminders_run(now=datetime(2026, 3, 5, 12, 0, tzinfo=UTC))
    assert _digests(personas.mentee).count() == 1
    pref.digest_enabled = False
    pref.save()
    reminders_run(now=datetime(2026, 3, 6, 12, 0, tzinfo=UTC))
    assert _digests(personas.mentee).count() == 1


def test_it_reminds_the_mentor_of_an_unanswered_request_then_expires_it(requested, personas):
    reminders_run(now=NOW + timedelta(days=1))
    assert not _digests(personas.mentor).exists()
    reminders_run(now=NOW + timedelta(days=4))
    assert "asked you to be their mentor" in _digests(personas.mentor).get().body
    reminders_run(now=NOW + timedelta(days=15))
    requested.refresh_from_db()
    assert requested.status == "expired"


def test_it_reminds_about_an_unsigned_agreement(accepted, personas):
    items = digest_items(user=personas.mentee, now=NOW + timedelta(days=3))
    assert [i.kind for i in items] == ["agreement"]


def test_it_grades_health_and_flags_stalled_pairs_to_the_manager(active, personas):
    assert health_of(active, now=NOW + timedelta(days=1)).level == "green"
    meeting_schedule(
        relationship=active, by=personas.mentee, starts_at=NOW + timedelta(days=1), now=NOW
    )
    in_a_month = NOW + timedelta(days=30)
    health = health_of(active, now=in_a_month)
    assert health.level == "red" and health.stalled
    assert "Held 1 of 2 agreed meetings." in health.reasons
    assert "No activity for 29 days." in health.reasons
    items = digest_items(user=personas.manager, now=in_a_month)
    assert [i.kind for i in items] == ["stalled"]
    relationship_nudge(relationship=active, by=personas.manager, now=in_a_month)
    nudges = OutboxMessage.objects.filter(kind="relationships.nudge")
    assert {m.recipient for m in nudges} == {personas.mentee, personas.mentor}
    assert active.events.last().action == "nudged"
    # A nudge is not the pair's activity: they stay stalled until they act.
    assert health_of(active, now=in_a_month).stalled


def test_it_turns_amber_for_overdue_actions(active, personas):
    action_item_add(
        relationship=active,
        by=personas.mentor,
        text="Draft",
        owner=personas.mentee,
        due_on=date(2026, 3, 3),
        now=NOW,
    )
    health = health_of(active, now=NOW + timedelta(days=3))
    assert health.level == "amber" and health.reasons == ["1 overdue action item."]


def test_it_holds_invitations_until_quiet_hours_end(active, personas):
    NotificationPreference.objects.create(
        user=personas.mentor, quiet_start=time(22), quiet_end=time(7)
    )
    late = datetime(2026, 3, 2, 22, 30, tzinfo=UTC)  # 23:30 in Paris
    meeting_schedule(
        relationship=active, by=personas.mentee, starts_at=late + timedelta(days=2), now=late
    )
    to_mentor = OutboxMessage.objects.get(recipient=personas.mentor)
    to_mentee = OutboxMessage.objects.get(recipient=personas.mentee)
    assert to_mentor.available_at == datetime(2026, 3, 3, 6, 0, tzinfo=UTC)  # 07:00 Paris
    assert to_mentee.available_at == late
