"""`mentora match run | status | publish | export`."""

from __future__ import annotations

import csv
import io
import re

import pytest
from django.core.management import CommandError, call_command

from mentora.matching.models import MatchRun
from mentora.matching.services import matchrun_start
from mentora.relationships.models import Relationship

from .helpers import grow_cohort

pytestmark = pytest.mark.django_db


def _call(*args):
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_it_runs_with_progress_then_reports_status_exports_and_publishes(personas, tmp_path):
    grow_cohort(personas, mentees=3, mentors=1)
    text = _call("match_run", "--program", "grow")
    assert "[" in text and "100% Done" in text
    assert "Draft 1:" in text and "3 of 3 mentees matched" in text and "1 mentor with" in text
    # Scores read as everywhere else: out of 100, not as 0–1 fractions.
    assert re.search(r"mean score \d{1,3} out of 100, lowest \d{1,3}\.", text), text
    assert "Not published yet." in _call("match_status", "--program", "grow")
    target = tmp_path / "draft.csv"
    _call("match_export", "--program", "grow", "--output", str(target))
    rows = list(csv.DictReader(target.open(encoding="utf-8")))
    assert len(rows) == 3 and rows[0]["mentor_email"] == personas.mentor.email
    assert 1 < float(rows[0]["score_out_of_100"]) <= 100  # the unit is in the header
    assert "Published 3 pairs" in _call("match_publish", "--program", "grow")
    assert Relationship.objects.count() == 3
    assert "Published" in _call("match_status", "--program", "grow")


def test_it_refuses_bad_input_with_a_message(personas):
    with pytest.raises(CommandError, match="No program has the slug “nope”"):
        _call("match_run", "--program", "nope")
    with pytest.raises(CommandError, match="no draft yet"):
        _call("match_export", "--program", "grow")
    matchrun_start(program=personas.program, by=personas.manager)
    with pytest.raises(CommandError, match="already queued"):
        _call("match_run", "--program", "grow")
    assert MatchRun.objects.count() == 1
    with pytest.raises(CommandError, match="no draft to publish"):
        _call("match_publish", "--program", "grow")
    with pytest.raises(CommandError, match="--as: no person"):
        _call("match_publish", "--program", "grow", "--as", "x@example.com")
