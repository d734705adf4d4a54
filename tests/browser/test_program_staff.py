"""Priya, program staff, creates a flash program from its template and starts a new cohort of
Grow; Olga reads the audit log as sentences without ids — in a real browser, at phone and
desktop widths."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from mentora.accounts.services import user_set_program_staff
from mentora.programs.models import Enrollment, Program
from mentora.testing import make_user
from tests.browser._walk import open_account_menu, sign_in, sign_out

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _both_widths(page, shot, step):
    """A screenshot at 1280 px and at 390 px; nothing may scroll sideways on the phone."""
    shot(f"{step}-1280")
    page.set_viewport_size({"width": 390, "height": 844})
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    shot(f"{step}-390")
    page.set_viewport_size({"width": 1280, "height": 900})
    assert overflow <= 0, f"{step} scrolls sideways by {overflow} px at 390 px"


def test_it_lets_program_staff_create_a_flash_program_and_a_new_cohort(page, shot, personas):
    user_set_program_staff(user=personas.manager, is_program_staff=True, by=personas.admin)
    for i in range(2):
        Enrollment.objects.create(
            program=personas.program,
            user=make_user(f"applicant{i}@example.com", f"Applicant {i}"),
            role="mentee",
            status="pending",
        )
    sign_in(page, "priya.manager@example.com")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Programs").click()
    _both_widths(page, shot, "programs")
    page.get_by_role("link", name="Create a program").click()
    expect(page.get_by_role("heading", name="Create a program")).to_be_visible()
    _both_widths(page, shot, "choose-kind")
    page.get_by_role("link", name=re.compile(r"Start from this.*flash", re.I)).click()
    expect(page.get_by_role("heading", name="New one-off (flash) sessions program")).to_be_visible()
    expect(page.get_by_label("Sessions per pair")).to_have_value("1")
    expect(page.get_by_label("Pairs write an agreement")).not_to_be_checked()
    page.get_by_label("Name").fill("Ask an engineer")
    _both_widths(page, shot, "flash-form")
    page.get_by_role("button", name="Create program").click()
    expect(page.get_by_role("heading", name="Ask an engineer")).to_be_visible()
    expect(page.get_by_text("One session per pair, no written agreement")).to_be_visible()
    _both_widths(page, shot, "flash-created")
    flash = Program.objects.get(name="Ask an engineer")
    assert flash.kind == "flash" and list(flash.managers.all()) == [personas.manager]

    page.goto("/programs/grow/")
    page.get_by_role("link", name="Start a new cohort").click()
    expect(page.get_by_role("heading", name="Start a new cohort of Grow")).to_be_visible()
    page.get_by_label("Name of the new cohort").fill("Grow 2027")
    _both_widths(page, shot, "duplicate")
    page.get_by_role("button", name="Create the new cohort").click()
    expect(page.get_by_role("heading", name="Edit Grow 2027")).to_be_visible()
    cohort = Program.objects.get(name="Grow 2027")
    assert cohort.cohort_of_id == personas.program.pk and not cohort.enrollments.exists()

    page.goto("/programs/grow/roster/")
    page.get_by_label("Choose Applicant 0").check()
    page.get_by_label("Choose Applicant 1").check()
    _both_widths(page, shot, "roster")
    page.get_by_role("button", name="Approve ticked").click()
    expect(page.get_by_role("heading", name="Approve 2 applications to Grow?")).to_be_visible()
    page.get_by_role("button", name="Approve 2").click()
    expect(page.get_by_text("2 people enrolled in Grow.")).to_be_visible()

    page.goto("/programs/grow/announcements/")
    page.get_by_label("Subject").fill("Kick-off on Thursday")
    page.get_by_label("Message").fill("Join us at 5 pm in the atrium.")
    page.get_by_role("button", name="Check the email").click()
    expect(page.get_by_role("heading", name="Check your announcement")).to_be_visible()
    _both_widths(page, shot, "announcement-preview")
    page.get_by_role("button", name="Send to 4 people").click()
    expect(page.get_by_text("Your announcement is on its way to 4 people")).to_be_visible()

    page.goto("/programs/grow/archive/")
    _both_widths(page, shot, "archive-confirm")
    sign_out(page)

    sign_in(page, "olga.admin@example.com")
    open_account_menu(page).get_by_role("link", name="Audit log").click()
    expect(page.get_by_role("heading", name="Audit log")).to_be_visible()
    entries = page.get_by_role("list", name="Audit log entries")
    expect(entries).to_contain_text("Olga Admin made Priya Manager program staff")
    expect(entries).to_contain_text(
        "Priya Manager created Ask an engineer (One-off (flash) sessions)"
    )
    expect(entries).to_contain_text("Priya Manager started Grow 2027 as a new cohort of Grow")
    expect(entries).to_contain_text("approved the applications of Applicant 0 and Applicant 1")
    expect(entries).to_contain_text("sent the announcement “Kick-off on Thursday” to 4 people")
    text = entries.inner_text()
    for leak in ("programs.program", "#", "[", "True", "program.create"):
        assert leak not in text, leak
    _both_widths(page, shot, "audit-log")
    page.goto("/accounts/program-staff/")
    _both_widths(page, shot, "program-staff")
    page.goto("/accounts/branding/")
    page.get_by_label("Organization name").fill("Acme Corp")
    page.get_by_label("Accent colour").fill("#0b5f3a")
    page.get_by_role("button", name="Save branding").click()
    expect(page.get_by_text("Branding saved")).to_be_visible()
    expect(page.locator(".brand")).to_contain_text("Acme Corp")
    _both_widths(page, shot, "branding")
    page.goto("/programs/")
    _both_widths(page, shot, "programs-branded")
