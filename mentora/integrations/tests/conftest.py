"""Fixtures for integration tests: a loopback webhook receiver and relationship stages."""

from __future__ import annotations

import pytest

from mentora.integrations.tests.receiver import start_receiver
from mentora.relationships.tests.conftest import NOW, accepted, active, now, requested

__all__ = ["NOW", "accepted", "active", "now", "requested"]


@pytest.fixture
def receiver():
    server = start_receiver()
    yield server
    assert server.server is not None
    server.server.shutdown()
    server.server.server_close()
