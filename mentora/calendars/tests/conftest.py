"""Fixtures for calendar tests: a loopback calendar host and a real Radicale CalDAV server."""

from __future__ import annotations

import pytest

from mentora.calendars.tests.servers import (
    start_calendar_host,
    start_radicale,
    stop_calendar_host,
)
from mentora.relationships.tests.conftest import NOW, accepted, active, now, requested

__all__ = ["NOW", "accepted", "active", "now", "requested"]


@pytest.fixture
def loopback(settings):
    # Loopback is refused by the outbound-URL guard unless the operator allows it on purpose.
    settings.MENTORA_OUTBOUND_ALLOW = ["127.0.0.0/8"]


@pytest.fixture
def calendar_host(loopback):
    host = start_calendar_host()
    yield host
    stop_calendar_host(host)


@pytest.fixture(scope="session")
def radicale(tmp_path_factory):
    server = start_radicale(tmp_path_factory.mktemp("radicale"))
    yield server
    server.stop()
