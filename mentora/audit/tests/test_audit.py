"""The audit log: recording administrative actions, and reading them as an organization admin."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.urls import reverse

from mentora.accounts.services import api_token_create, user_set_org_admin
from mentora.audit.models import AuditEntry
from mentora.audit.services import audit_record
from mentora.lib import clock
from mentora.lib.tabular import read_table
from mentora.people.importing import people_import
from mentora.programs.services import program_set_managers

pytestmark = pytest.mark.django_db

API = "/api/v1/audit/entries"
PERSONAS = ["mentee", "mentor", "coach", "manager", "admin", "unrelated", "anonymous"]


def test_it_records_an_action_with_actor_target_and_details(personas):
    with clock.frozen_at(datetime(2030, 1, 6, 10, tzinfo=UTC)):
        entry = audit_record(
            actor=personas.admin,
            action="matching.publish",
            target_type="programs.program",
            target_id=personas.program.pk,
            details={"pairs": 12, "on": datetime(2030, 1, 6, tzinfo=UTC).date()},
        )
    entry.refresh_from_db()
    assert entry.actor == personas.admin and entry.target_id == str(personas.program.pk)
    assert entry.details == {"pairs": 12, "on": "2030-01-06"}
    assert entry.at == datetime(2030, 1, 6, 10, tzinfo=UTC)
    assert entry.action_label == "Published matches"


def test_it_refuses_an_action_nobody_listed(personas):
    with pytest.raises(ValueError, match="add it to mentora.audit.models.ACTIONS"):
        audit_record(actor=None, action="made.up", target_type="x.y", target_id=1)


def test_it_records_the_command_line_as_no_actor(personas):
    entry = audit_record(
        actor=personas.anonymous,
        action="people.import",
        target_type="accounts.user",
        target_id=None,
    )
    assert entry.actor is None and entry.target_id == ""


def test_it_records_a_people_import_with_its_counts(personas):
    table = read_table(b"email,full_name\nkim@example.com,Kim Lee\n", filename="people.csv")
    people_import(table=table, by=personas.admin)
    entry = AuditEntry.objects.for_action("people.import").get()
    assert entry.actor == personas.admin
    assert {k: entry.details[k] for k in ("rows", "created", "updated")} == {
        "rows": 1,
        "created": 1,
        "updated": 0,
    }


def test_it_does_not_record_a_dry_run_or_an_import_that_changed_nothing(personas):
    table = read_table(b"email,full_name\nkim@example.com,Kim Lee\n", filename="people.csv")
    people_import(table=table, by=personas.admin, dry_run=True)
    assert not AuditEntry.objects.exists()
    people_import(table=table, by=personas.admin)
    people_import(table=table, by=personas.admin)
    assert AuditEntry.objects.for_action("people.import").count() == 1


def test_it_records_who_changed_a_programs_managers(personas):
    program_set_managers(
        program=personas.program,
        by=personas.manager,
        emails=["priya.manager@example.com", "olga.admin@example.com"],
    )
    entry = AuditEntry.objects.for_target("programs.program", personas.program.pk).get()
    assert entry.action == "program.managers_set" and entry.actor == personas.manager
    assert entry.details["added"] == [personas.admin.pk] and entry.details["removed"] == []


def test_it_records_granting_and_revoking_organization_admin(personas):
    user_set_org_admin(user=personas.manager, is_org_admin=True, by=personas.admin)
    user_set_org_admin(user=personas.manager, is_org_admin=False, by=personas.admin)
    actions = list(
        AuditEntry.objects.for_target("accounts.user", personas.manager.pk)
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == ["user.org_admin_grant", "user.org_admin_revoke"]


def test_it_records_token_creation_without_the_key(personas):
    token, key = api_token_create(user=personas.mentee, name="cron", scope="read")
    entry = AuditEntry.objects.for_action("token.create").get()
    assert entry.actor == personas.mentee and entry.target_id == str(token.pk)
    assert key not in str(entry.details) and entry.details["scope"] == "read"


@pytest.mark.parametrize(
    "persona, expected",
    [(p, {"admin": 200, "anonymous": 302}.get(p, 403)) for p in PERSONAS],
)
def test_it_shows_the_audit_page_to_organization_admins_only(
    personas, client_for, persona, expected
):
    response = client_for(personas.all()[persona]).get(reverse("audit:list"))
    assert response.status_code == expected


@pytest.mark.parametrize(
    "persona, expected",
    [(p, {"admin": 200, "anonymous": 401}.get(p, 403)) for p in PERSONAS],
)
def test_it_serves_the_audit_api_to_organization_admins_only(
    personas, client_for, persona, expected
):
    assert client_for(personas.all()[persona]).get(API).status_code == expected


def _entries(personas, n):
    for i in range(n):
        audit_record(
            actor=personas.admin if i % 2 else personas.manager,
            action="token.create" if i % 3 else "people.import",
            target_type="accounts.user",
            target_id=i,
            details={"i": i},
        )


def test_it_filters_the_api_by_action_and_actor(personas, client_for):
    _entries(personas, 9)
    client = client_for(personas.admin)
    body = client.get(API, {"action": "people.import"}).json()
    assert body["count"] == 3 and {e["action"] for e in body["items"]} == {"people.import"}
    body = client.get(API, {"actor": "priya"}).json()
    assert body["count"] == 5
    assert all(e["actor"]["email"] == "priya.manager@example.com" for e in body["items"])


def test_it_names_a_bad_filter(personas, client_for):
    response = client_for(personas.admin).get(API, {"action": "nope"})
    assert response.status_code == 422 and response.json()["field"] == "action"


def test_it_filters_the_page_by_date(personas, client_for):
    with clock.frozen_at(datetime(2030, 1, 1, tzinfo=UTC)):
        audit_record(actor=None, action="people.import", target_type="accounts.user", target_id=1)
    with clock.frozen_at(datetime(2030, 2, 1, tzinfo=UTC)):
        audit_record(actor=None, action="token.create", target_type="accounts.user", target_id=2)
    page = client_for(personas.admin).get(reverse("audit:list"), {"since": "2030-01-15"})
    assert page.context["page"].paginator.count == 1
    bad = client_for(personas.admin).get(
        reverse("audit:list"), {"since": "2030-02-01", "until": "2030-01-01"}
    )
    assert "“Until” must be on or after “From”." in bad.content.decode()


def test_it_lists_the_api_in_constant_queries(personas, client_for, django_assert_num_queries):
    client = client_for(personas.admin)
    _entries(personas, 3)
    client.get(API)  # warm the session
    with django_assert_num_queries(5):  # session, user, count, page, people named
        assert client.get(API).json()["count"] == 3
    _entries(personas, 40)
    with django_assert_num_queries(5):
        assert client.get(API).json()["count"] == 43


def test_it_lists_the_page_in_constant_queries(personas, client_for, django_assert_num_queries):
    client = client_for(personas.admin)
    _entries(personas, 3)
    client.get(reverse("audit:list"))
    # session, user, nav (mentors?), program choices, count, page, people named
    with django_assert_num_queries(7) as small:
        client.get(reverse("audit:list"))
    _entries(personas, 60)
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(reverse("audit:list"))
    assert "Page 1 of 2" in response.content.decode()
