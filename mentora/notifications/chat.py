"""Delivering a queued message to Slack or Microsoft Teams instead of email.

The outbox sender (`outbox.outbox_deliver`) routes each row by its channel; this module knows
how each vendor wants it:

- **Slack**: the organization's Slack app (a bot token an admin saves, `ChatSettings`), the
  official `slack_sdk` WebClient; the person is found by their email address
  (`users.lookupByEmail`) and gets a direct message (`chat.postMessage` to their user id)
  whose buttons are the links of the email (one-click links keep their signature);
- **Teams**: a Teams workflow ("When a Teams webhook request is received" → post a card)
  receives an Adaptive Card: a person's own workflow for their chat, or the organization's
  for a channel (program announcements).

Every address goes through the outbound-URL guard. A failure raises `ChatError`; the outbox
retries it with backoff like a failed email. `ChatUnreachable` means this person cannot be
reached there at all (not in the Slack workspace, no workflow address): the outbox sends the
message by email instead, so nothing is lost.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from html.parser import HTMLParser
from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError

from mentora.lib import clock, outbound
from mentora.lib.errors import DomainError
from mentora.notifications.models import ChatSettings, NotificationPreference, OutboxMessage
from mentora.notifications.permissions import can_manage_chat

SLACK_TIMEOUT = 10
SLACK_SECTION_MAX = 3000  # characters in one section's text (Slack's limit)
SLACK_BUTTON_TEXT_MAX = 75
MAX_BUTTONS = 5
TEAMS_TEXT_MAX = 10_000
# The person is not reachable in Slack: email instead of retrying for hours.
SLACK_UNREACHABLE = {"users_not_found", "user_not_found", "account_inactive", "cannot_dm_bot"}


class ChatError(Exception):
    """Delivery failed for now; the outbox retries."""


class ChatUnreachable(ChatError):
    """The person cannot be reached on this channel; the outbox sends an email instead."""


@dataclass(frozen=True)
class Link:
    """A link of the email, as a button: its words and its address (unchanged)."""

    label: str
    url: str


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[Link] = []
        self._href: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self._href = dict(attrs).get("href") or None
            self._text = []

    def handle_data(self, data: str) -> None:
        if self._href is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._href is not None:
            label = " ".join("".join(self._text).split())
            # The footer's "choose which emails you get" is for email; chat has its own page.
            if (
                label
                and self._href.startswith(settings.SITE_URL)
                and not self._href.endswith(reverse("notifications:preferences"))
            ):
                self.links.append(Link(label=label, url=self._href))
            self._href = None


def links_of(html: str) -> list[Link]:
    """The message's own links (to this site), in order, each address once."""
    parser = _Links()
    parser.feed(html or "")
    seen: set[str] = set()
    found = []
    for link in parser.links:
        if link.url not in seen:
            seen.add(link.url)
            found.append(link)
    return found[:MAX_BUTTONS]


def chat_settings() -> ChatSettings:
    """The organization's chat settings (an unsaved empty row when none were saved)."""
    return ChatSettings.objects.order_by("pk").first() or ChatSettings()


def slack_token() -> str:
    """The Slack bot token: the saved one, or MENTORA_SLACK_BOT_TOKEN from the environment."""
    return chat_settings().slack_bot_token or str(getattr(settings, "MENTORA_SLACK_BOT_TOKEN", ""))


def slack_client(token: str) -> WebClient:
    """The official client, pointed at MENTORA_SLACK_API_URL after the outbound guard allowed it."""
    base_url = str(getattr(settings, "MENTORA_SLACK_API_URL", "") or "https://slack.com/api/")
    try:
        outbound.check_url(base_url)
    except outbound.OutboundRefused as exc:
        raise ChatError(f"Slack address refused: {exc}") from exc
    return WebClient(token=token, base_url=base_url, timeout=SLACK_TIMEOUT)


def _mrkdwn(text: str) -> str:
    # Slack's three control characters in text (https://api.slack.com/reference/surfaces/formatting).
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def slack_blocks(message: OutboxMessage) -> list[dict[str, Any]]:
    """Block Kit for a message: its words, then one button per link of the email."""
    text = _mrkdwn(message.body.strip())
    if len(text) > SLACK_SECTION_MAX:
        text = text[: SLACK_SECTION_MAX - 1] + "…"
    blocks: list[dict[str, Any]] = [
        {"type": "section", "text": {"type": "mrkdwn", "text": f"*{_mrkdwn(message.subject)}*"}},
        {"type": "section", "text": {"type": "mrkdwn", "text": text}},
    ]
    buttons = [
        {
            "type": "button",
            "text": {"type": "plain_text", "text": link.label[:SLACK_BUTTON_TEXT_MAX]},
            "url": link.url,
            "action_id": f"open_{i}",
        }
        for i, link in enumerate(links_of(message.html_body))
    ]
    if buttons:
        blocks.append({"type": "actions", "elements": buttons})
    return blocks


def slack_deliver(message: OutboxMessage) -> str:
    """Send one message as a Slack direct message; returns the channel it went to."""
    token = slack_token()
    if not token:
        raise ChatUnreachable("Slack is not set up for the organization")
    client = slack_client(token)
    try:
        found = client.users_lookupByEmail(email=message.to_email)
        user_id = found["user"]["id"]
        sent = client.chat_postMessage(
            channel=user_id,
            text=message.subject,  # the notification's text and the fallback for old clients
            blocks=slack_blocks(message),
            unfurl_links=False,
        )
    except SlackApiError as exc:
        error = str(exc.response.get("error", "")) if exc.response is not None else ""
        if error in SLACK_UNREACHABLE:
            raise ChatUnreachable(f"Slack: {error}") from exc
        raise ChatError(f"Slack: {error or 'error'}") from exc
    except SlackClientError as exc:
        raise ChatError(f"Slack: {type(exc).__name__}") from exc
    except OSError as exc:  # connection refused, timed out, TLS
        raise ChatError(f"Slack: {type(exc).__name__}") from exc
    return str(sent.get("channel", user_id))


def teams_card(message: OutboxMessage) -> dict[str, Any]:
    """A Teams workflow's message: one Adaptive Card with the words and the links as buttons."""
    body = message.body.strip()
    if len(body) > TEAMS_TEXT_MAX:
        body = body[: TEAMS_TEXT_MAX - 1] + "…"
    card: dict[str, Any] = {
        "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
        "type": "AdaptiveCard",
        "version": "1.4",
        "body": [
            {
                "type": "TextBlock",
                "text": message.subject,
                "weight": "Bolder",
                "size": "Medium",
                "wrap": True,
            },
            {"type": "TextBlock", "text": body, "wrap": True},
        ],
    }
    links = links_of(message.html_body)
    if links:
        card["actions"] = [
            {"type": "Action.OpenUrl", "title": link.label, "url": link.url} for link in links
        ]
    return {
        "type": "message",
        "attachments": [
            {
                "contentType": "application/vnd.microsoft.card.adaptive",
                "contentUrl": None,
                "content": card,
            }
        ],
    }


def teams_address(message: OutboxMessage) -> str:
    """Where a Teams message goes: the person's workflow, or the organization's channel."""
    if message.channel == "teams_channel":
        return chat_settings().teams_channel_webhook_url
    if message.recipient_id is None:
        return ""
    pref = NotificationPreference.objects.filter(user_id=message.recipient_id).first()
    return pref.teams_webhook_url if pref else ""


def teams_deliver(message: OutboxMessage) -> None:
    """Post the card to the Teams workflow (through the outbound-URL guard)."""
    url = teams_address(message)
    if not url:
        raise ChatUnreachable("no Teams workflow address")
    try:
        outbound.fetch(
            url,
            method="POST",
            headers={"Content-Type": "application/json"},
            body=json.dumps(teams_card(message)).encode(),
        )
    except outbound.OutboundRefused as exc:
        raise ChatUnreachable(f"Teams address refused: {exc}") from exc
    except outbound.OutboundError as exc:
        raise ChatError(f"Teams: {exc}") from exc


SLACK_TOKEN_PREFIX = "xoxb-"


def _check_slack_token(token: str) -> str:
    """Ask Slack (auth.test) whether the bot token works; returns the workspace's name."""
    if (
        not token.startswith(SLACK_TOKEN_PREFIX)
        or len(token) > 200
        or any(c.isspace() for c in token)
    ):
        raise DomainError(
            "Paste the 'Bot User OAuth Token' from your Slack app's "
            "'OAuth & Permissions' page; it starts with xoxb-.",
            field="slack_bot_token",
        )
    try:
        answer = slack_client(token).auth_test()
    except SlackApiError as exc:
        error = str(exc.response.get("error", "")) if exc.response is not None else ""
        raise DomainError(
            f"Slack did not accept it ({error or 'no reason given'}); copy it "
            "again from your Slack app's 'OAuth & Permissions' page.",
            field="slack_bot_token",
        ) from exc
    except (ChatError, SlackClientError, OSError) as exc:
        raise DomainError(
            "We could not reach Slack to check the token; try again in a minute.",
            field="slack_bot_token",
        ) from exc
    return str(answer.get("team", "") or "")


@transaction.atomic
def chat_settings_update(
    *,
    by: Any,
    slack_bot_token: str | None = None,
    remove_slack: bool = False,
    teams_channel_webhook_url: str | None = None,
    now: datetime | None = None,
) -> tuple[ChatSettings, str]:
    """Connect or disconnect Slack and the Teams channel (organization admins); returns the
    settings and the Slack workspace's name when a new token was checked."""
    if not can_manage_chat(by):
        raise DomainError(
            "Only an organization admin can connect Slack or Teams.", code="forbidden"
        )
    row = ChatSettings.objects.select_for_update().order_by("pk").first() or ChatSettings()
    team = ""
    if remove_slack:
        row.slack_bot_token = ""
    elif slack_bot_token:
        token = slack_bot_token.strip()
        team = _check_slack_token(token)
        row.slack_bot_token = token
    if teams_channel_webhook_url is not None:
        url = teams_channel_webhook_url.strip()
        if url:
            try:
                outbound.check_url(url)
            except outbound.OutboundRefused as exc:
                raise DomainError(str(exc), field="teams_channel_webhook_url") from exc
        row.teams_channel_webhook_url = url
    row.updated_by = by
    row.updated_at = now or clock.now()
    row.save()
    return row, team
