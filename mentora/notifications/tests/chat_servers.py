"""Loopback stand-ins for Slack's Web API and a Teams workflow, strict about request shapes.

Each server checks every request against the vendor's documented shape and answers the way
the vendor does; what it found wrong is kept in `problems`, which a test asserts is empty.

- Slack Web API (https://api.slack.com/web): `Authorization: Bearer xoxb-…`;
  `users.lookupByEmail` takes `email` in the query (GET) or a form body (POST, as slack_sdk
  sends it); `chat.postMessage` a JSON POST
  (`application/json; charset=utf-8`) with `channel`, `text` and Block Kit `blocks`
  (section text ≤ 3000 characters, buttons with plain-text labels ≤ 75 and URLs ≤ 3000);
  `auth.test` a form POST. Errors are HTTP 200 with `{"ok": false, "error": …}`.
- Teams workflows ("When a Teams webhook request is received"): a JSON POST of
  `{"type": "message", "attachments": [{"contentType":
  "application/vnd.microsoft.card.adaptive", "content": {"type": "AdaptiveCard", …}}]}`,
  answered with 202 Accepted.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit


@dataclass
class Recorder:
    """What a server received and what it found wrong."""

    requests: list[dict[str, Any]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    server: ThreadingHTTPServer | None = None
    url: str = ""

    def stop(self) -> None:
        assert self.server is not None
        self.server.shutdown()
        self.server.server_close()


def _start(handler: type[BaseHTTPRequestHandler], recorder: Recorder, path: str) -> Recorder:
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.recorder = recorder  # type: ignore[attr-defined]
    recorder.server = server
    recorder.url = f"http://127.0.0.1:{server.server_address[1]}{path}"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return recorder


def _button_problems(block: dict[str, Any]) -> list[str]:
    problems = []
    elements = block.get("elements")
    if not isinstance(elements, list) or not 1 <= len(elements) <= 25:
        return ["actions block needs 1 to 25 elements"]
    ids = [e.get("action_id") for e in elements]
    if len(set(ids)) != len(ids):
        problems.append("action_id values must be unique in a block")
    for e in elements:
        text = e.get("text") or {}
        url = e.get("url", "")
        if e.get("type") != "button":
            problems.append(f"element type {e.get('type')!r} is not button")
        if text.get("type") != "plain_text" or not 0 < len(text.get("text", "")) <= 75:
            problems.append("button text must be plain_text of 1 to 75 characters")
        if not (
            isinstance(url, str) and url.startswith(("http://", "https://")) and len(url) <= 3000
        ):
            problems.append("button url must be an http(s) URL of at most 3000 characters")
    return problems


def _blocks_problems(blocks: Any) -> list[str]:
    if not isinstance(blocks, list) or not 0 < len(blocks) <= 50:
        return ["blocks must be a list of 1 to 50 blocks"]
    problems = []
    for block in blocks:
        kind = block.get("type")
        if kind == "section":
            text = block.get("text") or {}
            if text.get("type") not in ("mrkdwn", "plain_text"):
                problems.append("section text type must be mrkdwn or plain_text")
            if not 0 < len(text.get("text", "")) <= 3000:
                problems.append("section text must be 1 to 3000 characters")
        elif kind == "actions":
            problems += _button_problems(block)
        else:
            problems.append(f"unexpected block type {kind!r}")
    return problems


class SlackHandler(BaseHTTPRequestHandler):
    """Slack's Web API for the three methods Mentora calls."""

    token = "xoxb-test-token"
    users = {"marco.mentor@example.com": "U0MARCO", "maya.mentee@example.com": "U0MAYA"}

    def log_message(self, *args: Any) -> None:
        pass

    def _answer(self, payload: dict[str, Any], status: int = 200) -> None:
        body = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _handle(self, method: str) -> None:
        recorder: Recorder = self.server.recorder  # type: ignore[attr-defined]
        parts = urlsplit(self.path)
        api_method = parts.path.removeprefix("/api/")
        raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        entry: dict[str, Any] = {"method": method, "api": api_method, "headers": dict(self.headers)}
        recorder.requests.append(entry)
        problems: list[str] = []
        if self.headers.get("Authorization") != f"Bearer {self.token}":
            self._answer({"ok": False, "error": "invalid_auth"})
            return
        if api_method == "auth.test":
            if method != "POST":
                problems.append("auth.test is sent as POST")
            self._answer(
                {"ok": True, "team": "Acme", "user_id": "U0BOT", "url": "https://acme.slack.com/"}
            )
        elif api_method == "users.lookupByEmail":
            # Slack takes arguments in the query string or as a form body (slack_sdk POSTs).
            query = parse_qs(parts.query)
            if method == "POST":
                if not self.headers.get("Content-Type", "").startswith(
                    "application/x-www-form-urlencoded"
                ):
                    problems.append("users.lookupByEmail arguments are form-encoded")
                query = parse_qs(raw.decode())
            entry["query"] = query
            if "email" not in query:
                problems.append("users.lookupByEmail needs the email argument")
            email = (query.get("email") or [""])[0].lower()
            if email in self.users:
                self._answer(
                    {"ok": True, "user": {"id": self.users[email], "profile": {"email": email}}}
                )
            else:
                self._answer({"ok": False, "error": "users_not_found"})
        elif api_method == "chat.postMessage":
            content_type = self.headers.get("Content-Type", "")
            if method != "POST" or not content_type.startswith("application/json"):
                problems.append("chat.postMessage with blocks is a JSON POST")
            try:
                payload = json.loads(raw)
            except ValueError:
                payload = {}
                problems.append("body is not JSON")
            entry["json"] = payload
            if not str(payload.get("channel", "")).startswith(("U", "D", "C")):
                problems.append("channel must be a user, IM or channel id")
            if not isinstance(payload.get("text"), str) or not payload["text"]:
                problems.append("text (the notification fallback) is required with blocks")
            problems += _blocks_problems(payload.get("blocks"))
            if problems:
                self._answer({"ok": False, "error": "invalid_blocks"})
            else:
                self._answer(
                    {
                        "ok": True,
                        "channel": "D0" + payload["channel"][1:],
                        "ts": "1712345678.000100",
                    }
                )
        else:
            problems.append(f"unknown method {api_method}")
            self._answer({"ok": False, "error": "unknown_method"})
        recorder.problems += problems

    def do_GET(self) -> None:  # noqa: N802
        self._handle("GET")

    def do_POST(self) -> None:  # noqa: N802
        self._handle("POST")


class TeamsHandler(BaseHTTPRequestHandler):
    """A Teams workflow's webhook trigger."""

    def log_message(self, *args: Any) -> None:
        pass

    def do_POST(self) -> None:  # noqa: N802
        recorder: Recorder = self.server.recorder  # type: ignore[attr-defined]
        raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        problems: list[str] = []
        if not self.headers.get("Content-Type", "").startswith("application/json"):
            problems.append("Content-Type must be application/json")
        try:
            payload = json.loads(raw)
        except ValueError:
            payload = {}
            problems.append("body is not JSON")
        recorder.requests.append({"path": self.path, "json": payload})
        if payload.get("type") != "message":
            problems.append('type must be "message"')
        attachments = payload.get("attachments")
        if not isinstance(attachments, list) or len(attachments) != 1:
            problems.append("one attachment expected")
            attachments = [{}]
        card_wrapper = attachments[0]
        if card_wrapper.get("contentType") != "application/vnd.microsoft.card.adaptive":
            problems.append("attachment contentType must be the Adaptive Card type")
        card = card_wrapper.get("content") or {}
        if card.get("type") != "AdaptiveCard" or not isinstance(card.get("version"), str):
            problems.append("content must be an AdaptiveCard with a version")
        body = card.get("body")
        if not isinstance(body, list) or not body:
            problems.append("card body must list elements")
        else:
            for element in body:
                if element.get("type") != "TextBlock" or not element.get("text"):
                    problems.append("body elements must be TextBlocks with text")
        for action in card.get("actions", []):
            if action.get("type") != "Action.OpenUrl" or not action.get("title"):
                problems.append("actions must be Action.OpenUrl with a title")
            if not str(action.get("url", "")).startswith(("http://", "https://")):
                problems.append("Action.OpenUrl needs an http(s) url")
        recorder.problems += problems
        self.send_response(400 if problems else 202)
        self.send_header("Content-Length", "0")
        self.end_headers()


def start_slack() -> Recorder:
    """A Slack Web API on loopback; its base URL (…/api/) is `recorder.url`."""
    return _start(SlackHandler, Recorder(), "/api/")


def start_teams() -> Recorder:
    """A Teams workflow trigger on loopback; its address is `recorder.url`."""
    return _start(
        TeamsHandler, Recorder(), "/workflows/abc/triggers/manual/paths/invoke?sig=s3cret"
    )
