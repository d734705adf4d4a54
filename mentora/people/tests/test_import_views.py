"""The import page: only organization admins, summary or located problems, htmx partial."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.shortcuts import resolve_url
from django.urls import reverse

from mentora.accounts.models import User
from mentora.lib import clock
from mentora.notifications.models import OutboxMessage
from mentora.people.import_mapping import import_settings, level_map_save
from mentora.people.import_models import ImportUpload

pytestmark = pytest.mark.django_db

FIXTURES = Path(settings.BASE_DIR) / "tests" / "fixtures" / "import"
URL = "/people/import/"
SETTINGS_URL = "/people/import/settings/"


def upload(name: str, content: bytes | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content or (FIXTURES / name).read_bytes())


def test_it_is_registered_where_the_organization_page_links_to():
    assert reverse("people:import") == URL


@pytest.mark.parametrize("persona", ["mentee", "mentor", "coach", "manager", "unrelated"])
def test_it_forbids_everyone_but_organization_admins(client_for, personas, persona):
    client = client_for(getattr(personas, persona))

    assert client.get(URL).status_code == 403
    assert client.post(URL, {"file": upload("people.csv")}).status_code == 403
    assert not User.objects.filter(email="ana.ruiz@example.com").exists()


def test_it_sends_anonymous_visitors_to_sign_in(client_for, personas):
    response = client_for(personas.anonymous).post(URL, {"file": upload("people.csv")})

    assert response.status_code == 302
    assert response["Location"] == f"{resolve_url(settings.LOGIN_URL)}?next={URL}"
    assert not User.objects.filter(email="ana.ruiz@example.com").exists()


def test_it_shows_organization_admins_the_upload_form(
    client_for, personas, django_assert_max_num_queries
):
    client = client_for(personas.admin)
    with django_assert_max_num_queries(7):
        response = client.get(URL)

    page = response.content.decode()
    assert response.status_code == 200
    assert '<label for="id_file">' in page
    assert "Upload and check" in page
    assert "dry_run" not in page  # no "Check only" box to forget: every upload is checked first


def kept(admin: User) -> ImportUpload:
    return ImportUpload.objects.get(owner=admin)


def confirm(client, admin: User, **extra):
    upload = kept(admin)
    return client.post(
        URL, {"action": "import", "token": upload.token, "checked": upload.checked_fingerprint,
              **extra}
    )


def test_it_checks_the_upload_then_imports_the_same_file(client_for, personas):
    client = client_for(personas.admin)
    response = client.post(URL, {"file": upload("people.xlsx")})

    page = response.content.decode()
    assert "The file is ready to import" in page
    assert '<th scope="row">Would be added</th><td>4</td>' in page
    assert "Import these 4 people" in page
    assert not User.objects.filter(email="ana.ruiz@example.com").exists()

    done = confirm(client, personas.admin).content.decode()
    assert "Import complete" in done
    assert '<th scope="row">Added</th><td>4</td>' in done
    assert User.objects.filter(email="ana.ruiz@example.com").exists()
    assert not ImportUpload.objects.exists()


def test_program_staff_import_an_hr_export_from_the_programs_page(client_for, personas):
    """Priya runs programs (program staff) and onboards each cohort herself (issue 17)."""
    staff = personas.manager
    staff.is_program_staff = True
    staff.save(update_fields=["is_program_staff"])
    client = client_for(staff)

    programs = client.get(reverse("programs:list")).content.decode()
    assert f'href="{URL}"' in programs and "Import people from an HR export" in programs
    checked = client.post(URL, {"file": upload("people.xlsx")}).content.decode()
    assert "Import these 4 people" in checked
    assert "Import complete" in confirm(client, staff).content.decode()
    assert User.objects.filter(email="ana.ruiz@example.com").exists()


def test_a_program_manager_without_program_staff_sees_no_import(client_for, personas):
    client = client_for(personas.manager)
    assert "Import people from an HR export" not in client.get(
        reverse("programs:list")).content.decode()
    assert client.get(URL).status_code == 403


def test_it_lists_every_problem_with_line_and_column_and_writes_nothing(client_for, personas):
    response = client_for(personas.admin).post(URL, {"file": upload("people_bad.csv")})

    page = response.content.decode()
    assert "Nothing was imported" in page
    assert "The file has 6 problems; nothing was imported." in page
    assert (
        "<tr><td>4</td><td>timezone</td><td>“Mars/Olympus” is not an IANA time zone" in page
    )
    assert page.count("<tr><td>") == 6
    assert "id=\"import-confirm\"" not in page
    assert not User.objects.filter(email="ana.ruiz@example.com").exists()


def test_it_explains_a_file_it_cannot_read(client_for, personas):
    client = client_for(personas.admin)

    page = client.post(URL, {"file": upload("people.csv", "é".encode("latin-1"))}).content
    assert "The file is not UTF-8 text." in page.decode()
    page = client.post(URL, {"file": upload("people.pdf", b"%PDF-1.4")}).content
    assert "Upload a .csv or .xlsx file." in page.decode()
    page = client.post(URL, {}).content
    assert "Choose a CSV or .xlsx file to upload." in page.decode()


def test_it_answers_htmx_with_only_the_result(client_for, personas):
    response = client_for(personas.admin).post(
        URL, {"file": upload("people.csv")}, HTTP_HX_REQUEST="true"
    )

    page = response.content.decode()
    assert "<html" not in page
    assert "The file is ready to import" in page


HR = (
    b"Work Email,First Name,Last Name,Employee ID,Manager Email,Job Level,Cost Centre\n"
    b"olga.boss@example.com,Olga,Boss,E100,,10,CC1\n"
    b"ana.hr@example.com,Ana,Ruiz,E101,olga.boss@example.com,8,CC1\n"
    b"ben.hr@example.com,Ben,Ode,E102,olga.boss@example.com,8,CC2\n"
)


def test_it_reads_an_hr_export_after_the_admin_maps_its_levels_once(client_for, personas):
    client = client_for(personas.admin)
    page = client.post(URL, {"file": upload("hr.csv", HR)}).content.decode()

    assert "“10” is not in your level table yet" in page
    assert "<td>3</td><td>Job Level</td>" in page  # the file's own header names the column
    assert "“8” (2 rows)" in page
    assert "“Cost Centre”" in page  # offered for mapping
    upload_ = kept(personas.admin)
    page = client.post(URL, {
        "action": "map", "token": upload_.token,
        "level_value": ["10", "8"], "level_choice": ["director", "senior"],
        "column_header": ["Cost Centre"], "column_choice": [""],
    }).content.decode()
    assert "The file is ready to import" in page
    assert import_settings().level_map == {"10": "director", "8": "senior"}
    assert import_settings().column_map == {"cost_centre": ""}

    confirm(client, personas.admin)
    ana = User.objects.select_related("profile").get(email="ana.hr@example.com")
    assert ana.full_name == "Ana Ruiz"
    assert ana.profile.level == "senior"
    assert ana.profile.employee_id == "E101"
    assert ana.profile.manager.email == "olga.boss@example.com"

    # Next time the same headers and levels go straight through.
    client.post(URL, {"file": upload("hr.csv", HR)})
    assert kept(personas.admin).checked_fingerprint


def test_it_refuses_an_upload_whose_settings_changed_since_the_check(client_for, personas):
    client = client_for(personas.admin)
    client.post(URL, {"file": upload("people.csv")})
    level_map_save(levels={"band 3": "mid"}, by=personas.admin)

    page = confirm(client, personas.admin).content.decode()
    assert "changed since the check; check the file again" in page
    assert not User.objects.filter(email="ana.ruiz@example.com").exists()


def test_it_keeps_an_upload_for_its_admin_only(client_for, personas):
    client_for(personas.admin).post(URL, {"file": upload("people.csv")})
    other = User.objects.create_user(email="second.admin@example.com", password="x" * 12,
                                     full_name="Second Admin", is_org_admin=True)
    upload_ = kept(personas.admin)

    page = client_for(other).post(URL, {"action": "import", "token": upload_.token,
                                        "checked": upload_.checked_fingerprint}).content.decode()
    assert "That upload is no longer kept" in page
    assert not User.objects.filter(email="ana.ruiz@example.com").exists()


def test_it_forgets_an_upload_after_an_hour(client_for, personas):
    client = client_for(personas.admin)
    client.post(URL, {"file": upload("people.csv")})
    upload_ = kept(personas.admin)
    with clock.frozen_at(upload_.expires_at + timedelta(seconds=1)):
        page = confirm(client, personas.admin).content.decode()
    assert "Upload the file again" in page
    assert not User.objects.filter(email="ana.ruiz@example.com").exists()


def test_it_invites_new_people_with_the_admins_welcome_text(client_for, personas):
    client = client_for(personas.admin)
    client.post(URL, {"file": upload("people.csv")})

    page = confirm(client, personas.admin, invite="on",
                   welcome_text="Welcome to Acme's mentoring!").content.decode()
    assert "4 invitations will be emailed" in page
    mails = OutboxMessage.objects.filter(kind="people.invitation")
    assert mails.count() == 4
    mail = mails.get(to_email="ana.ruiz@example.com")
    assert "Welcome to Acme's mentoring!" in mail.body
    assert "/accounts/reset/" in mail.body
    assert mail.subject.startswith(f"{personas.admin.full_name} invites you to ")
    assert "Set your password" in mail.html_body
    assert import_settings().welcome_text == "Welcome to Acme's mentoring!"


def test_it_sends_no_invitation_unless_asked(client_for, personas):
    client = client_for(personas.admin)
    client.post(URL, {"file": upload("people.csv")})
    confirm(client, personas.admin)
    assert not OutboxMessage.objects.filter(kind="people.invitation").exists()


@pytest.mark.parametrize("persona", ["mentee", "manager"])
def test_it_keeps_the_import_settings_to_organization_admins(client_for, personas, persona):
    client = client_for(getattr(personas, persona))
    assert client.get(SETTINGS_URL).status_code == 403
    data = {"level_value": "8", "level_choice": "senior"}
    assert client.post(SETTINGS_URL, data).status_code == 403
    assert import_settings().level_map == {}


def test_it_saves_the_level_table_from_the_settings_page(client_for, personas):
    client = client_for(personas.admin)
    assert client.get(SETTINGS_URL).status_code == 200
    response = client.post(SETTINGS_URL, {
        "level_value": ["L5", " Band 3 ", ""], "level_choice": ["senior", "mid", ""],
        "welcome_text": "Hello!",
    })
    assert response.status_code == 302
    assert import_settings().level_map == {"l5": "senior", "band 3": "mid"}
    assert import_settings().welcome_text == "Hello!"
    page = client.post(SETTINGS_URL, {"level_value": ["9"], "level_choice": ["wizard"]})
    assert "“wizard” is not a Mentora level" in page.content.decode()
