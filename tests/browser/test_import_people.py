"""An organization admin uploads an HRIS file with problems, uploads a good one (every upload is
checked first, nothing changes), then imports the checked upload — in a browser."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import expect

from mentora.accounts.models import User
from tests.browser._walk import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FIXTURES = Path(settings.BASE_DIR) / "tests" / "fixtures" / "import"


def test_it_lets_an_admin_check_a_file_see_its_problems_and_import_it(page, shot, personas):
    sign_in(page, personas.admin.email)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Organization").click()
    page.get_by_role("link", name="Import people from a file").click()
    expect(page.get_by_text("Nothing changes when you upload.")).to_be_visible()
    shot("form")

    page.get_by_label("File from your HR system").set_input_files(FIXTURES / "people_bad.csv")
    page.get_by_role("button", name="Upload and check").click()
    expect(page.get_by_role("alert")).to_contain_text("The file has 6 problems")
    problems = page.get_by_role("table", name="Problems to fix, in file order")
    expect(problems.get_by_role("row")).to_have_count(7)
    expect(problems).to_contain_text("“Mars/Olympus” is not an IANA time zone")
    expect(page.locator("#import-result")).to_be_focused()
    shot("problems")

    page.get_by_label("File from your HR system").set_input_files(FIXTURES / "people.xlsx")
    page.get_by_role("button", name="Upload and check").click()
    expect(page.get_by_role("heading", name="The file is ready to import")).to_be_visible()
    assert not User.objects.filter(email="ana.ruiz@example.com").exists()
    shot("checked")

    page.get_by_role("button", name=re.compile(r"^Import these \d+ people$")).click()
    expect(page.get_by_role("heading", name="Import complete")).to_be_visible()
    shot("imported")
    ben = User.objects.get(email="ben.okafor@example.com")
    assert ben.profile.manager.email == "ana.ruiz@example.com"
    assert not ben.has_usable_password()
