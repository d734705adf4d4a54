"""The import page: only organization admins, summary or located problems, htmx partial."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.shortcuts import resolve_url
from django.urls import reverse

from mentora.accounts.models import User

pytestmark = pytest.mark.django_db

FIXTURES = Path(settings.BASE_DIR) / "tests" / "fixtures" / "import"
URL = "/people/import/"


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
    with django_assert_max_num_queries(6):
        response = client.get(URL)

    page = response.content.decode()
    assert response.status_code == 200
    assert '<label for="id_file">' in page
    assert 'name="dry_run" id="id_dry_run"\n           checked' in page


def test_it_imports_the_file_and_shows_what_changed(client_for, personas):
    response = client_for(personas.admin).post(URL, {"file": upload("people.xlsx")})

    page = response.content.decode()
    assert "Import complete" in page
    assert '<th scope="row">Added</th><td>4</td>' in page
    assert User.objects.filter(email="ana.ruiz@example.com").exists()


def test_it_checks_only_when_asked_and_writes_nothing(client_for, personas):
    response = client_for(personas.admin).post(
        URL, {"file": upload("people.csv"), "dry_run": "on"}
    )

    page = response.content.decode()
    assert "The file is ready to import" in page
    assert '<th scope="row">Would be added</th><td>4</td>' in page
    assert not User.objects.filter(email="ana.ruiz@example.com").exists()


def test_it_lists_every_problem_with_line_and_column_and_writes_nothing(client_for, personas):
    response = client_for(personas.admin).post(URL, {"file": upload("people_bad.csv")})

    page = response.content.decode()
    assert "Nothing was imported" in page
    assert "The file has 6 problems; nothing was imported." in page
    assert (
        "<tr><td>4</td><td>timezone</td><td>“Mars/Olympus” is not an IANA time zone" in page
    )
    assert page.count("<tr><td>") == 6
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
        URL, {"file": upload("people.csv"), "dry_run": "on"}, HTTP_HX_REQUEST="true"
    )

    page = response.content.decode()
    assert "<html" not in page
    assert "The file is ready to import" in page
