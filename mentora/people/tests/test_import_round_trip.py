"""HRIS round trip: re-importing an updated file applies joiners, movers and leavers.

Movers are recorded as RoleChange rows; leavers are deactivated after their live relationships
end through the relationship services (the other side is emailed); a dry run reports all of it
and writes nothing; people missing from a partial file are never touched.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from mentora.accounts.models import User
from mentora.audit.models import AuditEntry
from mentora.integrations.models import WebhookDelivery
from mentora.integrations.services import webhook_endpoint_create
from mentora.lib import clock
from mentora.lib.tabular import ImportRejected, read_table
from mentora.notifications.models import OutboxMessage
from mentora.people.import_models import ImportUpload
from mentora.people.importing import people_import
from mentora.people.models import RoleChange
from mentora.relationships.models import Relationship
from mentora.relationships.services.lifecycle import relationship_request

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
HEADER = "email,full_name,job_title,department,manager_email,level"
# Everyone the personas fixture creates, as the HR system knows them today.
ORG = [
    "olga.admin@example.com,Olga Admin,HR Director,People,,director",
    "priya.manager@example.com,Priya Manager,L&D Partner,People,olga.admin@example.com,manager",
    "marco.mentor@example.com,Marco Mentor,Marketing Manager,Marketing,,manager",
    "chloe.coach@example.com,Chloe Coach,Executive Coach,People,,senior",
    "maya.mentee@example.com,Maya Mentee,Marketing Associate,Sales,marco.mentor@example.com,"
    "associate",
    "uma.unrelated@example.com,Uma Unrelated,Accountant,Finance,,mid",
]


def csv(*rows: str, header: str = HEADER) -> bytes:
    return "\n".join([header, *rows]).encode()


def run(data: bytes, *, by=None, **options):
    with clock.frozen_at(NOW):
        return people_import(table=read_table(data, filename="hr.csv"), by=by, **options)


@pytest.fixture
def synced(personas):
    """The organization as imported once from HR: nobody moves on a second run."""
    run(csv(*ORG), by=personas.admin)
    RoleChange.objects.all().delete()  # the first import set managers the personas lacked
    return personas


def _with(rows: list[str], email: str, line: str) -> list[str]:
    return [line if row.startswith(email) else row for row in rows]


def test_it_reports_and_applies_joiners_and_movers(synced):
    rows = _with(ORG, "maya.mentee", "maya.mentee@example.com,Maya Mentee,Marketing Specialist,"
                 "Marketing,uma.unrelated@example.com,mid")
    rows.append("new.joiner@example.com,Nia Joiner,Designer,Marketing,marco.mentor@example.com,mid")
    report = run(csv(*rows), by=synced.admin)

    assert [p["email"] for p in report.joiners] == ["new.joiner@example.com"]
    (mover,) = report.movers
    assert mover["email"] == "maya.mentee@example.com"
    assert [(c["field"], c["old"], c["new"]) for c in mover["changes"]] == [
        ("job_title", "Marketing Associate", "Marketing Specialist"),
        ("department", "Sales", "Marketing"),
        ("manager", "marco.mentor@example.com", "uma.unrelated@example.com"),
        ("level", "associate", "mid"),
    ]
    changes = RoleChange.objects.filter(person=synced.mentee).order_by("pk")
    assert [(c.field, c.old, c.new, c.at) for c in changes] == [
        ("job_title", "Marketing Associate", "Marketing Specialist", NOW),
        ("department", "Sales", "Marketing", NOW),
        ("manager", "marco.mentor@example.com", "uma.unrelated@example.com", NOW),
        ("level", "associate", "mid", NOW),
    ]
    assert changes.get(field="level").is_promotion
    assert not changes.get(field="department").is_promotion
    assert User.objects.get(email="new.joiner@example.com").is_active
    assert report.leavers == []
    entry = AuditEntry.objects.filter(action="people.import").first()
    assert entry.details["movers"] == 1 and entry.details["role_changes"] == 4

    # The same file again: nothing moves, nothing is recorded twice.
    again = run(csv(*rows), by=synced.admin)
    assert (again.joiners, again.movers, again.leavers) == ([], [], [])
    assert RoleChange.objects.count() == 4


def test_it_records_a_move_to_a_manager_new_in_the_same_file(synced):
    rows = _with(ORG, "uma.unrelated", "uma.unrelated@example.com,Uma Unrelated,Accountant,"
                 "Finance,fin.boss@example.com,mid")
    rows.append("fin.boss@example.com,Fin Boss,Finance Director,Finance,,director")
    report = run(csv(*rows), by=synced.admin)
    assert report.movers[0]["changes"] == [
        {"field": "manager", "old": "", "new": "fin.boss@example.com", "label": "Manager"}
    ]
    synced.unrelated.profile.refresh_from_db()
    assert synced.unrelated.profile.manager.email == "fin.boss@example.com"


def test_it_ends_a_leavers_relationships_tells_the_other_side_and_deactivates(synced):
    active = relationship_request(
        program=synced.program, mentee=synced.mentee, mentor=synced.mentor, by=synced.mentee,
        now=NOW,
    )
    from mentora.relationships.services.lifecycle import relationship_accept

    relationship_accept(relationship=active, by=synced.mentor, now=NOW)
    webhook_endpoint_create(by=synced.admin, name="HR", url="https://hr.example.com/hook",
                            events=["relationship.ended"])
    OutboxMessage.objects.all().delete()
    rows = [row + ",active" for row in ORG]
    rows = _with(rows, "marco.mentor", "marco.mentor@example.com,Marco Mentor,Marketing Manager,"
                 "Marketing,,manager,terminated")
    report = run(csv(*rows, header=HEADER + ",status"), by=synced.admin)

    (leaver,) = report.leavers
    assert leaver["email"] == "marco.mentor@example.com" and leaver["relationships"] == 1
    assert "terminated" in leaver["reason"]
    active.refresh_from_db()
    assert active.status == Relationship.Status.ENDED_EARLY
    assert active.end_reason == "Marco Mentor has left the organization."
    event = active.events.get(action="end_early")
    assert event.by == synced.admin
    (email,) = OutboxMessage.objects.filter(kind="people.relationship_ended")
    assert email.recipient == synced.mentee
    assert "Marco Mentor has left" in email.subject
    synced.mentor.refresh_from_db()
    assert not synced.mentor.is_active
    assert WebhookDelivery.objects.filter(event="relationship.ended").count() == 1
    assert AuditEntry.objects.filter(action="people.import").first().details["leavers"] == 1


def test_it_declines_a_waiting_request_when_the_mentor_leaves(synced):
    waiting = relationship_request(
        program=synced.program, mentee=synced.mentee, mentor=synced.mentor, by=synced.mentee,
        now=NOW,
    )
    rows = [r + ("," if not r.startswith("marco") else ",2026-03-01") for r in ORG]
    run(csv(*rows, header=HEADER + ",end_date"), by=synced.admin)
    waiting.refresh_from_db()
    assert waiting.status == Relationship.Status.DECLINED
    assert OutboxMessage.objects.filter(
        kind="people.relationship_ended", recipient=synced.mentee
    ).exists()


def test_it_reports_everything_on_a_dry_run_and_writes_nothing(synced):
    rel = relationship_request(
        program=synced.program, mentee=synced.mentee, mentor=synced.mentor, by=synced.mentee,
        now=NOW,
    )
    rows = [r for r in ORG if not r.startswith("uma")]
    rows = _with(rows, "chloe.coach", "chloe.coach@example.com,Chloe Coach,Head of Coaching,"
                 "People,,director")
    rows.append("new.joiner@example.com,Nia Joiner,Designer,Marketing,,mid")
    rows = [r + ",2026-12-31" if r.startswith("maya") else r + "," for r in rows]
    rows = _with(rows, "marco.mentor", "marco.mentor@example.com,Marco Mentor,Marketing Manager,"
                 "Marketing,,manager,2026-02-28")
    before = (User.objects.filter(is_active=True).count(), RoleChange.objects.count())
    report = run(csv(*rows, header=HEADER + ",end_date"), by=synced.admin, dry_run=True,
                 whole_organization=True)

    assert [p["email"] for p in report.joiners] == ["new.joiner@example.com"]
    assert [p["email"] for p in report.movers] == ["chloe.coach@example.com"]
    assert [(p["email"], p["relationships"]) for p in report.leavers] == [
        ("marco.mentor@example.com", 1), ("uma.unrelated@example.com", 0)
    ]
    assert report.leavers[1]["reason"] == "Not in the HR file of the whole organization."
    assert any("leaves on 2026-12-31" in w.message for w in report.warnings)
    assert (User.objects.filter(is_active=True).count(), RoleChange.objects.count()) == before
    assert not User.objects.filter(email="new.joiner@example.com").exists()
    rel.refresh_from_db()
    assert rel.status == Relationship.Status.REQUESTED


def test_it_never_deactivates_people_missing_from_a_partial_file(synced):
    report = run(csv(ORG[4]), by=synced.admin)  # only Maya
    assert report.leavers == [] and report.not_in_file == 5
    assert "5 active people are not in the file and are left alone" in report.people_summary()
    assert User.objects.filter(is_active=True).count() == 6


def test_it_treats_people_missing_from_a_whole_organization_file_as_leavers(synced):
    superuser = User.objects.create_superuser(email="root@example.com", password="x" * 12,
                                              full_name="Root")
    rows = [r for r in ORG if not r.startswith(("uma", "olga"))]
    priya = "priya.manager@example.com,Priya Manager,L&D Partner,People,,manager"
    rows = _with(rows, "priya.manager", priya)
    report = run(csv(*rows), by=synced.admin, whole_organization=True)
    assert [p["email"] for p in report.leavers] == ["uma.unrelated@example.com"]
    assert not User.objects.get(email="uma.unrelated@example.com").is_active
    # The admin importing and other admin accounts stay, with a warning for the latter.
    assert User.objects.get(pk=synced.admin.pk).is_active
    assert User.objects.get(pk=superuser.pk).is_active
    assert any("root@example.com is not in the file" in w.message for w in report.warnings)


def test_it_warns_when_a_whole_organization_file_misses_most_people(synced):
    report = run(csv(ORG[4]), by=synced.admin, whole_organization=True, dry_run=True)
    assert any("5 of 6 active people are not in this file" in w.message for w in report.warnings)


def test_it_refuses_to_deactivate_the_admin_importing(synced):
    rows = [r + "," for r in ORG]
    rows[0] = ORG[0] + ",left"
    with pytest.raises(ImportRejected) as caught:
        run(csv(*rows, header=HEADER + ",status"), by=synced.admin)
    assert "you cannot deactivate yourself" in str(caught.value.problems[0])
    assert User.objects.get(pk=synced.admin.pk).is_active


def test_it_names_the_line_and_column_of_a_bad_status_or_end_date(synced):
    data = csv(ORG[4] + ",on sabbatical,", ORG[5] + ",,31/03/2026",
               header=HEADER + ",status,end_date")
    with pytest.raises(ImportRejected) as caught:
        run(data, by=synced.admin)
    problems = [str(p) for p in caught.value.problems]
    assert problems[0].startswith("line 2, column status: “on sabbatical” is not a status")
    assert problems[1] == (
        "line 3, column end_date: “31/03/2026” is not a date written as YYYY-MM-DD "
        "(e.g. 2026-03-31)."
    )
    assert User.objects.filter(is_active=True).count() == 6


def test_it_adds_a_leaver_new_to_mentora_as_deactivated(synced):
    report = run(csv("gone@example.com,Gone Person,,,,,left", header=HEADER + ",status"),
                 by=synced.admin)
    assert report.joiners == [] and report.leavers == []
    assert not User.objects.get(email="gone@example.com").is_active
    assert "added as deactivated" in report.warnings[0].message


# ------------------------------------------------------------------- the command line


def _call(path, *args):
    out, err = StringIO(), StringIO()
    with clock.frozen_at(NOW):
        call_command("import_people", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_the_command_needs_an_admin_to_apply_leavers_and_then_applies_them(synced, tmp_path):
    path = tmp_path / "hr.csv"
    path.write_bytes(csv(*[r for r in ORG if not r.startswith("uma")]))
    out, err = _call(path, "--whole-organization", "--dry-run")
    assert "People: 0 would join, 0 would move, 1 would leave." in out
    assert "Uma Unrelated <uma.unrelated@example.com>: Not in the HR file" in out
    assert "needs --as" in err
    with pytest.raises(CommandError, match="give --as <organization admin email>"):
        _call(path, "--whole-organization")
    assert User.objects.get(email="uma.unrelated@example.com").is_active
    with pytest.raises(CommandError, match="no active organization admin"):
        _call(path, "--whole-organization", "--as", "maya.mentee@example.com")
    out, _ = _call(path, "--whole-organization", "--as", "OLGA.admin@example.com")
    assert "People: 0 join, 0 move, 1 leave." in out
    assert not User.objects.get(email="uma.unrelated@example.com").is_active


def test_the_command_lists_movers_with_each_change(synced, tmp_path):
    path = tmp_path / "hr.csv"
    path.write_bytes(csv(*_with(ORG, "uma", "uma.unrelated@example.com,Uma Unrelated,"
                                "Senior Accountant,Finance,,senior")))
    out, _ = _call(path)
    assert (
        "  Uma Unrelated <uma.unrelated@example.com>: job_title “Accountant” → “Senior "
        "Accountant”; level “mid” → “senior”" in out.splitlines()
    )
    assert "5 active people" not in out  # everyone was in the file


# ------------------------------------------------------------------------- the page


def test_the_page_shows_joiners_movers_and_leavers_before_applying(client_for, synced):
    rel = relationship_request(
        program=synced.program, mentee=synced.mentee, mentor=synced.mentor, by=synced.mentee,
        now=NOW - timedelta(days=1),
    )
    rows = [r for r in ORG if not r.startswith("marco")]
    rows = _with(rows, "chloe.coach", "chloe.coach@example.com,Chloe Coach,Head of Coaching,"
                 "People,,director")
    upload = SimpleUploadedFile("hr.csv", csv(*rows))
    client = client_for(synced.admin)
    with clock.frozen_at(NOW):
        page = client.post("/people/import/", {"file": upload, "whole_organization": "on"})
    html = page.content.decode()
    assert "Would leave" in html and "Movers (1)" in html and "Leavers (1)" in html
    assert "Job title: “Executive Coach” → “Head of Coaching”" in html
    assert "Importing will deactivate 1 person and end 1 live relationship" in html
    assert User.objects.get(pk=synced.mentor.pk).is_active
    kept = ImportUpload.objects.get(owner=synced.admin)
    with clock.frozen_at(NOW):
        done = client.post("/people/import/", {"action": "import", "token": kept.token,
                                               "checked": kept.checked_fingerprint})
    assert "1 person was deactivated and 1 live relationship ended" in done.content.decode()
    rel.refresh_from_db()
    assert rel.status == Relationship.Status.DECLINED
    assert not User.objects.get(pk=synced.mentor.pk).is_active


def test_the_page_leaves_people_alone_without_the_whole_organization_box(client_for, synced):
    upload = SimpleUploadedFile("hr.csv", csv(ORG[4]))
    page = client_for(synced.admin).post("/people/import/", {"file": upload})
    html = page.content.decode()
    assert "5 active people are not in this file and are left alone" in html
    assert User.objects.filter(is_active=True).count() == 6
