"""The outbound-URL guard (issue 21, item 1): every address form the security review used.

On `main` there was no guard at all: `webhook_endpoint_create` accepted each of these URLs and
the worker delivered to them, so every `test_it_refuses_*` here fails there (the module did not
exist; `test_webhook_delivery.test_it_refuses_internal_urls_at_save_time` checks the service).
"""

from __future__ import annotations

import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from unittest import mock

import pytest

from mentora.lib import outbound
from mentora.lib.outbound import OutboundError, OutboundRefused, check_url, fetch

INTERNAL = [
    "http://127.0.0.1:9100/",
    "http://[::1]:9100/",
    "http://localhost/",
    "http://0.0.0.0/",
    "http://2130706433/",
    "http://0x7f000001/",
    "http://127.1/",
    "http://0177.0.0.1/",
    "http://[::ffff:127.0.0.1]/",
    "http://[::ffff:7f00:1]/",
    "http://[64:ff9b::7f00:1]/",
    "http://[2002:7f00:1::]/",
    "http://10.0.0.5/",
    "http://172.16.0.1:5432/",
    "http://192.168.1.1:6379/",
    "http://[fd00::1]/",
    "http://169.254.169.254/latest/meta-data/",
    "http://[fe80::1]/",
    "http://100.64.0.1/",
    "http://224.0.0.1/",
    "http://240.0.0.1/",
    "http://255.255.255.255/",
    "http://[::]/",
    "http://198.18.0.1/",
]


@pytest.mark.parametrize("url", INTERNAL)
def test_it_refuses_internal_addresses_in_every_spelling(url, settings):
    settings.MENTORA_OUTBOUND_ALLOW = []
    with pytest.raises(OutboundRefused) as caught:
        check_url(url)
    assert "MENTORA_OUTBOUND_ALLOW" in str(caught.value)


def test_it_refuses_the_machines_own_host_name(settings):
    settings.MENTORA_OUTBOUND_ALLOW = []
    with pytest.raises(OutboundRefused):
        check_url(f"http://{socket.gethostname()}:8000/")


@pytest.mark.parametrize(
    "url, words",
    [
        ("ftp://example.com/x", "https://"),
        ("file:///etc/passwd", "https://"),
        ("gopher://example.com/", "https://"),
        ("http://user:pass@127.0.0.1/", "user name or password"),
        ("https://user@example.com/", "user name or password"),
        ("http:///nohost", "name a host"),
        ("http://example.com:99999/", "not valid"),
        ("http://exa mple.com/", "space or a control character"),
        ("http://example.com/\r\nX: y", "space or a control character"),
        ("", "Give a URL"),
    ],
)
def test_it_refuses_schemes_credentials_and_malformed_urls(url, words, settings):
    settings.MENTORA_OUTBOUND_ALLOW = ["127.0.0.0/8"]
    with pytest.raises(OutboundRefused) as caught:
        check_url(url)
    assert words in str(caught.value)


def test_it_refuses_a_host_that_resolves_to_any_internal_address(settings):
    """A name with one public and one private address is refused: every answer is checked."""
    settings.MENTORA_OUTBOUND_ALLOW = []
    answers = [
        (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.215.14", 443)),
        (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("10.1.2.3", 443)),
    ]
    with (
        mock.patch.object(socket, "getaddrinfo", return_value=answers),
        pytest.raises(OutboundRefused) as caught,
    ):
        check_url("https://hooks.example.com/x")
    assert "private network" in str(caught.value)


def test_it_accepts_a_public_address(settings):
    settings.MENTORA_OUTBOUND_ALLOW = []
    answers = [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.215.14", 443))]
    with mock.patch.object(socket, "getaddrinfo", return_value=answers):
        check_url("https://hooks.example.com/x")


def test_it_allows_a_range_the_operator_named(settings):
    settings.MENTORA_OUTBOUND_ALLOW = ["127.0.0.0/8"]
    check_url("http://127.0.0.1:9100/")
    check_url("http://2130706433/")
    check_url("http://[::ffff:127.0.0.1]/")
    with pytest.raises(OutboundRefused):
        check_url("http://10.0.0.1/")


def test_it_refuses_a_host_that_cannot_be_found(settings):
    with pytest.raises(OutboundRefused) as caught:
        check_url("https://no-such-host.invalid/")
    assert "could not be found" in str(caught.value)


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):  # keep the test output clean
        pass

    def do_GET(self):
        server = self.server
        server.seen.append((self.path, dict(self.headers)))  # type: ignore[attr-defined]
        if self.path == "/redirect":
            self.send_response(302)
            self.send_header("Location", "http://127.0.0.1:1/")
            self.end_headers()
            return
        if self.path == "/error":
            self.send_response(500)
            self.end_headers()
            self.wfile.write(b"internal secret stack trace")
            return
        if self.path == "/big":
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b"x" * 5000)
            return
        if self.path == "/slow":
            self.send_response(200)
            self.send_header("Content-Length", "100")
            self.end_headers()
            self.wfile.write(b"x")
            self.wfile.flush()
            threading.Event().wait(3)
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.end_headers()
        self.wfile.write(b"hello")

    do_POST = do_GET


@pytest.fixture
def local_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.seen = []  # type: ignore[attr-defined]
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def test_it_fetches_from_an_allowed_loopback_receiver(local_server, settings):
    settings.MENTORA_OUTBOUND_ALLOW = ["127.0.0.0/8"]
    port = local_server.server_address[1]
    response = fetch(f"http://127.0.0.1:{port}/ok?a=1", headers={"X-Test": "1"})
    assert response.status == 200
    assert response.body == b"hello"
    assert response.headers["content-type"] == "text/plain"
    path, headers = local_server.seen[0]
    assert path == "/ok?a=1"
    assert headers["Host"] == f"127.0.0.1:{port}"
    assert headers["X-Test"] == "1"


def test_it_refuses_the_receiver_without_the_operator_setting(local_server, settings):
    settings.MENTORA_OUTBOUND_ALLOW = []
    port = local_server.server_address[1]
    with pytest.raises(OutboundRefused):
        fetch(f"http://127.0.0.1:{port}/ok")
    assert local_server.seen == []


def test_it_connects_to_the_checked_address_not_a_second_lookup(local_server, settings):
    """DNS rebinding: the name is resolved once, checked, and that very address is dialled;
    the Host header stays the name."""
    settings.MENTORA_OUTBOUND_ALLOW = ["127.0.0.0/8"]
    port = local_server.server_address[1]
    real = socket.getaddrinfo
    calls = []

    def rebinding(host, *args, **kwargs):
        calls.append(host)
        if host == "hooks.example.com":
            if len([c for c in calls if c == "hooks.example.com"]) == 1:
                return real("127.0.0.1", *args, **kwargs)
            return real("10.9.9.9", *args, **kwargs)  # a second lookup would get this
        return real(host, *args, **kwargs)

    with mock.patch.object(socket, "getaddrinfo", side_effect=rebinding):
        response = fetch(f"http://hooks.example.com:{port}/ok", timeout=3)
    assert response.body == b"hello"
    assert calls.count("hooks.example.com") == 1
    assert local_server.seen[0][1]["Host"] == f"hooks.example.com:{port}"


def test_it_does_not_follow_redirects(local_server, settings):
    settings.MENTORA_OUTBOUND_ALLOW = ["127.0.0.0/8"]
    port = local_server.server_address[1]
    with pytest.raises(OutboundError) as caught:
        fetch(f"http://127.0.0.1:{port}/redirect")
    assert caught.value.kind == "HTTP 302"
    assert len(local_server.seen) == 1


def test_it_reports_an_error_status_without_the_body(local_server, settings):
    settings.MENTORA_OUTBOUND_ALLOW = ["127.0.0.0/8"]
    port = local_server.server_address[1]
    with pytest.raises(OutboundError) as caught:
        fetch(f"http://127.0.0.1:{port}/error", method="POST", body=b"{}")
    assert caught.value.kind == "HTTP 500"
    assert caught.value.status == 500
    assert "secret" not in str(caught.value)


def test_it_stops_at_the_size_limit(local_server, settings):
    settings.MENTORA_OUTBOUND_ALLOW = ["127.0.0.0/8"]
    port = local_server.server_address[1]
    with pytest.raises(OutboundError) as caught:
        fetch(f"http://127.0.0.1:{port}/big", max_bytes=1000)
    assert caught.value.kind == "too large"


def test_it_times_out_on_a_slow_answer(local_server, settings):
    settings.MENTORA_OUTBOUND_ALLOW = ["127.0.0.0/8"]
    port = local_server.server_address[1]
    with pytest.raises(OutboundError) as caught:
        fetch(f"http://127.0.0.1:{port}/slow", timeout=0.5)
    assert caught.value.kind == "timed out"


def test_it_names_a_closed_port_generically(settings):
    settings.MENTORA_OUTBOUND_ALLOW = ["127.0.0.0/8"]
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(OutboundError) as caught:
        fetch(f"http://127.0.0.1:{port}/")
    assert caught.value.kind == "connection refused"


def test_it_names_a_non_http_port_like_any_failed_connection(settings):
    """An open port that speaks something else is not told apart from a broken one."""
    settings.MENTORA_OUTBOUND_ALLOW = ["127.0.0.0/8"]
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    port = listener.getsockname()[1]

    def answer_garbage():
        conn, _ = listener.accept()
        conn.recv(1024)
        conn.sendall(b"-ERR unknown command\r\n")
        conn.close()

    thread = threading.Thread(target=answer_garbage, daemon=True)
    thread.start()
    try:
        with pytest.raises(OutboundError) as caught:
            fetch(f"http://127.0.0.1:{port}/", timeout=3)
    finally:
        listener.close()
    assert caught.value.kind == "connection failed"


def test_it_reports_tls_failures_as_tls_error(local_server, settings):
    settings.MENTORA_OUTBOUND_ALLOW = ["127.0.0.0/8"]
    port = local_server.server_address[1]
    with pytest.raises(OutboundError) as caught:
        fetch(f"https://127.0.0.1:{port}/", timeout=3)
    assert caught.value.kind == "TLS error"


def test_it_reads_the_operator_setting_as_networks(settings):
    settings.MENTORA_OUTBOUND_ALLOW = ["10.20.0.0/16", "fd00:1::/64"]
    assert [str(n) for n in outbound.allowed_networks()] == ["10.20.0.0/16", "fd00:1::/64"]
