"""The outbound-URL guard: every server-side fetch of a URL someone typed goes through here.

A URL an organization admin registers (a webhook endpoint; later a calendar free/busy link) is
fetched by the server, from inside the operator's network. Without a guard that is a way to
reach the server's own neighbours (SSRF): the database port, a metadata service at
169.254.169.254, an admin interface on 127.0.0.1. The rule (docs/security.md#outbound-urls):

- only `http://` and `https://`, a host name, no user name or password in the URL;
- the host is resolved and **every** address it resolves to must be a public (globally routed,
  non-multicast) address — loopback, private (RFC 1918, ULA), link-local (169.254/16 with the
  metadata addresses, fe80::/10), unspecified, multicast, reserved, CGNAT (100.64/10),
  benchmarking and documentation ranges are refused, and so are the IPv4-mapped, NAT64 and 6to4
  forms of those. The odd spellings of IPv4 (`2130706433`, `0x7f000001`, `127.1`) are caught
  because the check runs on what `getaddrinfo` resolved, not on the text;
- the operator may allow named ranges on purpose with `MENTORA_OUTBOUND_ALLOW` (comma-separated
  CIDRs; off by default);
- `fetch` checks again at connect time and connects to the very address it checked (the Host
  header and TLS server name stay the original host), so a DNS answer that changes between the
  check and the connection (DNS rebinding) cannot swap in an internal address;
- redirects are never followed, every step has a timeout, and the answer has a size limit;
- errors come back as a generic kind ("connection refused", "timed out", "TLS error",
  "HTTP 500", "too large"), never the exception text: a caller that shows or stores the error
  cannot be used as a port scanner.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings

DEFAULT_TIMEOUT = 10.0
DEFAULT_MAX_BYTES = 1_000_000
USER_AGENT = "Mentora/1"

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network

_NAT64 = ipaddress.ip_network("64:ff9b::/96")


class OutboundError(Exception):
    """A fetch that did not give a 2xx answer; `kind` is generic enough to show and store."""

    def __init__(self, kind: str, *, status: int | None = None) -> None:
        super().__init__(kind)
        self.kind = kind
        self.status = status


class OutboundRefused(OutboundError):
    """The URL breaks the outbound rule; the message says what to change."""

    def __init__(self, message: str) -> None:
        super().__init__("refused")
        self.message = message
        self.args = (message,)

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class OutboundResponse:
    """A 2xx answer: status, headers (lower-case names) and at most `max_bytes` of body."""

    status: int
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""


@dataclass(frozen=True)
class _Target:
    scheme: str
    host: str  # as written (IDNA-encoded), for the Host header and the TLS server name
    port: int
    path: str
    addresses: tuple[str, ...]


def allowed_networks() -> list[Network]:
    """The operator's MENTORA_OUTBOUND_ALLOW ranges (settings checks them at start-up)."""
    return [
        ipaddress.ip_network(cidr, strict=False)
        for cidr in getattr(settings, "MENTORA_OUTBOUND_ALLOW", [])
    ]


def _embedded_ipv4(ip: IPAddress) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 form carries: IPv4-mapped, NAT64, 6to4 or IPv4-compatible."""
    if not isinstance(ip, ipaddress.IPv6Address):
        return None
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip in _NAT64:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    if ip.teredo is not None:
        return ip.teredo[1]
    if int(ip) >> 32 == 0 and int(ip) > 1:  # ::a.b.c.d, the deprecated IPv4-compatible form
        return ipaddress.IPv4Address(int(ip))
    return None


def address_refusal(ip: IPAddress, allow: list[Network] | None = None) -> str | None:
    """Why this address may not be reached ("a loopback address" …), or None when it may."""
    allow = allowed_networks() if allow is None else allow
    if any(ip.version == net.version and ip in net for net in allow):
        return None
    inner = _embedded_ipv4(ip)
    if inner is not None:
        if any(inner in net for net in allow if net.version == 4):
            return None
        reason = address_refusal(inner, [])
        if reason:
            return reason
    if ip.is_loopback:
        return "a loopback address (this server itself)"
    if ip.is_unspecified:
        return "an unspecified address (this server itself)"
    if ip.is_link_local:
        return "a link-local address"
    if ip.is_multicast:
        return "a multicast address"
    if isinstance(ip, ipaddress.IPv4Address) and ip in ipaddress.ip_network("100.64.0.0/10"):
        return "a carrier-grade NAT address"
    if ip.is_private:
        return "a private network address"
    if ip.is_reserved or not ip.is_global:
        return "a reserved address"
    return None


def _target(url: str) -> _Target:
    """Parse and resolve the URL, or refuse it with a message a person can act on."""
    if not isinstance(url, str) or not url.strip():
        raise OutboundRefused("Give a URL starting with https:// (or http://).")
    if any(ord(c) < 0x21 or ord(c) == 0x7F for c in url):
        raise OutboundRefused("The URL has a space or a control character in it.")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise OutboundRefused("The URL is not valid: check the host name and port.") from None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise OutboundRefused("The URL must start with https:// (or http://).")
    if parts.username is not None or parts.password is not None or "@" in parts.netloc:
        raise OutboundRefused(
            "The URL has a user name or password in it; remove them (webhooks are signed "
            "with their secret instead)."
        )
    hostname = parts.hostname or ""
    if not hostname:
        raise OutboundRefused("The URL must name a host, e.g. https://hooks.example.com/mentora.")
    try:
        host = hostname.encode("idna").decode("ascii") if not _is_ip_literal(hostname) else hostname
    except UnicodeError:
        raise OutboundRefused("The host name in the URL is not valid.") from None
    port = port or (443 if scheme == "https" else 80)
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, OSError):
        raise OutboundRefused(f"The host {hostname} could not be found.") from None
    addresses: list[str] = []
    allow = allowed_networks()
    for info in infos:
        raw = str(info[4][0]).split("%", 1)[0]
        ip = ipaddress.ip_address(raw)
        reason = address_refusal(ip, allow)
        if reason:
            raise OutboundRefused(
                f"The host {hostname} is {reason}. Mentora only sends to public internet "
                "addresses; an operator can allow an internal range with MENTORA_OUTBOUND_ALLOW."
            )
        if raw not in addresses:
            addresses.append(raw)
    if not addresses:
        raise OutboundRefused(f"The host {hostname} could not be found.")
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    return _Target(scheme=scheme, host=host, port=port, path=path, addresses=tuple(addresses))


def _is_ip_literal(host: str) -> bool:
    try:
        ipaddress.ip_address(host.split("%", 1)[0])
    except ValueError:
        return False
    return True


def check_url(url: str) -> None:
    """Refuse (OutboundRefused) a URL the server may not fetch; return quietly when it may."""
    _target(url)


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """HTTP to a checked address, with the original host in the Host header."""

    def __init__(self, host: str, port: int, *, address: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self._address = address

    def connect(self) -> None:
        self.sock = socket.create_connection((self._address, self.port), self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    """HTTPS to a checked address; the certificate is verified for the original host name."""

    def __init__(
        self, host: str, port: int, *, address: str, timeout: float, context: ssl.SSLContext
    ) -> None:
        super().__init__(host, port, timeout=timeout, context=context)
        self._address = address
        self._ctx = context

    def connect(self) -> None:
        sock = socket.create_connection((self._address, self.port), self.timeout)
        try:
            self.sock = self._ctx.wrap_socket(sock, server_hostname=self.host)
        except BaseException:
            sock.close()
            raise


def _host_header(target: _Target) -> str:
    host = f"[{target.host}]" if ":" in target.host else target.host
    default = 443 if target.scheme == "https" else 80
    return host if target.port == default else f"{host}:{target.port}"


def fetch(
    url: str,
    *,
    method: str = "GET",
    headers: dict[str, str] | None = None,
    body: bytes | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> OutboundResponse:
    """Fetch a URL under the rule; a 2xx answer, else OutboundError (OutboundRefused first).

    The host is resolved and checked now (not trusted from an earlier check_url), and the
    connection goes to the address that passed. Redirects are answers like any other non-2xx:
    `OutboundError("HTTP 302")`. `timeout` bounds the whole exchange, not each read.
    """
    target = _target(url)
    deadline = time.monotonic() + timeout
    address = target.addresses[0]
    conn: Any
    if target.scheme == "https":
        conn = _PinnedHTTPSConnection(
            target.host, target.port, address=address, timeout=timeout,
            context=ssl.create_default_context(),
        )
    else:
        conn = _PinnedHTTPConnection(target.host, target.port, address=address, timeout=timeout)
    send_headers = {"User-Agent": USER_AGENT, "Accept-Encoding": "identity"}
    send_headers.update(headers or {})
    send_headers["Host"] = _host_header(target)
    try:
        conn.request(method, target.path, body=body, headers=send_headers)
        response = conn.getresponse()
        status = response.status
        if not 200 <= status < 300:
            raise OutboundError(f"HTTP {status}", status=status)
        length = response.getheader("Content-Length")
        if length and length.isdigit() and int(length) > max_bytes:
            raise OutboundError("too large", status=status)
        chunks: list[bytes] = []
        size = 0
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise OutboundError("timed out", status=status)
            if conn.sock is not None:
                conn.sock.settimeout(remaining)
            chunk = response.read1(65536) if hasattr(response, "read1") else response.read(65536)
            if not chunk:
                break
            size += len(chunk)
            if size > max_bytes:
                raise OutboundError("too large", status=status)
            chunks.append(chunk)
        answer_headers = {k.lower(): v for k, v in response.getheaders()}
        return OutboundResponse(status=status, headers=answer_headers, body=b"".join(chunks))
    except OutboundError:
        raise
    except ConnectionRefusedError:
        raise OutboundError("connection refused") from None
    except TimeoutError:
        raise OutboundError("timed out") from None
    except (ssl.SSLError, ssl.CertificateError):
        raise OutboundError("TLS error") from None
    except (http.client.HTTPException, ValueError, OSError):
        # A closed port, an open port that does not speak HTTP and a reset look the same on
        # purpose: the error is stored and shown, and must not map the network.
        raise OutboundError("connection failed") from None
    finally:
        conn.close()
