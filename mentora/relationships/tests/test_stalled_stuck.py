"""Stalled pairs: stuck requests and accepted pairs that never started are flagged with the
silent ones, and a nudge shows on the row afterwards ("Nudged 2 days ago")."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse

from mentora.lib.clock import frozen_at
from mentora.programs.models import Program
from mentora.relationships.selectors import stalled_relationships
from mentora.relationships.services.nudges import relationship_nudge
from mentora.relationships.tests.conftest import NOW


def test_it_flags_a_request_nobody_answered_for_longer_than_the_threshold(
    personas, requested, client_for, settings
):
    settings.MENTORA_STUCK_DAYS = 7
    programs = Program.objects.filter(pk=personas.program.pk)
    assert stalled_relationships(programs=programs, now=NOW + timedelta(days=6)) == []
    rows = stalled_relationships(programs=programs, now=NOW + timedelta(days=13))
    assert [r.pk for r in rows] == [requested.pk]
    assert rows[0].health.reasons == ["Requested 13 days ago; Marco Mentor has not answered."]
    assert rows[0].health.label == "Stalled"
    with frozen_at(NOW + timedelta(days=13)):
        page = client_for(personas.manager).get(reverse("relationships:stalled")).content
    text = page.decode()
    assert "1 stalled pair" in text and "Waiting for Marco Mentor to answer" in text
    assert "Not graded" not in text


def test_it_flags_an_accepted_pair_that_never_started(personas, accepted, client_for):
    with frozen_at(NOW + timedelta(days=22)):
        page = client_for(personas.manager).get(
            reverse("relationships:program", args=["grow"])
        ).content.decode()
    assert "Accepted 22 days ago; Maya Mentee and Marco Mentor have not started." in page


def test_it_shows_when_a_stalled_pair_was_last_nudged(personas, active, client_for):
    quiet = NOW + timedelta(days=30)
    relationship_nudge(relationship=active, by=personas.manager, now=quiet)
    with frozen_at(quiet + timedelta(days=2)):
        page = client_for(personas.manager).get(reverse("relationships:stalled")).content.decode()
    assert "Nudged 2 days ago" in page


def test_it_keeps_stalled_pairs_of_other_programs_away_from_a_manager(
    personas, requested, client_for
):
    with frozen_at(NOW + timedelta(days=30)):
        response = client_for(personas.coach).get(reverse("relationships:stalled"))
    assert response.status_code == 403
