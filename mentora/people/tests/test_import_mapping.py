"""Reading an HR system's own headers and levels: recognised names, the saved mapping, the
level table, managers by employee number; the API and the command line use the same."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from mentora.accounts.models import User
from mentora.audit.models import AuditEntry
from mentora.lib.tabular import ImportRejected, read_table
from mentora.notifications.models import OutboxMessage
from mentora.people.import_mapping import (
    column_map_save,
    import_settings,
    level_map_save,
    map_table,
    people_import_mapped,
)
from mentora.people.models import Profile, RoleChange

pytestmark = pytest.mark.django_db

HR = (
    "Work Email,First Name,Last Name,Employee ID,Manager ID,Job Level,Dept,Hire Date,Time Zone\n"
    "olga.boss@example.com,Olga,Boss,E100,,10,People,2015-04-01,Europe/Berlin\n"
    "ana.hr@example.com,Ana,Ruiz,E101,E100,8,People,2021-09-15,Europe/Madrid\n"
    "ben.hr@example.com,Ben,Ode,E102,e100,L5,Sales,,\n"
)


def table(text: str = HR):
    return read_table(text.encode(), filename="hr.csv")


def test_it_recognises_common_hris_headers():
    mapping = map_table(table())

    assert [(h, c) for h, c, _ in mapping.recognised] == [
        ("Work Email", "email"), ("First Name", "first_name"), ("Last Name", "last_name"),
        ("Employee ID", "employee_id"), ("Manager ID", "manager_id"), ("Job Level", "level"),
        ("Dept", "department"), ("Hire Date", "hire_date"), ("Time Zone", "timezone"),
    ]
    first = mapping.table.rows[1].cells
    assert first["full_name"] == "Ana Ruiz"
    assert first["manager_email"] == "olga.boss@example.com"  # found by employee number


def test_it_reads_levels_through_the_level_table(personas):
    level_map_save(levels={"10": "director", "8": "senior", "l5": "senior"}, by=personas.admin)

    result = people_import_mapped(table=table(), by=personas.admin)

    assert result.report.created == 3
    ana = Profile.objects.get(user__email="ana.hr@example.com")
    assert (ana.level, ana.employee_id, str(ana.hire_date)) == ("senior", "E101", "2021-09-15")
    assert ana.manager.email == "olga.boss@example.com"
    assert Profile.objects.get(user__email="ben.hr@example.com").manager.email == (
        "olga.boss@example.com"
    )
    assert AuditEntry.objects.filter(action="people.import_levels").exists()


def test_it_lists_unknown_levels_with_the_files_own_header_and_writes_nothing(personas):
    with pytest.raises(ImportRejected) as caught:
        people_import_mapped(table=table(), by=personas.admin)

    problems = [(p.line, p.column) for p in caught.value.problems]
    assert problems == [(2, "Job Level"), (3, "Job Level"), (4, "Job Level")]
    assert caught.value.mapping.unknown_levels == {"10": 1, "8": 1, "L5": 1}
    assert not User.objects.filter(email="ana.hr@example.com").exists()


def test_it_names_the_files_headers_in_the_importers_problems(personas):
    level_map_save(levels={"10": "director", "8": "senior", "l5": "senior"}, by=personas.admin)
    bad = HR.replace("Europe/Madrid", "Mars/Olympus").replace("E100,,", "E100,E999,")

    with pytest.raises(ImportRejected) as caught:
        people_import_mapped(table=table(bad), by=personas.admin)

    found = {(p.line, p.column, p.message.split(";")[0]) for p in caught.value.problems}
    assert (2, "Manager ID", "no one with the employee number “E999” is in this file or in "
            "Mentora.") in found
    assert any(line == 3 and column == "Time Zone" for line, column, _ in found)


def test_it_uses_the_saved_column_mapping(personas):
    column_map_save(choices={"Courriel pro": "email", "Nom complet": "full_name",
                             "Matricule paie": ""}, by=personas.admin)
    text = "Courriel pro,Nom complet,Matricule paie\nzoe@example.com,Zoé Martin,123\n"

    mapping = map_table(table(text))
    assert [(h, c, how) for h, c, how in mapping.recognised] == [
        ("Courriel pro", "email", "saved"), ("Nom complet", "full_name", "saved"),
    ]
    assert mapping.ignored == []
    people_import_mapped(table=table(text), by=personas.admin)
    assert User.objects.get(email="zoe@example.com").full_name == "Zoé Martin"


def test_it_refuses_a_level_table_entry_that_is_not_a_mentora_level(personas):
    from mentora.lib.errors import DomainError

    with pytest.raises(DomainError, match="“wizard” is not a Mentora level"):
        level_map_save(levels={"9": "wizard"}, by=personas.admin)
    with pytest.raises(DomainError, match="Only organization admins"):
        level_map_save(levels={"9": "senior"}, by=personas.manager)


def test_it_records_leavers_for_career_movement(personas):
    people_import_mapped(
        table=table(f"email,full_name,status\n{personas.unrelated.email},Ulla,left\n"),
        by=personas.admin,
    )
    assert RoleChange.objects.filter(person=personas.unrelated, field="status", new="left").exists()


# --- the API ---------------------------------------------------------------------------


def put(client, body, headers):
    return client.put("/api/v1/people/import/settings", data=json.dumps(body),
                      content_type="application/json", **headers)


def test_it_reads_api_levels_through_the_level_table(personas, client, api_token_for):
    headers = api_token_for(personas.admin)
    response = put(client, {"levels": {"Band 3": "mid"}, "welcome_text": "Hi!"}, headers)
    assert response.status_code == 200, response.content
    assert response.json()["levels"] == {"band 3": "mid"}

    body = {"people": [{"email": "zoe@example.com", "full_name": "Zoé", "level": "band 3",
                        "employee_id": "E7"}], "invite": True}
    response = client.post("/api/v1/people/import", data=json.dumps(body),
                           content_type="application/json", **headers)
    assert response.status_code == 200, response.content
    assert response.json()["invited"] == 1
    assert Profile.objects.get(user__email="zoe@example.com").level == "mid"
    assert "Hi!" in OutboxMessage.objects.get(kind="people.invitation").body

    body = {"people": [{"email": "yan@example.com", "full_name": "Yan", "level": "Band 9"}]}
    response = client.post("/api/v1/people/import", data=json.dumps(body),
                           content_type="application/json", **headers)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "people.0.level"


def test_it_answers_bad_import_settings_with_the_field(personas, client, api_token_for):
    response = put(client, {"levels": {"9": "wizard"}}, api_token_for(personas.admin))
    assert response.status_code == 422
    assert response.json()["field"] == "levels"


@pytest.mark.parametrize("persona", ["mentee", "manager"])
def test_it_keeps_import_settings_to_admins_over_the_api(personas, client, api_token_for,
                                                         persona):
    headers = api_token_for(getattr(personas, persona))
    assert client.get("/api/v1/people/import/settings", **headers).status_code == 403
    assert put(client, {"levels": {"9": "senior"}}, headers).status_code == 403
    assert import_settings().level_map == {}


# --- the command line ------------------------------------------------------------------


def test_it_imports_an_hr_export_from_the_command_line_with_the_level_table(personas, tmp_path):
    level_map_save(levels={"10": "director", "8": "senior", "l5": "senior"}, by=personas.admin)
    path = tmp_path / "hr.csv"
    path.write_text(HR)
    out = StringIO()

    call_command("import_people", str(path), "--as", personas.admin.email, "--invite",
                 stdout=out, stderr=StringIO())

    assert "3 rows: 3 were created" in out.getvalue()
    assert "3 invitations queued." in out.getvalue()
    assert Profile.objects.get(user__email="olga.boss@example.com").level == "director"


def test_it_lists_unknown_levels_on_the_command_line(tmp_path):
    path = tmp_path / "hr.csv"
    path.write_text(HR)
    err = StringIO()
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_people", str(path), stdout=StringIO(), stderr=err)
    assert "line 3, column Job Level: “8” is not in your level table yet" in err.getvalue()
