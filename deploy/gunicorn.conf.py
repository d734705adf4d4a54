"""gunicorn configuration for Mentora: `gunicorn -c deploy/gunicorn.conf.py`.

Every value can be overridden from the environment (the systemd unit reads
/etc/mentora/mentora.env), so the same file serves one small machine and a fleet.
See docs/deploy.md.
"""

import multiprocessing
import os

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
