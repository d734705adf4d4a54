"""HRIS round trip in a browser: the upload is checked and lists joiners, movers and leavers;
then the admin imports the checked upload."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from mentora.accounts.models import User
from mentora.people.models import RoleChange
from mentora.relationships.models import Relationship
from mentora.relationships.services.lifecycle import relationship_accept, relationship_request
from tests.browser._walk import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WHOLE = "This file is the whole organization"
FILE = "\n".join([
    "email,full_name,job_title,department,manager_email,level,status",
    "olga.admin@example.com,Olga Admin,HR Director,People,,director,active",
    "priya.manager@example.com,Priya Manager,L&D Partner,People,olga.admin@example.com,manager,",
    "chloe.coach@example.com,Chloe Coach,Head of Coaching,People,olga.admin@example.com,director,",
    "maya.mentee@example.com,Maya Mentee,Marketing Specialist,Marketing,,mid,",
    "marco.mentor@example.com,Marco Mentor,Marketing Manager,Marketing,,manager,terminated",
    "nia.joiner@example.com,Nia Joiner,Designer,Marketing,chloe.coach@example.com,associate,",
]).encode()


def test_it_shows_joiners_movers_and_leavers_then_applies_them(page, shot, personas, tmp_path):
    rel = relationship_request(program=personas.program, mentee=personas.mentee,
                               mentor=personas.mentor, by=personas.mentee)
    relationship_accept(relationship=rel, by=personas.mentor)
    path = tmp_path / "hr-export.csv"
    path.write_bytes(FILE)
    sign_in(page, personas.admin.email)
    page.goto("/people/import/")
    expect(page.get_by_label(WHOLE)).not_to_be_checked()
    page.get_by_label("File from your HR system").set_input_files(path)
    page.get_by_label(WHOLE).check()
    page.get_by_role("button", name="Upload and check").click()
    expect(page.get_by_role("heading", name="The file is ready to import")).to_be_visible()
    expect(page.get_by_role("heading", name="Would join (1)")).to_be_visible()
    movers = page.get_by_role("table", name="People whose role changes")
    expect(page.get_by_role("heading", name="Movers (3)")).to_be_visible()
    expect(movers).to_contain_text("Level: “Senior” → “Director”")  # names, not stored values
    leavers = page.get_by_role("table", name="People who leave")
    expect(leavers.get_by_role("row")).to_have_count(3)  # Marco (terminated) and Uma (absent)
    expect(leavers).to_contain_text("Marco Mentor")
    expect(leavers).to_contain_text("Uma Unrelated")
    expect(page.get_by_text("Importing will deactivate 2 people and end 1 live relationship"))\
        .to_be_visible()
    shot("dry-run")
    assert User.objects.get(pk=personas.mentor.pk).is_active

    confirm = page.locator("#import-confirm")
    expect(confirm).to_contain_text("This also deactivates 2 people and ends 1 live relationship")
    confirm.get_by_role("button", name="Import these 6 people").click()
    expect(page.get_by_role("heading", name="Import complete")).to_be_visible()
    expect(page.get_by_text("2 people were deactivated and 1 live relationship ended"))\
        .to_be_visible()
    shot("applied")
    rel.refresh_from_db()
    assert rel.status == Relationship.Status.ENDED_EARLY
    assert not User.objects.get(pk=personas.mentor.pk).is_active
    assert not User.objects.get(pk=personas.unrelated.pk).is_active
    assert User.objects.get(email="nia.joiner@example.com").is_active
    assert RoleChange.objects.filter(person=personas.coach, field="level").exists()
