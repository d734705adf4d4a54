"""Stored reports: computed once for every viewer, recomputed when stale, never shown to anyone
who may not see the program, never computed under another minimum group size."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest

from mentora.lib import clock
from mentora.outcomes.models import ReportSnapshot
from mentora.outcomes.services import survey_withdraw
from mentora.outcomes.snapshots import Kind, report_for, report_snapshot_refresh
from mentora.outcomes.tests.conftest import NOW, answered, pair, person
from mentora.programs.models import Enrollment
from mentora.programs.services import enrollment_create
from mentora.relationships.models import Relationship
from mentora.relationships.services.lifecycle import relationship_complete
from mentora.testing import make_user

pytestmark = pytest.mark.django_db
S = Relationship.Status
DASHBOARD = "/outcomes/programs/grow/"


def enrolled(page: str) -> str:
    """The funnel's "Enrolled" count as the page shows it."""
    funnel = page.split('id="t-funnel"')[1].split("</table>")[0]
    return funnel.split('<th scope="row">Enrolled</th><td>')[1].split("<")[0]


def funnel_enrolled(program) -> int:
    report = report_for(program, kind=Kind.DASHBOARD, now=clock.now())
    return next(r[1] for r in report.table("funnel").rows if r[0] == "Enrolled")


def test_it_shows_the_stored_figures_and_when_they_were_computed(personas, client_for, frozen):
    client = client_for(personas.manager)
    assert enrolled(client.get(DASHBOARD).text) == "1"  # Maya
    person(personas.program)  # written without a service: nothing marks the figures stale
    with clock.frozen_at(NOW + timedelta(minutes=3)):
        page = client.get(DASHBOARD).text
    assert enrolled(page) == "1"
    assert "Figures as of <time" in page and "09:00 UTC</time> (3\xa0minutes ago)" in page
    assert "Refresh now" in page
    with clock.frozen_at(NOW + timedelta(minutes=6)):  # older than MENTORA_REPORT_MAX_AGE
        page = client.get(DASHBOARD).text
    assert enrolled(page) == "2" and "09:06 UTC</time> (just now)" in page


def test_it_computes_again_after_the_max_age_setting(personas, frozen, settings):
    settings.MENTORA_REPORT_MAX_AGE = 30
    assert funnel_enrolled(personas.program) == 1
    person(personas.program)
    with clock.frozen_at(NOW + timedelta(seconds=20)):
        assert funnel_enrolled(personas.program) == 1
    with clock.frozen_at(NOW + timedelta(seconds=31)):
        assert funnel_enrolled(personas.program) == 2


def test_it_computes_again_once_enrollments_change(
    personas, frozen, django_capture_on_commit_callbacks
):
    assert funnel_enrolled(personas.program) == 1
    newcomer = make_user("newcomer@example.com", "New Comer")
    with django_capture_on_commit_callbacks(execute=True):
        enrollment_create(
            program=personas.program,
            user=newcomer,
            role=Enrollment.Role.MENTEE,
            by=personas.manager,
        )
    assert funnel_enrolled(personas.program) == 2


def test_it_computes_again_once_a_relationship_changes_status(
    personas, frozen, django_capture_on_commit_callbacks
):
    rel = pair(personas.program, status=S.ACTIVE)
    report = report_for(personas.program, kind=Kind.DASHBOARD, now=NOW)
    assert ["Completed", 0, 0.0] in report.table("funnel").rows
    with django_capture_on_commit_callbacks(execute=True):
        relationship_complete(relationship=rel, by=personas.manager)
    report = report_for(personas.program, kind=Kind.DASHBOARD, now=NOW)
    assert ["Completed", 1, 50.0] in report.table("funnel").rows


def test_it_never_shows_figures_computed_with_another_minimum_group_size(
    personas, client_for, frozen, settings
):
    settings.MENTORA_MIN_GROUP_SIZE = 3
    for _ in range(4):
        rel = pair(personas.program, status=S.COMPLETED)
        answered(personas.program, rel.mentee, "exit", 5, relationship=rel)
    client = client_for(personas.manager)

    def satisfaction() -> str:
        page = client.get(DASHBOARD).text
        return page.split('id="t-satisfaction"')[1].split("</section>")[0]

    assert "<td>4</td>" in satisfaction()  # 4 people answered: shown at k=3
    settings.MENTORA_MIN_GROUP_SIZE = 5  # raised within the max age: recomputed at once
    shown = satisfaction()
    assert "fewer than 5" in shown and "<td>4</td>" not in shown
    api = client.get("/api/v1/outcomes/programs/grow/dashboard").json()
    assert api["min_group_size"] == 5
    rows = next(t for t in api["tables"] if t["key"] == "satisfaction")["rows"]
    assert all(r["respondents"] is None for r in rows)


def test_it_drops_stored_figures_when_someone_withdraws_answers(
    personas, frozen, django_capture_on_commit_callbacks
):
    invitation = answered(personas.program, personas.mentee, "baseline", 4)
    report_for(personas.program, kind=Kind.OUTCOMES, now=NOW)
    report_for(personas.program, kind=Kind.DASHBOARD, now=NOW)
    with django_capture_on_commit_callbacks(execute=True):
        survey_withdraw(invitation=invitation, by=personas.mentee)
    stored = ReportSnapshot.objects.filter(program=personas.program)
    assert stored.count() == 2 and all(s.data == {} for s in stored)
    report = report_for(personas.program, kind=Kind.OUTCOMES, now=NOW)  # computed again
    assert report.computed_at == NOW and report.tables


def test_it_never_shows_figures_computed_from_before_a_withdrawal(
    personas, frozen, django_capture_on_commit_callbacks
):
    invitation = answered(personas.program, personas.mentee, "baseline", 4)
    report_for(personas.program, kind=Kind.OUTCOMES, now=NOW)
    with django_capture_on_commit_callbacks(execute=True):
        survey_withdraw(invitation=invitation, by=personas.mentee)
    # A computation that read the answers before the withdrawal stores its figures after it,
    # while another request holds the claim to recompute.
    report_snapshot_refresh(program=personas.program, kind=Kind.OUTCOMES, now=NOW, version=0)
    later = NOW + timedelta(seconds=5)
    ReportSnapshot.objects.update(refreshing_until=later + timedelta(seconds=60))
    with clock.frozen_at(later):
        report = report_for(personas.program, kind=Kind.OUTCOMES, now=later)
    assert report.computed_at == later  # computed here, not the figures from before


def test_it_lets_one_request_recompute_while_the_others_show_the_previous_figures(
    personas, frozen, django_assert_num_queries
):
    assert funnel_enrolled(personas.program) == 1
    person(personas.program)
    ReportSnapshot.objects.update(version=1)  # a change was committed
    later = NOW + timedelta(seconds=5)
    ReportSnapshot.objects.update(refreshing_until=later + timedelta(seconds=60))  # claimed
    with clock.frozen_at(later), django_assert_num_queries(2):  # read, claim refused
        assert funnel_enrolled(personas.program) == 1
    ReportSnapshot.objects.update(refreshing_until=None)  # the claimer finished or died
    with clock.frozen_at(later):
        assert funnel_enrolled(personas.program) == 2
    snapshot = ReportSnapshot.objects.get(kind=Kind.DASHBOARD)
    assert snapshot.computed_version == 1 and snapshot.refreshing_until is None


def test_it_stays_stale_when_a_change_lands_while_it_is_computed(personas, frozen):
    report_for(personas.program, kind=Kind.DASHBOARD, now=NOW)
    # Computing started at version 0; a change committed meanwhile made the row version 1.
    ReportSnapshot.objects.update(version=1)
    report_snapshot_refresh(program=personas.program, kind=Kind.DASHBOARD, now=NOW, version=0)
    person(personas.program)
    assert funnel_enrolled(personas.program) == 2  # not served: computed again


def test_it_refreshes_now_for_the_programs_managers_only(personas, client_for, frozen):
    client = client_for(personas.manager)
    client.get(DASHBOARD)
    person(personas.program)
    response = client.post("/outcomes/programs/grow/refresh/", {"kind": "dashboard"}, follow=True)
    assert response.redirect_chain == [(DASHBOARD, 302)]
    assert enrolled(response.text) == "2" and "computed again" in response.text
    response = client.post("/outcomes/programs/grow/refresh/", {"kind": "outcomes"})
    assert response.status_code == 302 and response["Location"] == DASHBOARD + "outcomes/"
    bad = client.post("/outcomes/programs/grow/refresh/", {"kind": "everything"})
    assert bad.status_code == 400 and bad.text.startswith("kind:")
    assert client.get("/outcomes/programs/grow/refresh/").status_code == 405
    for outsider in (personas.unrelated, personas.mentee, personas.mentor):
        refused = client_for(outsider).post(
            "/outcomes/programs/grow/refresh/", {"kind": "dashboard"}
        )
        assert refused.status_code == 404
    anonymous = client_for(None).post("/outcomes/programs/grow/refresh/", {"kind": "dashboard"})
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]


def test_it_checks_every_viewer_before_showing_a_stored_report(personas, client_for, frozen):
    assert client_for(personas.admin).get("/outcomes/programs/lead/").status_code == 200
    assert ReportSnapshot.objects.filter(program__slug="lead").exists()
    # Stored for Lead's managers; Grow's manager and everyone else still get nothing.
    for outsider in (personas.manager, personas.unrelated, personas.coach):
        client = client_for(outsider)
        assert client.get("/outcomes/programs/lead/").status_code == 404
        assert client.get("/outcomes/programs/lead/outcomes/").status_code == 404
        assert client.get("/outcomes/programs/lead/export.xlsx").status_code == 404
    anonymous = client_for(None).get("/outcomes/programs/lead/")
    assert anonymous.status_code == 302
    assert client_for(personas.manager).get("/outcomes/programs/nope/").status_code == 404


def test_it_gives_the_page_the_api_and_the_exports_the_same_numbers(
    personas, client_for, api_token_for, frozen
):
    client = client_for(personas.manager)
    page = client.get(DASHBOARD).text
    person(personas.program)  # not yet in the stored figures
    api = client.get(
        "/api/v1/outcomes/programs/grow/dashboard", **api_token_for(personas.manager)
    ).json()
    funnel = next(t for t in api["tables"] if t["key"] == "funnel")
    assert enrolled(page) == "1" and funnel["rows"][0]["mentees"] == 1
    assert api["computed_at"].startswith("2030-06-03T09:00:00")
    rows = list(csv.reader(io.StringIO(client.get(DASHBOARD + "export.csv?table=funnel").text)))
    assert rows[1][:2] == ["Enrolled", "1"]


def test_it_names_the_pairs_to_look_at_as_they_are_called_today(personas, client_for, frozen):
    rel = pair(personas.program, meetings=0)
    Relationship.objects.filter(pk=rel.pk).update(last_activity_at=NOW - timedelta(days=40))
    client = client_for(personas.manager)
    assert str(rel.mentee) in client.get(DASHBOARD).text
    rel.mentee.full_name = "Renamed Person"
    rel.mentee.save(update_fields=["full_name"])
    looked_at = client.get(DASHBOARD).text.split('id="at-risk-list"')[1].split("</section>")[0]
    assert "Renamed Person" in looked_at and "No activity for 40 days." in looked_at
    assert f'href="/relationships/{rel.pk}/"' in looked_at
    Relationship.objects.filter(pk=rel.pk).delete()
    assert "Renamed Person" not in client.get(DASHBOARD).text


def test_it_names_a_bad_max_age_setting(settings, monkeypatch):
    from django.core.management import call_command
    from django.core.management.base import SystemCheckError

    from mentora.outcomes.snapshots import max_age, max_age_problem

    settings.MENTORA_REPORT_MAX_AGE = None  # settings.py reads the environment variable
    assert max_age() == 300 and max_age_problem() is None
    settings.MENTORA_REPORT_MAX_AGE = "90"
    assert max_age() == 90 and max_age_problem() is None
    settings.MENTORA_REPORT_MAX_AGE = "five minutes"
    assert "whole number of seconds" in (max_age_problem() or "")
    settings.MENTORA_REPORT_MAX_AGE = -1
    assert "0 or more" in (max_age_problem() or "")
    with pytest.raises(SystemCheckError, match="outcomes.E002"):
        call_command("check")
