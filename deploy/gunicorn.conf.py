"""gunicorn configuration for Mentora: `gunicorn -c deploy/gunicorn.conf.py`.

Every value can be overridden from the environment (the systemd unit reads
/etc/mentora/mentora.env), so the same file serves one small machine and a fleet.
See docs/deploy.md.
"""

import multiprocessing
import os
import re

from gunicorn.glogging import Logger

wsgi_app = "mentora.wsgi:application"

# Behind nginx on the same machine: listen on loopback only.
bind = os.environ.get("MENTORA_BIND", "127.0.0.1:8000")

# Sync workers: Mentora's views are short database-bound requests; 2 x cores + 1 is
# gunicorn's rule of thumb. Each worker holds at most one database connection.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
worker_class = "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))  # HRIS imports of 100,000 rows
graceful_timeout = 30
keepalive = 5

# Recycle workers now and then so a slow leak can never grow without bound.
max_requests = 2000
max_requests_jitter = 200

# nginx sets X-Forwarded-Proto; trust it only from the proxy's address so Django sees https.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# Logs to stdout/stderr: journald (systemd) keeps them.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")

# Some URLs are bearer credentials: the calendar feed, one-click email links, the emailed data
# link, survey links, password-reset links, and the single sign-on callback's code and state.
# Whoever reads the access log must not be able to replay them (docs/security.md).
SECRET_PATHS = re.compile(
    r"(/accounts/reset/[^/\s]+/|/accounts/my-data/link/|/notifications/do/"
    r"|/notifications/calendar/|/outcomes/s/)[^/\s?\"]+?(?=\.ics|/|\?|\s|\"|$)"
)
SECRET_QUERY = re.compile(
    r"(?i)((?:^|[?&])(?:code|state|token|key|access_token|id_token|session_state)=)[^&\s\"]*"
)


def redact(text: str) -> str:
    """A request line, path, query or referrer with its secrets replaced by "[redacted]"."""
    text = SECRET_PATHS.sub(r"\1[redacted]", text)
    return SECRET_QUERY.sub(r"\1[redacted]", text)


class RedactingLogger(Logger):
    """gunicorn's logger, with secrets in URLs removed from the access log."""

    def atoms(self, resp, req, environ, request_time):  # type: ignore[no-untyped-def]
        atoms = super().atoms(resp, req, environ, request_time)
        for key in ("r", "U", "q", "f"):
            if isinstance(atoms.get(key), str):
                atoms[key] = redact(atoms[key])
        return atoms


logger_class = RedactingLogger
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")

# Heartbeat files in memory, not on a possibly slow disk.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None


def post_worker_init(worker):  # type: ignore[no-untyped-def]
    """Import the URLconf (every view and API module) before the first request, not during it,
    then freeze what was imported out of the garbage collector's reach."""
    import gc

    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018
    # The imports leave ~220,000 long-lived objects (Django, the API schemas, SciPy). Every
    # full collection walked them all: a 0.3 s pause in the middle of whichever request was
    # running, the p95/p99 tail measured in docs/performance.md. Frozen, they are skipped.
    gc.collect()
    gc.freeze()
