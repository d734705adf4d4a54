"""A real HTTP server on loopback that receives webhooks and checks their signatures."""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from mentora.integrations.delivery import signature_verify


@dataclass
class Received:
    """One POST as the receiver saw it."""

    path: str
    headers: dict[str, str]
    body: bytes
    verified_with: list[str]

    @property
    def json(self) -> Any:
        return json.loads(self.body)


@dataclass
class Receiver:
    """What an integrator runs: verifies each POST with the secrets it knows."""

    secrets: list[str] = field(default_factory=list)
    status: int = 200  # what to answer (tests switch it to 500 to force retries)
    received: list[Received] = field(default_factory=list)
    url: str = ""
    server: ThreadingHTTPServer | None = None

    def verified(self) -> list[Received]:
        return [r for r in self.received if r.verified_with]


def start_receiver() -> Receiver:
    receiver = Receiver()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 - the stdlib's name
            length = int(self.headers.get("Content-Length", "0"))
            body = self.rfile.read(length)
            header = self.headers.get("Mentora-Signature", "")
            ok = [
                s for s in receiver.secrets
                if signature_verify(body=body, header=header, secret=s)
            ]
            receiver.received.append(
                Received(self.path, {k: v for k, v in self.headers.items()}, body, ok)
            )
            status = receiver.status if ok else 401
            answer = b"ok" if status < 300 else b"signature rejected" if not ok else b"nope"
            self.send_response(status)
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    receiver.server = server
    receiver.url = f"http://127.0.0.1:{server.server_address[1]}/hooks/mentora"
    return receiver
