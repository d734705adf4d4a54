"""Reuse the relationship fixtures (Maya and Marco at each stage) in notification tests."""

from mentora.relationships.tests.conftest import NOW, accepted, active, now, requested

__all__ = ["NOW", "accepted", "active", "now", "requested"]
