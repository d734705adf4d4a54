"""What relationships answers for the apps below it (mentora.lib.hooks), from ready()."""

from __future__ import annotations

from mentora.people import importing
from mentora.relationships.services import leavers


def register() -> None:
    """Plug relationships' answers into the hooks of lower apps."""
    importing.live_relationship_counts.provide(leavers.live_relationship_counts)
    importing.leaver_relationships_end.provide(leavers.leaver_relationships_end)
