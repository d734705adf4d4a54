"""Reminders, requests and messages in Slack and Teams: the real slack_sdk client and the
outbound guard against loopback servers that check each request's documented shape."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from mentora.conversations.services import BATCH_DELAY, conversations_notify, message_send
from mentora.lib.errors import DomainError
from mentora.notifications.chat import chat_settings_update, links_of
from mentora.notifications.messages import notify
from mentora.notifications.models import Channel, ChatSettings, OutboxMessage
from mentora.notifications.outbox import MAX_ATTEMPTS, outbox_process
from mentora.notifications.preferences import preference_update
from mentora.notifications.tests.chat_servers import SlackHandler, start_slack, start_teams
from mentora.programs.announcements import announcement_send

pytestmark = pytest.mark.django_db


@pytest.fixture
def slack(settings):
    settings.MENTORA_OUTBOUND_ALLOW = ["127.0.0.0/8"]
    server = start_slack()
    settings.MENTORA_SLACK_API_URL = server.url
    yield server
    server.stop()


@pytest.fixture
def teams(settings):
    settings.MENTORA_OUTBOUND_ALLOW = ["127.0.0.0/8"]
    server = start_teams()
    yield server
    server.stop()


@pytest.fixture
def slack_connected(slack, personas):
    chat_settings_update(by=personas.admin, slack_bot_token=SlackHandler.token)
    return slack


def test_it_checks_the_bot_token_with_slack_before_saving(slack, personas):
    with pytest.raises(DomainError) as caught:
        chat_settings_update(by=personas.admin, slack_bot_token="xoxp-a-user-token")
    assert "starts with xoxb-" in caught.value.message
    with pytest.raises(DomainError) as caught:
        chat_settings_update(by=personas.admin, slack_bot_token="xoxb-wrong")
    assert "did not accept it (invalid_auth)" in caught.value.message
    assert not ChatSettings.objects.exists()  # nothing half-saved
    _, team = chat_settings_update(by=personas.admin, slack_bot_token=SlackHandler.token)
    assert team == "Acme"
    with pytest.raises(DomainError):
        chat_settings_update(by=personas.mentee, slack_bot_token=SlackHandler.token)
    assert slack.problems == []


def test_marcos_reminder_arrives_in_slack_with_signed_buttons(slack_connected, active, personas):
    marco = personas.mentor
    preference_update(user=marco, by=marco, data={"reminders_channel": "slack"})
    from mentora.relationships.services.nudges import relationship_nudge

    relationship_nudge(relationship=active, by=personas.manager, note="Time to meet")
    message = OutboxMessage.objects.get(kind="relationships.nudge", recipient=marco)
    assert message.channel == Channel.SLACK
    assert outbox_process().sent == 2
    assert [m.to for m in mail.outbox] == [[personas.mentee.email]]  # Maya chose email
    assert slack_connected.problems == []
    lookup, post = slack_connected.requests[-2:]
    assert lookup["api"] == "users.lookupByEmail"
    assert lookup["query"]["email"] == [marco.email]
    assert post["api"] == "chat.postMessage"
    assert post["json"]["channel"] == "U0MARCO"
    assert post["json"]["text"] == message.subject
    buttons = [b for b in post["json"]["blocks"] if b["type"] == "actions"]
    urls = [e["url"] for e in buttons[0]["elements"]] if buttons else []
    assert urls and all(url in message.html_body for url in urls)


def test_signed_links_stay_signed_in_buttons(settings):
    html = (
        f'<a href="{settings.SITE_URL}/notifications/do/abc.def:sig/">Confirm the meeting</a>'
        f'<a href="https://elsewhere.example/">Not ours</a>'
        f'<a href="{settings.SITE_URL}/notifications/settings/">Choose which emails you get</a>'
    )
    (link,) = links_of(html)
    assert link.url == f"{settings.SITE_URL}/notifications/do/abc.def:sig/"
    assert link.label == "Confirm the meeting"


def test_new_messages_reach_slack_and_fall_back_to_email_when_not_found(
    slack_connected, active, personas, now
):
    maya, marco = personas.mentee, personas.mentor
    preference_update(user=marco, by=marco, data={"messages_channel": "slack"})
    message_send(relationship=active, by=maya, body="Shall we meet on Tuesday?", now=now)
    conversations_notify(now=now + BATCH_DELAY)
    assert outbox_process(now=now + BATCH_DELAY).sent == 1
    post = slack_connected.requests[-1]["json"]
    assert post["text"] == "A new message from Maya"
    assert "Shall we meet on Tuesday?" in post["blocks"][1]["text"]["text"]
    assert post["blocks"][-1]["elements"][0]["text"]["text"] == "Read and answer"
    # Someone Slack does not know gets an email instead, and the row says so.
    SlackHandler.users = {"maya.mentee@example.com": "U0MAYA"}
    try:
        message_send(relationship=active, by=maya, body="Hello?", now=now + BATCH_DELAY)
        conversations_notify(now=now + BATCH_DELAY * 3)
        assert outbox_process(now=now + BATCH_DELAY * 3).sent == 1
    finally:
        SlackHandler.users = {
            "marco.mentor@example.com": "U0MARCO",
            "maya.mentee@example.com": "U0MAYA",
        }
    (email,) = mail.outbox
    assert email.to == [marco.email]
    row = OutboxMessage.objects.order_by("-pk").first()
    assert row.status == "sent" and "users_not_found" in row.last_error
    assert slack_connected.problems == []


def test_slack_down_is_retried_through_the_queue(settings, active, personas, now):
    settings.MENTORA_OUTBOUND_ALLOW = ["127.0.0.0/8"]
    server = start_slack()
    settings.MENTORA_SLACK_API_URL = server.url
    ChatSettings.objects.create(slack_bot_token=SlackHandler.token)
    server.stop()  # nobody answers now
    marco = personas.mentor
    preference_update(user=marco, by=marco, data={"requests_channel": "slack"})
    message = notify(
        kind="conversations.new_messages",
        to=marco,
        context={
            "sender": personas.mentee,
            "count": 1,
            "latest": [],
            "program": active.program,
            "page": "http://testserver/x",
        },
        now=now,
    )
    message.channel = Channel.SLACK
    message.save()
    assert outbox_process(now=now).failed == 1
    message.refresh_from_db()
    assert message.status == "pending" and message.attempts == 1
    assert message.available_at > now
    assert message.attempts < MAX_ATTEMPTS
    assert mail.outbox == []


def test_the_slack_address_goes_through_the_outbound_guard(settings, active, personas):
    settings.MENTORA_OUTBOUND_ALLOW = []
    settings.MENTORA_SLACK_API_URL = "http://127.0.0.1:9/api/"
    ChatSettings.objects.create(slack_bot_token=SlackHandler.token)
    marco = personas.mentor
    message = OutboxMessage.objects.create(
        recipient=marco,
        to_email=marco.email,
        kind="relationships.nudge",
        subject="s",
        body="b",
        channel=Channel.SLACK,
    )
    assert outbox_process().failed == 1
    message.refresh_from_db()
    assert "refused" in message.last_error


def test_personal_teams_messages_through_a_workflow(teams, active, personas, now):
    marco = personas.mentor
    with pytest.raises(DomainError) as caught:
        preference_update(user=marco, by=marco, data={"messages_channel": "teams"})
    assert "paste your Teams workflow address" in caught.value.message
    preference_update(
        user=marco, by=marco, data={"messages_channel": "teams", "teams_webhook_url": teams.url}
    )
    message_send(relationship=active, by=personas.mentee, body="Hi from Maya", now=now)
    conversations_notify(now=now + BATCH_DELAY)
    assert outbox_process(now=now + BATCH_DELAY).sent == 1
    assert teams.problems == []
    card = teams.requests[-1]["json"]["attachments"][0]["content"]
    assert card["body"][0]["text"] == "A new message from Maya"
    assert card["actions"][0]["title"] == "Read and answer"
    assert mail.outbox == []


def test_a_teams_address_inside_the_network_is_refused(settings, personas):
    settings.MENTORA_OUTBOUND_ALLOW = []
    marco = personas.mentor
    with pytest.raises(DomainError) as caught:
        preference_update(
            user=marco, by=marco, data={"teams_webhook_url": "http://127.0.0.1:8080/hook"}
        )
    assert caught.value.field == "teams_webhook_url"
    with pytest.raises(DomainError) as caught:
        chat_settings_update(by=personas.admin, teams_channel_webhook_url="http://10.0.0.5/x")
    assert caught.value.field == "teams_channel_webhook_url"


def test_a_programs_announcement_goes_to_the_teams_channel(teams, personas):
    chat_settings_update(by=personas.admin, teams_channel_webhook_url=teams.url)
    announcement_send(
        program=personas.program,
        by=personas.manager,
        subject="Kick-off on Friday",
        body="Join us at 15:00 in the atrium.",
        audience="everyone",
    )
    row = OutboxMessage.objects.get(channel=Channel.TEAMS_CHANNEL)
    assert row.subject == f"{personas.program.name}: Kick-off on Friday"
    outbox_process()
    assert teams.problems == []
    (request,) = teams.requests
    card = request["json"]["attachments"][0]["content"]
    assert "Join us at 15:00" in card["body"][1]["text"]
    assert card["actions"][0]["title"] == "Open the program"


def test_slack_is_offered_only_when_connected(personas, client_for, slack_connected):
    maya = personas.mentee
    page = client_for(maya).get(reverse("notifications:preferences"))
    assert b'value="slack"' in page.content
    ChatSettings.objects.update(slack_bot_token="")
    page = client_for(maya).get(reverse("notifications:preferences"))
    assert b'value="slack"' not in page.content
    with pytest.raises(DomainError) as caught:
        preference_update(user=maya, by=maya, data={"digests_channel": "slack"})
    assert "Slack is not connected" in caught.value.message


def test_invitations_with_a_calendar_file_stay_email(slack_connected, personas, now):
    marco = personas.mentor
    preference_update(user=marco, by=marco, data={"reminders_channel": "slack"})
    from mentora.notifications.preferences import channel_for

    assert channel_for(user=marco, kind="relationships.nudge") == Channel.SLACK
    assert channel_for(user=marco, kind="relationships.nudge", has_attachments=True) == "email"
    assert channel_for(user=marco, kind="relationships.meeting_invite") == "email"


def test_the_admin_page_connects_slack(slack, personas, client_for):
    client = client_for(personas.admin)
    url = reverse("notifications:chat_admin")
    assert client.get(url).status_code == 200
    answer = client.post(url, {"slack_bot_token": "xoxb-nope"}, follow=True)
    assert b"did not accept it" in answer.content
    answer = client.post(url, {"slack_bot_token": SlackHandler.token}, follow=True)
    assert b"Slack is connected to Acme" in answer.content
    assert client_for(personas.mentee).get(url).status_code == 403
