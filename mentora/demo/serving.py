"""Serving Mentora from one process: address parsing, the threaded server, background work.

`mentora serve` and `mentora demo` use Django's own threaded WSGI server (the one behind
runserver, without the autoreloader); static files come from WhiteNoise. Production runs
`gunicorn mentora.wsgi` instead.
"""

from __future__ import annotations

import errno
import re
import signal
import threading
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.management.base import CommandError
from django.core.servers.basehttp import (
    ThreadedWSGIServer,
    WSGIRequestHandler,
    get_internal_wsgi_application,
)
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor

from mentora.jobs import start_background_worker

DEFAULT_ADDR = "127.0.0.1:8000"
_ADDR = re.compile(r"^(?:(?P<host>\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):)?(?P<port>\d+)$")


@dataclass(frozen=True)
class Address:
    """Where to listen: host, port and whether the host is IPv6."""

    host: str
    port: int
    ipv6: bool = False

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if self.ipv6 else self.host
        return f"http://{host}:{self.port}"


def parse_addr(value: str) -> Address:
    """HOST:PORT, [IPv6]:PORT or PORT alone (host 127.0.0.1); a clear error otherwise."""
    match = _ADDR.match(value.strip())
    if not match:
        raise CommandError(
            f"--addr: “{value}” is not HOST:PORT; use for example 127.0.0.1:8000 or 0.0.0.0:8000."
        )
    port = int(match["port"])
    if not 0 <= port <= 65535:
        raise CommandError(f"--addr: port {port} is out of range; use 1 to 65535.")
    host = match["host"] or "127.0.0.1"
    if host.startswith("["):
        return Address(host[1:-1], port, ipv6=True)
    return Address(host, port)


def host_warning(address: Address) -> str | None:
    """A hint when pages served on this host would be refused by ALLOWED_HOSTS."""
    allowed = set(settings.ALLOWED_HOSTS)
    if "*" in allowed or address.host in allowed:
        return None
    if address.host in ("0.0.0.0", "::"):
        if allowed - {"127.0.0.1", "localhost", "::1"}:
            return None
        return (
            "Listening on every interface, but ALLOWED_HOSTS only names this machine; set "
            "ALLOWED_HOSTS=<the name or address others use> so they can load pages."
        )
    return (
        f"{address.host} is not in ALLOWED_HOSTS ({', '.join(sorted(allowed)) or 'empty'}); "
        f"set ALLOWED_HOSTS={address.host} so pages load at that address."
    )


def pending_migrations() -> int:
    """How many migrations the database still needs."""
    connection = connections[DEFAULT_DB_ALIAS]
    executor = MigrationExecutor(connection)
    return len(executor.migration_plan(executor.loader.graph.leaf_nodes()))


def make_server(address: Address) -> ThreadedWSGIServer:
    """Bind the threaded server to the address; a clear error when that is not possible."""
    try:
        server = ThreadedWSGIServer(
            (address.host, address.port), WSGIRequestHandler, ipv6=address.ipv6
        )
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise CommandError(
                f"Port {address.port} on {address.host} is already in use (is Mentora already "
                f"running?). Stop it or choose another port, e.g. --addr {address.host}:"
                f"{address.port + 1 if address.port else 8001}."
            ) from exc
        if exc.errno == errno.EACCES:
            raise CommandError(
                f"No permission to listen on port {address.port}; use a port above 1023."
            ) from exc
        raise CommandError(f"Cannot listen on {address.url}: {exc.strerror or exc}.") from exc
    server.daemon_threads = True
    server.set_app(get_internal_wsgi_application())
    return server


def point_demo_at(url: str) -> str | None:
    """Make the demo's emails useful where it runs: links point at the address being served
    (unless SITE_URL is set), and, unless EMAIL_BACKEND is set, emails go to files in the data
    directory instead of hundreds of them scrolling the sign-ins off the terminal. Returns the
    mail directory when emails go to files."""
    import os

    if not os.environ.get("SITE_URL"):
        settings.SITE_URL = url
    if os.environ.get("EMAIL_BACKEND"):
        return None
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    return str(settings.EMAIL_FILE_PATH)


def start_background_threads(stop: threading.Event) -> list[threading.Thread]:
    """Start the work the demo runs beside the web server, in the same process.

    The worker (the job schedule, `mentora.jobs`) runs as a daemon thread, so reminders
    and invitations go out while the demo is served; it ends with the process.
    """
    return [start_background_worker()]


def bound_address(server: ThreadedWSGIServer, address: Address) -> Address:
    """The address with the port the server really got (port 0 asks for any free one)."""
    return Address(address.host, server.server_port, address.ipv6)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def run_server(
    server: ThreadedWSGIServer,
    *,
    background: Callable[[threading.Event], list[threading.Thread]] | None = None,
) -> None:
    """Serve until Ctrl+C, then stop background threads and release the port."""
    stop = threading.Event()
    if threading.current_thread() is threading.main_thread():
        # `docker stop` and service managers send SIGTERM: stop as cleanly as on Ctrl+C.
        signal.signal(signal.SIGTERM, _interrupt)
    threads = background(stop) if background else []
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        server.server_close()
        for thread in threads:
            thread.join(timeout=5)
