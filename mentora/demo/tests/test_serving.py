"""`mentora serve` and the server the demo shares with it."""

from __future__ import annotations

import socket
import threading
import urllib.request
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from mentora.demo import serving


def test_it_parses_addresses():
    assert serving.parse_addr("127.0.0.1:8000") == serving.Address("127.0.0.1", 8000)
    assert serving.parse_addr("8001") == serving.Address("127.0.0.1", 8001)
    assert serving.parse_addr("0.0.0.0:80").url == "http://0.0.0.0:80"
    assert serving.parse_addr("[::1]:8000") == serving.Address("::1", 8000, ipv6=True)
    assert serving.parse_addr("[::1]:8000").url == "http://[::1]:8000"
    with pytest.raises(CommandError, match="not HOST:PORT"):
        serving.parse_addr("localhost")
    with pytest.raises(CommandError, match="out of range"):
        serving.parse_addr("127.0.0.1:99999")


def test_it_warns_when_the_host_is_not_allowed(settings):
    settings.ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
    assert serving.host_warning(serving.parse_addr("127.0.0.1:8000")) is None
    assert "every interface" in (serving.host_warning(serving.parse_addr("0.0.0.0:8000")) or "")
    assert "ALLOWED_HOSTS=mentora.internal" in (
        serving.host_warning(serving.parse_addr("mentora.internal:8000")) or ""
    )
    settings.ALLOWED_HOSTS = ["127.0.0.1", "mentora.internal"]
    assert serving.host_warning(serving.parse_addr("0.0.0.0:8000")) is None


def test_it_serves_pages_and_static_files():
    server = serving.make_server(serving.parse_addr("127.0.0.1:0"))
    url = serving.bound_address(server, serving.parse_addr("127.0.0.1:0")).url
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        with urllib.request.urlopen(f"{url}/healthz", timeout=5) as response:
            assert response.status == 200
        with urllib.request.urlopen(f"{url}/static/mentora/mentora.css", timeout=5) as response:
            assert response.status == 200
            assert b"{" in response.read()
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def test_it_says_when_the_port_is_taken():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(CommandError, match=f"Port {port} on 127.0.0.1 is already in use"):
            serving.make_server(serving.Address("127.0.0.1", port))


def test_it_stops_cleanly_and_stops_background_threads():
    server = serving.make_server(serving.parse_addr("127.0.0.1:0"))
    stopped = threading.Event()

    def background(stop: threading.Event) -> list[threading.Thread]:
        worker = threading.Thread(target=lambda: (stop.wait(), stopped.set()), daemon=True)
        worker.start()
        threading.Timer(0.2, server.shutdown).start()
        return [worker]

    thread = threading.Thread(target=serving.run_server, args=(server,),
                              kwargs={"background": background})
    thread.start()
    thread.join(timeout=10)
    assert not thread.is_alive()
    assert stopped.is_set()


def test_it_starts_the_notifications_worker_beside_the_server(monkeypatch):
    sentinel = threading.Thread(name="mentora-worker")
    # serving imports the job schedule's starter at module level (one direction between apps)
    monkeypatch.setattr(serving, "start_background_worker", lambda: sentinel)
    assert serving.start_background_threads(threading.Event()) == [sentinel]


@pytest.mark.django_db
def test_it_refuses_to_serve_with_pending_migrations(monkeypatch):
    monkeypatch.setattr(serving, "pending_migrations", lambda: 3)
    with pytest.raises(CommandError, match=r"3 migrations pending\): run mentora migrate"):
        call_command("serve", stdout=StringIO())


@pytest.mark.django_db
def test_it_serves_without_loading_demo_data(monkeypatch):
    calls = []
    monkeypatch.setattr(serving, "run_server", lambda server, **kw: (
        calls.append(server.server_port), server.server_close()
    ))
    out = StringIO()
    call_command("serve", "--addr", "127.0.0.1:0", stdout=out)
    assert f"Mentora is serving at http://127.0.0.1:{calls[0]}" in out.getvalue()
    from mentora.accounts.models import User

    assert not User.objects.exists()
