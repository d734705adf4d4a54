"""Maya and Marco in Grow: a request, then an active relationship (relationships' fixtures)."""

from mentora.relationships.tests.conftest import accepted, active, now, requested  # noqa: F401
