"""My data (download, erase), API token scopes, the audit log and the sign-in lockout — in a
real browser, with no Content-Security-Policy violation on any page visited."""

import json
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import expect

from mentora.accounts.models import User
from mentora.programs.services import program_set_managers
from tests.access.world import build_world
from tests.browser._walk import open_account_menu, sign_in, submit_sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def csp_violations(page):
    seen = []
    page.on(
        "console",
        lambda msg: seen.append(msg.text) if "Content Security Policy" in msg.text else None,
    )
    return seen


def test_it_lets_a_mentee_download_and_erase_their_data(page, shot, personas, csp_violations):
    build_world(personas)
    sign_in(page, "maya.mentee@example.com")
    open_account_menu(page).get_by_role("link", name="My data").click()
    expect(page.get_by_role("heading", name="My data", exact=True)).to_be_visible()
    shot("my-data")

    with page.expect_download() as download:
        page.get_by_role("button", name="Download my data (JSON)").click()
    data = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert data["person"]["email"] == "maya.mentee@example.com"
    assert [n["body"] for n in data["records"]["relationships.PrivateNote"]] == ["I am nervous."]

    open_account_menu(page).get_by_role("link", name="API tokens").click()
    page.get_by_label("Token name").fill("weekly report")
    expect(
        page.get_by_label("Read only — the safest choice for reports and dashboards")
    ).to_be_checked()
    page.get_by_role("button", name="Create token").click()
    expect(page.get_by_role("cell", name="read only")).to_be_visible()
    shot("read-only-token")

    open_account_menu(page).get_by_role("link", name="My data").click()
    page.get_by_label("Type your email address to confirm").fill("someone@example.com")
    page.get_by_role("button", name="Erase my account").click()
    expect(
        page.get_by_text("This is not your email address; nothing was erased.").first
    ).to_be_visible()
    shot("erase-wrong-email")
    page.get_by_label("Type your email address to confirm").fill("maya.mentee@example.com")
    page.get_by_role("button", name="Erase my account").click()
    expect(page.get_by_role("heading", name="Your account has been erased")).to_be_visible()
    shot("erased")
    assert not User.objects.filter(email="maya.mentee@example.com").exists()
    assert csp_violations == []


def test_it_shows_the_audit_log_to_an_organization_admin(page, shot, personas, csp_violations):
    program_set_managers(
        program=personas.program,
        by=personas.manager,
        emails=["priya.manager@example.com", "olga.admin@example.com"],
    )
    sign_in(page, "olga.admin@example.com")
    open_account_menu(page).get_by_role("link", name="Audit log").click()
    expect(page.get_by_role("heading", name="Audit log")).to_be_visible()
    entries = page.get_by_role("list", name="Audit log entries")
    expect(entries).to_contain_text("Priya Manager made Olga Admin manager of Grow.")
    expect(entries).to_contain_text("Set program managers")
    expect(entries).not_to_contain_text("program.managers_set")
    shot("audit-log")
    page.get_by_label("What happened").select_option(label="Created an API token")
    page.get_by_role("button", name="Filter").click()
    expect(page.get_by_text("No entries match these filters.")).to_be_visible()
    shot("audit-log-filtered")
    assert csp_violations == []


def test_it_locks_out_after_repeated_wrong_passwords(page, shot, personas, csp_violations):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        submit_sign_in(page, "uma.unrelated@example.com", "not-the-password")
    expect(page.get_by_role("heading", name="Too many sign-in attempts")).to_be_visible()
    shot("locked-out")
    submit_sign_in(page, "uma.unrelated@example.com")  # the right password, still locked out
    expect(page.get_by_role("heading", name="Too many sign-in attempts")).to_be_visible()
    assert csp_violations == []


def test_it_runs_the_import_page_script_under_the_policy(page, shot, personas, csp_violations):
    sign_in(page, "olga.admin@example.com")
    page.goto("/people/import/")
    page.set_input_files(
        "input[type=file]",
        files=[
            {
                "name": "people.csv",
                "mimeType": "text/csv",
                "buffer": b"email,full_name\nkim@example.com,Kim Lee\n",
            }
        ],
    )
    page.get_by_role("button", name="Upload and check").click()
    expect(page.locator("#import-result")).to_be_focused()  # moved there by import.js
    expect(page.get_by_role("heading", name="The file is ready to import")).to_be_visible()
    shot("import-done")
    assert csp_violations == []
