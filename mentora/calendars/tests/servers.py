"""Loopback servers for the calendar tests: a calendar host serving .ics, and a real Radicale.

Both listen on 127.0.0.1 on a free port and stop at the end; nothing leaves the machine.
"""

from __future__ import annotations

import contextlib
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

DATA = Path(__file__).parent / "data"


@dataclass
class Answer:
    """What the calendar host sends for one path."""

    body: bytes
    status: int = 200
    content_type: str = "text/calendar; charset=utf-8"
    delay: float = 0.0  # seconds before the body (a slow calendar)


@dataclass
class CalendarHost:
    """A loopback web server that answers each path as told; counts requests."""

    answers: dict[str, Answer] = field(default_factory=dict)
    requests: list[str] = field(default_factory=list)
    server: ThreadingHTTPServer | None = None

    @property
    def base(self) -> str:
        assert self.server is not None
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base + path


def start_calendar_host() -> CalendarHost:
    host = CalendarHost()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            host.requests.append(self.path)
            answer = host.answers.get(self.path, Answer(b"not found", 404, "text/plain"))
            self.send_response(answer.status)
            self.send_header("Content-Type", answer.content_type)
            self.send_header("Content-Length", str(len(answer.body)))
            self.end_headers()
            if answer.delay:
                time.sleep(answer.delay)
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(answer.body)

        def log_message(self, *args: object) -> None:
            pass

    host.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    host.server.daemon_threads = True
    threading.Thread(target=host.server.serve_forever, daemon=True).start()
    return host


def stop_calendar_host(host: CalendarHost) -> None:
    assert host.server is not None
    host.server.shutdown()
    host.server.server_close()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Radicale:
    """A running Radicale CalDAV server: its address and its one user."""

    url: str
    username: str
    password: str
    process: subprocess.Popen

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


def start_radicale(folder: Path) -> Radicale:
    """Start `python -m radicale` with a temp storage folder and one htpasswd user."""
    port = free_port()
    (folder / "users").write_text("maya:radicale-app-password\n")
    (folder / "config").write_text(
        "[server]\n"
        f"hosts = 127.0.0.1:{port}\n"
        "[auth]\n"
        "type = htpasswd\n"
        f"htpasswd_filename = {folder / 'users'}\n"
        "htpasswd_encryption = plain\n"
        "delay = 0\n"
        "[rights]\n"
        "type = owner_only\n"
        "[storage]\n"
        f"filesystem_folder = {folder / 'collections'}\n"
        "[logging]\n"
        "level = warning\n"
    )
    process = subprocess.Popen(
        [sys.executable, "-m", "radicale", "--config", str(folder / "config")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"Radicale did not start: {process.stderr.read().decode()[-500:]}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                break
        except OSError:
            time.sleep(0.1)
    else:
        process.kill()
        raise RuntimeError("Radicale did not listen within 20 seconds")
    return Radicale(f"http://127.0.0.1:{port}/", "maya", "radicale-app-password", process)
