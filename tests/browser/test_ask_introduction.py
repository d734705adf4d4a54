"""Maya finds Uma in the directory and asks Marco, her mentor, to introduce her; Marco
introduces them from the request; Uma accepts and both are connected. At 390 px for Maya,
at 1280 px for Marco and Uma; nothing scrolls sideways on Maya's phone."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from mentora.growth.models import Introduction
from mentora.notifications.models import OutboxMessage
from mentora.relationships.services.agreements import agreement_sign, agreement_update
from mentora.relationships.services.lifecycle import relationship_accept, relationship_request
from mentora.testing import PASSWORD
from tests.browser import _a11y
from tests.browser.conftest import ARTIFACTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _signed_in(browser, live_server, user, width):
    context = browser.new_context(base_url=live_server.url,
                                  viewport={"width": width, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Sign in")).to_have_count(0)
    return context, page


def test_it_asks_the_mentor_for_an_introduction_end_to_end(browser, live_server, personas):
    folder = ARTIFACTS / "ask_introduction"
    folder.mkdir(parents=True, exist_ok=True)
    maya, marco, uma = personas.mentee, personas.mentor, personas.unrelated
    rel = relationship_request(program=personas.program, mentee=maya, mentor=marco, by=maya)
    rel = relationship_accept(relationship=rel, by=marco)
    agreement_update(agreement=rel.agreement, by=maya, data={"goals": ["Lead a team"]})
    agreement_sign(agreement=rel.agreement, by=maya)
    agreement_sign(agreement=rel.agreement, by=marco)

    context, page = _signed_in(browser, live_server, maya, 390)
    page.goto(f"/people/{uma.pk}/")
    ask = page.get_by_role("link", name=re.compile(f"Ask {marco.full_name} for an introduction"))
    expect(ask).to_be_visible()
    box = ask.bounding_box()
    assert box is not None and box["height"] >= 44
    ask.click()
    expect(page.get_by_role("heading", name=f"Ask for an introduction to {uma.full_name}"))\
        .to_be_visible()
    findings = _a11y.phone_violations(page, role="mentee")
    assert not findings, _a11y.report(findings)
    page.get_by_role("button", name="Send my request").click()
    # Sent empty: the error summary names the field and links to it.
    expect(page.get_by_role("link", name=re.compile("^Why you would like to meet"))).to_be_visible()
    page.get_by_label(f"Why you would like to meet {uma.full_name}").fill(
        "Uma built our budget process; I will run one next year.")
    page.get_by_role("button", name="Send my request").click()
    expect(page.get_by_text(f"We asked {marco.full_name} to introduce you to {uma.full_name}."))\
        .to_be_visible()
    page.screenshot(path=str(folder / "01-maya-asked-390.png"), full_page=True)
    findings = _a11y.phone_violations(page, role="mentee")
    assert not findings, _a11y.report(findings)
    context.close()
    assert OutboxMessage.objects.filter(recipient=marco, kind="growth.introduction_asked").exists()

    context, page = _signed_in(browser, live_server, marco, 1280)
    page.goto("/growth/")
    page.get_by_role("link", name=f"{maya.full_name} asked you to introduce them to "
                                  f"{uma.full_name}").click()
    page.get_by_label("Why they should meet").fill(
        "Uma designed the budget process Maya will run next year.")
    page.get_by_role("button", name=f"Introduce {maya.full_name}").click()
    expect(page.get_by_text(f"You introduced {maya.full_name} to {uma.full_name}.")).to_be_visible()
    page.screenshot(path=str(folder / "02-marco-introduced-1280.png"), full_page=True)
    context.close()

    context, page = _signed_in(browser, live_server, uma, 1280)
    page.goto("/growth/")
    page.get_by_role("link", name=f"{marco.full_name} introduces you to {maya.full_name}").click()
    page.get_by_role("button", name="Accept the introduction").click()
    expect(page.get_by_text("You are connected.")).to_be_visible()
    expect(page.get_by_role("link", name=maya.email)).to_be_visible()
    page.screenshot(path=str(folder / "03-uma-connected-1280.png"), full_page=True)
    context.close()
    assert Introduction.objects.get().status == Introduction.Status.CONNECTED
