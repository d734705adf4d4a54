"""Olga imports an HR export as her HR system writes it — "Work Email, First Name, Last Name,
Employee ID, Manager Email, Job Level" with numeric and company grades — in a real browser:
the check names the grades it does not know, she maps them once, the same upload is checked
again and imported, and the new people are invited. Screenshots at 1280 and 390 px."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from mentora.accounts.models import User
from mentora.notifications.models import OutboxMessage
from mentora.people.import_mapping import import_settings
from mentora.testing import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HR_EXPORT = (
    "Work Email,First Name,Last Name,Employee ID,Manager Email,Job Level,Cost Center\n"
    "nina.novak@example.com,Nina,Novak,E201,,8,CC-10\n"
    "omar.ode@example.com,Omar,Ode,E202,nina.novak@example.com,L5,CC-10\n"
    "pia.park@example.com,Pia,Park,E203,nina.novak@example.com,8,CC-20\n"
)


def sign_in(page, email):
    page.set_default_timeout(60_000)  # a shared, busy machine: the first page compiles templates
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()


def test_olga_maps_real_world_headers_and_grades_then_imports_the_same_upload(
    page, shot, personas, tmp_path
):
    export = tmp_path / "workday-export.csv"
    export.write_text(HR_EXPORT, encoding="utf-8")
    sign_in(page, personas.admin.email)
    page.goto("/people/import/")
    expect(page.get_by_role("heading", name="Import people", level=1)).to_be_visible()
    shot("import-page")

    page.get_by_label("File from your HR system").set_input_files(export)
    page.get_by_role("button", name="Upload and check").click()
    # The headers are read; the grades are not known yet: nothing is imported.
    expect(page.get_by_role("alert")).to_contain_text(
        "Your file uses 2 levels Mentora does not know yet. Choose what each one means below")
    problems = page.get_by_role("table", name="Problems to fix, in file order")
    expect(problems).to_contain_text("Job Level")
    mapping = page.locator("#import-mapping")
    expect(mapping.get_by_role("heading", name="Tell Mentora what your file means")).to_be_visible()
    expect(mapping.get_by_label("“8” (2 rows)")).to_be_visible()
    expect(mapping.get_by_label("“L5” (1 row)")).to_be_visible()
    expect(mapping.get_by_label("“Cost Center”")).to_have_value("")  # ignored unless mapped
    assert not User.objects.filter(email="nina.novak@example.com").exists()
    shot("grades-to-map")

    mapping.get_by_label("“8” (2 rows)").select_option(label="Senior")
    mapping.get_by_label("“L5” (1 row)").select_option(label="Mid level")
    mapping.get_by_role("button", name="Save and check the same file again").click()

    # The same upload, checked again through the saved level table: no file picked twice.
    expect(page.get_by_role("heading", name="The file is ready to import")).to_be_visible()
    expect(page.get_by_role("status").first).to_contain_text("workday-export.csv")
    page.get_by_text("How Mentora read your columns").click()
    read = page.locator("details", has_text="How Mentora read your columns")
    expect(read).to_contain_text("“Work Email”: Work email")
    expect(read).to_contain_text("“Job Level”: Level or grade")
    assert import_settings().level_map == {"8": "senior", "l5": "mid"}
    assert not User.objects.filter(email="nina.novak@example.com").exists()
    shot("ready-to-import")

    confirm = page.locator("#import-confirm")
    confirm.get_by_label("Email an invitation to the 3 new people").check()
    confirm.get_by_label("Welcome text").fill(
        "Welcome to Mentora: find a mentor for your next step.")
    confirm.get_by_role("button", name="Import these 3 people").click()
    expect(page.get_by_role("heading", name="Import complete")).to_be_visible()
    expect(page.get_by_role("status").first).to_contain_text(
        "3 invitations will be emailed in the next few minutes")
    shot("imported")

    nina = User.objects.get(email="nina.novak@example.com")
    omar = User.objects.get(email="omar.ode@example.com")
    assert (nina.full_name, nina.profile.level, nina.profile.employee_id) == (
        "Nina Novak", "senior", "E201")
    assert omar.profile.level == "mid" and omar.profile.manager == nina
    invitations = OutboxMessage.objects.filter(kind="people.invitation")
    assert invitations.count() == 3
    assert all("find a mentor for your next step" in m.body for m in invitations)

    # The same page on a phone: nothing scrolls sideways.
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/people/import/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shot("import-page-390")
