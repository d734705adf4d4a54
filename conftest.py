"""Shared pytest fixtures: the named personas and API clients."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs a loop


@pytest.fixture
def personas(db):
    from mentora.testing import make_personas

    return make_personas()


@pytest.fixture
def client_for(client):
    """A Django test client signed in as the given persona (None = anonymous)."""

    def _client_for(user):
        client.logout()
        if user is not None and user.is_authenticated:
            client.force_login(user)
        return client

    return _client_for


@pytest.fixture
def api_token_for(db):
    """A bearer-token Authorization header for the given user."""
    from mentora.accounts.services import api_token_create

    def _token(user):
        _, key = api_token_create(user=user, name="tests")
        return {"HTTP_AUTHORIZATION": f"Bearer {key}"}

    return _token


@pytest.fixture(autouse=True)
def _mail_stays_in_memory(settings):
    """Every test starts with Django's in-memory mail backend, whatever an earlier test (or the
    demo's serving code, which points mail at files) changed; a test may still set another."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture(autouse=True)
def _usable_database_connection():
    """Start each test on a working connection: a test that cuts the database off (outage and
    503 tests) can leave Django holding a closed PostgreSQL connection it does not notice."""
    from django.db import connection

    broken = connection.connection is not None and not connection.is_usable()
    if broken and not connection.in_atomic_block:
        connection.close()


@pytest.fixture(autouse=True)
def _example_hosts_resolve(monkeypatch):
    """Test machines have no DNS: names under example.com/.org resolve to one public address
    (example.com's own), so webhook URLs pass the outbound-URL guard (mentora.lib.outbound)
    exactly as on a real network; every other name is looked up as usual."""
    import socket

    real = socket.getaddrinfo

    def getaddrinfo(host, port, *args, **kwargs):
        name = host.decode() if isinstance(host, bytes) else str(host or "")
        if name.rstrip(".").endswith(("example.com", "example.org")):
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.215.14", port or 0))]
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)


@pytest.fixture(autouse=True)
def _default_branding():
    """Every test starts from Mentora's own look, cached, so pages ask no query for it."""
    from mentora.accounts.branding import branding_forget, branding_prime_default

    branding_prime_default()
    yield
    branding_forget()
