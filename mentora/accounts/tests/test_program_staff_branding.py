"""Org admins make people program staff (page, API, HR import) and set the organization's look."""

from __future__ import annotations

import base64

import pytest
from django.urls import reverse

from mentora.accounts.branding import branding_look, branding_update, contrast_ratio
from mentora.accounts.models import User
from mentora.audit.models import AuditEntry
from mentora.lib.errors import DomainError
from mentora.lib.tabular import read_table
from mentora.people.importing import people_import

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def test_it_lets_an_org_admin_make_someone_program_staff_from_the_page(personas, client_for):
    client = client_for(personas.admin)
    response = client.post(reverse("accounts:program_staff"), {"email": personas.manager.email})
    assert response.url == reverse("accounts:program_staff")
    assert User.objects.get(pk=personas.manager.pk).is_program_staff
    page = client.get(reverse("accounts:program_staff")).content.decode()
    assert "Priya Manager" in page and "1 person is program staff" in page
    client.post(reverse("accounts:program_staff_remove", args=[personas.manager.pk]))
    assert not User.objects.get(pk=personas.manager.pk).is_program_staff
    assert [e.action for e in AuditEntry.objects.order_by("pk")] == [
        "user.program_staff_grant",
        "user.program_staff_revoke",
    ]


def test_it_names_the_field_for_an_unknown_email(personas, client_for):
    response = client_for(personas.admin).post(
        reverse("accounts:program_staff"), {"email": "nobody@example.com"}
    )
    assert response.status_code == 200
    assert "No one in Mentora has the email nobody@example.com" in response.content.decode()


@pytest.mark.parametrize("persona", ["manager", "mentee", "unrelated"])
def test_it_refuses_the_staff_page_to_everyone_but_org_admins(personas, client_for, persona):
    client = client_for(getattr(personas, persona))
    assert client.get(reverse("accounts:program_staff")).status_code == 403
    response = client.post(reverse("accounts:program_staff"), {"email": personas.unrelated.email})
    assert response.status_code == 403
    assert not User.objects.get(pk=personas.unrelated.pk).is_program_staff


def test_it_sets_program_staff_through_the_api(personas, client, api_token_for):
    url = f"/api/v1/accounts/people/{personas.manager.pk}/program-staff"
    headers = api_token_for(personas.admin)
    response = client.put(url, {"program_staff": True}, content_type="application/json", **headers)
    assert response.status_code == 200, response.content
    listed = client.get("/api/v1/accounts/program-staff", **headers).json()
    assert [p["email"] for p in listed["items"]] == [personas.manager.email]
    me = client.get("/api/v1/accounts/me", **api_token_for(personas.manager)).json()
    assert "program_staff" in me["roles"]
    refused = client.put(
        url, {"program_staff": False}, content_type="application/json",
        **api_token_for(personas.manager),
    )
    assert refused.status_code == 403


def test_it_sets_program_staff_from_an_hr_import_column(personas):
    table = read_table(
        (
            "email,full_name,program_staff\n"
            f"{personas.manager.email},Priya Manager,yes\n"
            f"{personas.unrelated.email},Uma Unrelated,\n"
        ).encode(),
        filename="people.csv",
    )
    people_import(table=table, by=personas.admin)
    assert User.objects.get(pk=personas.manager.pk).is_program_staff
    assert not User.objects.get(pk=personas.unrelated.pk).is_program_staff
    entry = AuditEntry.objects.get(action="user.program_staff_grant")
    assert entry.actor == personas.admin


def test_it_rejects_a_program_staff_cell_that_is_not_yes_or_no(personas):
    from mentora.lib.tabular import ImportRejected

    table = read_table(
        f"email,full_name,program_staff\n{personas.manager.email},Priya Manager,maybe\n".encode(),
        filename="people.csv",
    )
    with pytest.raises(ImportRejected) as exc:
        people_import(table=table, by=personas.admin)
    problem = exc.value.problems[0]
    assert problem.line == 2 and "not yes or no" in problem.message
    assert not User.objects.get(pk=personas.manager.pk).is_program_staff


def test_it_refuses_an_accent_colour_with_too_little_contrast(personas):
    with pytest.raises(DomainError) as exc:
        branding_update(by=personas.admin, accent_colour="#ffd700")
    assert exc.value.field == "accent_colour" and "too light" in exc.value.message
    with pytest.raises(DomainError):
        branding_update(by=personas.admin, accent_colour="blue")
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)


def test_it_shows_the_organization_name_logo_and_colour_on_every_page(personas, client_for):
    client = client_for(personas.admin)
    response = client.post(
        reverse("accounts:branding"),
        {"name": "Acme Corp", "accent_colour": "#0b5f3a"},
    )
    # "#0b5f3a": a dark green, readable with white text.
    assert response.status_code == 302, response.content.decode()[:2000]
    look = branding_look()
    assert look.name == "Acme Corp" and look.accent == "#0b5f3a"
    page = client_for(personas.mentee).get(reverse("programs:list")).content.decode()
    assert "--accent: #0b5f3a" in page and "Acme Corp" in page
    branding_update(by=personas.admin, logo=PNG)
    logo = client.get(reverse("accounts:branding_logo"))
    assert logo.status_code == 200 and logo["Content-Type"] == "image/png"
    assert "brand-logo" in client.get(reverse("home")).content.decode()


def test_it_refuses_a_logo_that_is_not_an_image(personas, client_for, client, api_token_for):
    with pytest.raises(DomainError) as exc:
        branding_update(by=personas.admin, logo=b"<svg onload=alert(1)>")
    assert exc.value.field == "logo"
    response = client.patch(
        "/api/v1/accounts/branding",
        {"logo_base64": base64.b64encode(b"GIF89a").decode()},
        content_type="application/json",
        **api_token_for(personas.admin),
    )
    assert response.status_code == 422
    assert "logo_base64" in response.content.decode()


def test_it_changes_branding_through_the_api_for_admins_only(personas, client, api_token_for):
    logo = base64.b64encode(PNG).decode()
    body = {"name": "Acme", "accent_colour": "#1d4ed8", "logo_base64": logo}
    refused = client.patch(
        "/api/v1/accounts/branding", body, content_type="application/json",
        **api_token_for(personas.manager),
    )
    assert refused.status_code == 403
    response = client.patch(
        "/api/v1/accounts/branding", body, content_type="application/json",
        **api_token_for(personas.admin),
    )
    assert response.status_code == 200, response.content
    got = client.get("/api/v1/accounts/branding", **api_token_for(personas.mentee)).json()
    assert got["name"] == "Acme" and got["accent_colour"] == "#1d4ed8"
    assert got["logo_url"].startswith("http")
    assert AuditEntry.objects.filter(action="branding.update").count() == 1
