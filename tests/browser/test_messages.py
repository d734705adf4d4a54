"""Maya writes to Marco; he sees the unread count, reads, and replies; her open page shows
the reply without a reload — in a real browser, two people at once."""

import pytest
from playwright.sync_api import expect

from mentora.conversations.models import Message
from mentora.testing import PASSWORD
from tests.browser.conftest import ARTIFACTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, email):
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def shots(p, folder, name):
    """Screenshots at a phone's width and a laptop's; nothing may scroll sideways."""
    for width, height in ((390, 844), (1280, 900)):
        p.set_viewport_size({"width": width, "height": height})
        wide = p.evaluate("document.documentElement.scrollWidth")
        assert wide <= width, f"{name} scrolls sideways at {width} px ({wide} px wide)"
        p.screenshot(path=str(folder / f"{name}-{width}.png"), full_page=True)
    p.set_viewport_size({"width": 1280, "height": 900})


def test_maya_and_marco_exchange_messages(browser, live_server, personas):
    from mentora.relationships.services.agreements import agreement_sign, agreement_update
    from mentora.relationships.services.lifecycle import relationship_accept, relationship_request

    rel = relationship_request(
        program=personas.program,
        mentee=personas.mentee,
        mentor=personas.mentor,
        by=personas.mentee,
        message="Negotiation, please",
    )
    relationship_accept(relationship=rel, by=personas.mentor)
    agreement_update(agreement=rel.agreement, by=personas.mentee, data={"goals": ["Negotiate"]})
    agreement_sign(agreement=rel.agreement, by=personas.mentee)
    agreement_sign(agreement=rel.agreement, by=personas.mentor)

    maya_ctx = browser.new_context(
        base_url=live_server.url, viewport={"width": 1280, "height": 900}
    )
    marco_ctx = browser.new_context(
        base_url=live_server.url, viewport={"width": 1280, "height": 900}
    )
    maya, marco = maya_ctx.new_page(), marco_ctx.new_page()
    folder = ARTIFACTS / "test_messages"
    folder.mkdir(parents=True, exist_ok=True)
    for p in (maya, marco):
        p.set_default_timeout(60_000)
        p.set_default_navigation_timeout(90_000)
    try:
        # Maya opens her relationship and follows "Messages with Marco".
        sign_in(maya, "maya.mentee@example.com")
        maya.goto(f"/relationships/{rel.pk}/")
        maya.get_by_role("link", name="Messages with Marco Mentor").click()
        expect(maya.get_by_role("heading", name="Messages with Marco Mentor")).to_be_visible()
        expect(maya.get_by_text("No messages yet.")).to_be_visible()
        # An empty message is refused with a clear message, nothing is sent.
        maya.get_by_role("button", name="Send").click()
        expect(maya.locator(".errorlist")).to_contain_text("the message is empty")
        assert not Message.objects.exists()
        maya.get_by_label("Your message").fill("Hi Marco! Could we talk about pricing on Tuesday?")
        maya.get_by_role("button", name="Send").click()
        expect(maya.locator("#message-list li")).to_have_count(1)
        expect(maya.get_by_label("Your message")).to_have_value("")

        # Marco signs in: the header says he has one unread message.
        sign_in(marco, "marco.mentor@example.com")
        badge = marco.locator("#nav-messages")
        expect(badge).to_contain_text("Messages 1 unread")
        shots(marco, folder, "home-mentor-unread")
        badge.click()
        expect(marco.get_by_role("heading", name="Messages")).to_be_visible()
        shots(marco, folder, "inbox-mentor")
        marco.get_by_role("link", name="Maya Mentee").click()
        expect(marco.get_by_text("Could we talk about pricing on Tuesday?")).to_be_visible()
        expect(marco.locator("#nav-messages .count")).to_have_count(0)  # read now

        # He replies; Maya's page, still open, shows it without a reload.
        marco.get_by_label("Your message").fill("Yes — Tuesday at 10 works. Bring your numbers.")
        marco.get_by_role("button", name="Send").click()
        expect(marco.locator("#message-list li")).to_have_count(2)
        expect(maya.get_by_text("Tuesday at 10 works")).to_be_visible(timeout=60_000)
        assert maya.evaluate("performance.getEntriesByType('navigation').length") == 1

        shots(maya, folder, "thread-mentee")
        shots(marco, folder, "thread-mentor")
        maya.goto("/conversations/")
        shots(maya, folder, "inbox-mentee")
        maya.goto("/notifications/settings/")
        shots(maya, folder, "settings-mentee")
        marco.goto(f"/relationships/{rel.pk}/")
        shots(marco, folder, "relationship-mentor")
        assert list(Message.objects.values_list("author__email", flat=True)) == [
            "maya.mentee@example.com",
            "marco.mentor@example.com",
        ]
    finally:
        maya_ctx.close()
        marco_ctx.close()


def test_an_admin_sees_how_to_connect_slack_and_teams(browser, live_server, personas):
    ctx = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    page = ctx.new_page()
    page.set_default_timeout(60_000)
    page.set_default_navigation_timeout(90_000)
    folder = ARTIFACTS / "test_messages"
    folder.mkdir(parents=True, exist_ok=True)
    try:
        sign_in(page, personas.admin.email)
        page.goto("/notifications/settings/")
        page.get_by_role(
            "link", name="Connect Slack or a Teams channel for the organization"
        ).click()
        expect(page.get_by_role("heading", name="Slack and Microsoft Teams")).to_be_visible()
        expect(page.get_by_text("Slack is not connected: everyone gets email.")).to_be_visible()
        # A token that is not a bot token is refused before anything is asked of Slack.
        page.get_by_label("Slack bot token").fill("xoxp-a-user-token")
        page.get_by_role("button", name="Save and check").click()
        expect(page.locator(".errorlist")).to_contain_text("it starts with xoxb-")
        shots(page, folder, "chat-settings-admin")
    finally:
        ctx.close()
