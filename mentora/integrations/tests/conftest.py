"""Fixtures for integration tests: a loopback webhook receiver and relationship stages."""

from __future__ import annotations

import pytest

from mentora.integrations.tests.receiver import start_receiver
from mentora.relationships.tests.conftest import NOW, accepted, active, now, requested

__all__ = ["NOW", "accepted", "active", "now", "requested"]


@pytest.fixture
def receiver(settings):
    # The receiver listens on loopback, which the outbound-URL guard refuses unless the
    # operator allows it (docs/security.md#outbound-urls).
    settings.MENTORA_OUTBOUND_ALLOW = ["127.0.0.0/8"]
    server = start_receiver()
    yield server
    assert server.server is not None
    server.server.shutdown()
    server.server.server_close()


def start_provider(*redirect_uris: str, id_token_seconds: int = 300):
    """Start the loopback OpenID Connect provider process; returns (process, its facts)."""
    import json
    import subprocess
    import sys

    command = [
        sys.executable, "-m", "mentora.integrations.tests.oidc_provider",
        "--id-token-seconds", str(id_token_seconds),
        "--user", "Maya.Mentee@Example.com:idp-password:Maya Mentee",
        "--user", "new.person@example.com:idp-password:Nina Newcomer",
        "--user", "uma.unrelated@example.com:idp-password:Uma Unrelated",
    ]
    for uri in redirect_uris:
        command += ["--redirect-uri", uri]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None
    line = process.stdout.readline()
    if not line:
        process.wait(timeout=10)
        raise RuntimeError(f"the OIDC test provider did not start (exit {process.returncode})")
    return process, json.loads(line)


def stop_provider(process) -> None:
    process.terminate()
    process.wait(timeout=10)
