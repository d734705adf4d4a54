"""Dashboard and outcome figures: correct, paired, withheld for small groups everywhere."""

from __future__ import annotations

import csv
import io
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from openpyxl import load_workbook
from scipy import stats as sps

from mentora.outcomes.models import ReportSnapshot
from mentora.outcomes.selectors import dashboard_report, outcomes_report
from mentora.outcomes.tests.conftest import NOW, answered, pair, person
from mentora.relationships.models import Relationship

pytestmark = pytest.mark.django_db
S = Relationship.Status
BEFORE = [2, 3, 2, 4, 3, 2, 3]
AFTER = [4, 4, 3, 4, 4, 3, 5]


def cohort(program, size):
    """`size` mentees with baseline and end answers (every pulse item = the value)."""
    for i in range(size):
        mentee = person(program)
        answered(program, mentee, "baseline", BEFORE[i % len(BEFORE)])
        answered(program, mentee, "end", AFTER[i % len(AFTER)])


def row(table, label):
    return next(r for r in table.rows if r[0] == label)


def test_it_computes_paired_change_like_scipy(personas, frozen):
    cohort(personas.program, 7)
    table = outcomes_report(personas.program, now=NOW).table("outcomes_end")
    confidence = row(table, "Self-confidence")
    diff = [a - b for a, b in zip(AFTER, BEFORE, strict=True)]
    assert confidence[1] == 7
    assert confidence[4] == pytest.approx(sum(diff) / 7, abs=0.005)
    low, high = sps.ttest_rel(AFTER, BEFORE).confidence_interval()
    assert confidence[5] == pytest.approx(low, abs=0.005) and confidence[6] == pytest.approx(
        high, abs=0.005
    )
    assert confidence[9] == pytest.approx(sps.wilcoxon(AFTER, BEFORE).pvalue, abs=0.0001)


def test_it_pairs_only_people_who_answered_both(personas, frozen):
    cohort(personas.program, 5)
    answered(personas.program, person(personas.program), "end", 5)  # no baseline: not counted
    table = outcomes_report(personas.program, now=NOW).table("outcomes_end")
    assert row(table, "Self-confidence")[1] == 5


def small_program(personas):
    cohort(personas.program, 4)  # one short of the minimum group size
    for _ in range(4):
        rel = pair(personas.program, status=S.COMPLETED)
        answered(personas.program, rel.mentee, "exit", 5, relationship=rel)
        answered(personas.program, rel.mentee, "quality", 5, relationship=rel)


def test_it_withholds_small_groups_on_the_pages(personas, client_for, frozen):
    small_program(personas)
    client = client_for(personas.manager)
    page = client.get("/outcomes/programs/grow/outcomes/").text
    end = page.split('id="t-outcomes_end"')[1].split("</section>")[0]
    # One message for the table, not "— (fewer than 5)" in each of its 60 cells.
    assert end.count("Not shown yet: fewer than 5 people") == 1
    assert "<table>" not in end and "<td>4</td>" not in end
    assert "No change is shown yet: fewer than 5 mentees have answered both" in page
    dashboard = client.get("/outcomes/programs/grow/").text
    satisfaction = dashboard.split('id="t-satisfaction"')[1].split("</section>")[0]
    assert satisfaction.count("fewer than 5") == 1 and "<td>5</td>" not in satisfaction


def test_it_withholds_small_groups_in_the_api(personas, client, api_token_for, frozen):
    small_program(personas)
    headers = api_token_for(personas.manager)
    report = client.get("/api/v1/outcomes/programs/grow/outcomes", **headers).json()
    end = next(t for t in report["tables"] if t["key"] == "outcomes_end")
    assert all(r["suppressed"] and r["n"] is None and r["change"] is None for r in end["rows"])
    dash = client.get("/api/v1/outcomes/programs/grow/dashboard", **headers).json()
    satisfaction = next(t for t in dash["tables"] if t["key"] == "satisfaction")
    assert all(r["mean"] is None for r in satisfaction["rows"])


def test_it_withholds_small_groups_in_exports(personas, client_for, frozen, tmp_path):
    small_program(personas)
    client = client_for(personas.manager)
    text = client.get("/outcomes/programs/grow/export.csv?table=outcomes_end").content.decode()
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][0] == "Measure" and all("suppressed" in r[1] for r in rows[1:])
    book = load_workbook(io.BytesIO(client.get("/outcomes/programs/grow/export.xlsx").content))
    sheet = book["Baseline → end of program"]
    assert all(str(c.value).startswith("suppressed") for c in sheet["B"][1:7])
    call_command(
        "outcomes_export",
        "--program",
        "grow",
        "--format",
        "csv",
        "--output",
        str(tmp_path / "out"),
        stdout=StringIO(),
    )
    assert "suppressed" in (tmp_path / "out" / "satisfaction.csv").read_text()


def test_it_shows_groups_at_the_minimum_size(personas, frozen, settings):
    settings.MENTORA_MIN_GROUP_SIZE = 3
    small_program(personas)
    assert (
        row(outcomes_report(personas.program, now=NOW).table("outcomes_end"), "Self-confidence")[1]
        == 4
    )


def test_it_counts_the_funnel_and_capacity(personas, frozen):
    program = personas.program  # mentor capacity 3
    mentor = person(program, "mentor")
    pair(program, mentor=mentor, status=S.COMPLETED)
    pair(program, mentor=mentor, status=S.ACTIVE)
    pair(program, mentor=mentor, status=S.ACCEPTED)
    pair(program, status=S.REQUESTED)
    waiting = [person(program) for _ in range(6)]
    report = dashboard_report(program, now=NOW)
    funnel = {r[0]: r[1] for r in report.table("funnel").rows}
    # enrolled: Maya + 4 paired + 6 waiting; Maya and the requested one are not matched
    assert funnel["Enrolled"] == 11 and funnel["Matched"] == 3 and funnel["Agreement signed"] == 2
    assert (
        funnel["First meeting"] == 2
        and funnel["Active or completed"] == 2
        and funnel["Completed"] == 1
    )
    capacity = {r[0].split(" (")[0]: r[1] for r in report.table("capacity").rows}
    assert len(waiting) == 6
    # Marco: 3 free; `mentor`: 2 of 3 held (active, accepted); the requested pair's mentor: 3
    assert capacity["Free places"] == 3 + 1 + 3
    assert capacity["Shortfall"] == 0


def test_it_counts_how_many_more_mentors_the_waitlist_needs(personas, frozen):
    for _ in range(8):
        person(personas.program)
    capacity = {
        r[0].split(" (")[0]: r[1]
        for r in dashboard_report(personas.program, now=NOW).table("capacity").rows
    }
    # 9 mentees waiting (Maya + 8), Marco's 3 places: 6 short, at 3 per mentor → 2 more
    assert capacity["Shortfall"] == 6 and capacity["More mentors needed"] == 2


def test_it_loads_the_dashboard_in_a_fixed_number_of_queries(
    personas, frozen, django_assert_num_queries, client_for
):
    def build(n):
        for _ in range(n):
            rel = pair(personas.program, status=S.COMPLETED)
            answered(personas.program, rel.mentee, "exit", 4, relationship=rel)
        ReportSnapshot.objects.all().delete()  # as after a change: computed on the next view

    build(2)
    client = client_for(personas.manager)
    client.get("/outcomes/programs/grow/")  # warm the session
    ReportSnapshot.objects.all().delete()
    jit_off = connection.vendor == "postgresql"  # SET LOCAL jit = off before computing
    with django_assert_num_queries(19 + jit_off) as small:  # computed and stored
        client.get("/outcomes/programs/grow/")
    build(8)
    with django_assert_num_queries(len(small.captured_queries)):
        client.get("/outcomes/programs/grow/")
    # Stored: session, user, the program with its snapshot, the manager check, the navigation's
    # roles (and one more for the names when pairs are at risk: see the next test).
    with django_assert_num_queries(5):
        client.get("/outcomes/programs/grow/")
    with django_assert_num_queries(20 + jit_off):  # computed and stored (career movement: 4)
        client.get("/outcomes/programs/grow/outcomes/")
    with django_assert_num_queries(6):  # the same and the survey schedule
        client.get("/outcomes/programs/grow/outcomes/")


def test_it_counts_development_plan_goals_and_match_scores(personas, frozen):
    from mentora.matching.models import MatchExplanation
    from mentora.outcomes.sources import goal_counts, match_scores

    rel = pair(personas.program)
    MatchExplanation.objects.create(relationship=rel, score=0.8)
    assert match_scores(personas.program) == [0.8]
    assert goal_counts(personas.program) == {}
    table = dashboard_report(personas.program, now=NOW).table("match_scores")
    assert ["Matches scored", 1] in table.rows
    assert ["Median score", 80.0] in table.rows  # out of 100, as people read scores elsewhere
    assert all("0.8" not in str(row[0]) for row in table.rows)


def test_it_exports_from_the_command_line(personas, frozen, tmp_path):
    cohort(personas.program, 6)
    out = StringIO()
    call_command(
        "outcomes_export",
        "--program",
        "grow",
        "--format",
        "csv",
        "--table",
        "outcomes_end",
        stdout=out,
    )
    assert (
        out.getvalue().startswith("Measure,People (pairs)")
        and "Self-confidence,6," in out.getvalue()
    )
    target = tmp_path / "grow.xlsx"
    call_command(
        "outcomes_export",
        "--program",
        "grow",
        "--format",
        "xlsx",
        "--output",
        str(target),
        stdout=StringIO(),
    )
    assert "Funnel" in load_workbook(target).sheetnames
    with pytest.raises(CommandError, match="No program has the slug"):
        call_command("outcomes_export", "--program", "nope", "--format", "csv", stdout=StringIO())
    with pytest.raises(CommandError, match="--table: no table"):
        call_command(
            "outcomes_export",
            "--program",
            "grow",
            "--format",
            "csv",
            "--table",
            "x",
            stdout=StringIO(),
        )


def test_it_counts_mentees_who_achieved_their_goals_not_everyone_who_answered(personas, frozen):
    for value in (5, 4, 4, 2, 1, 3):  # 3 of 6 agree (4 or 5)
        rel = pair(personas.program, status=S.COMPLETED)
        answered(personas.program, rel.mentee, "exit", {"exit_goals": value}, relationship=rel)
    report = dashboard_report(personas.program, now=NOW)
    goals = next(r for r in report.table("goals").rows if r[0].startswith("Mentees who say"))
    assert goals[1:] == [3, 50.0]
    advancement = outcomes_report(personas.program, now=NOW).table("advancement").rows[0]
    assert advancement[0].startswith("Say they achieved") and advancement[1:] == [3, 50.0]


def test_it_counts_a_completed_mentee_who_asked_for_a_rematch_as_waiting(personas, frozen):
    from mentora.relationships.models import RematchRequest

    done = pair(personas.program, status=S.COMPLETED)
    again = pair(personas.program, status=S.COMPLETED)
    RematchRequest.objects.create(relationship=again, program=personas.program, mentee=again.mentee)
    pair(personas.program, status=S.ENDED_EARLY)
    report = dashboard_report(personas.program, now=NOW)
    waitlist = {r[0]: r[1] for r in report.table("waitlist").rows}
    # Maya, the ended-early mentee and the one asking again; not the one who completed.
    assert waitlist["Enrolled mentees waiting for a match"] == 3
    assert done.mentee_id  # completed without asking: not waiting


def test_it_names_the_health_of_pairs_to_look_at_in_words(personas, client_for, frozen):
    from datetime import timedelta

    rel = pair(personas.program, meetings=0)
    Relationship.objects.filter(pk=rel.pk).update(last_activity_at=NOW - timedelta(days=40))
    page = client_for(personas.manager).get("/outcomes/programs/grow/").text
    looked_at = page.split('id="at-risk-list"')[1].split("</section>")[0]
    assert "Stalled" in looked_at and "No activity for 40 days." in looked_at
    assert ">Red<" not in looked_at
