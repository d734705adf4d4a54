"""What recommendations answers for the apps below it (mentora.lib.hooks), from ready()."""

from __future__ import annotations

from mentora.matching.services import runs
from mentora.recommendations.selectors import do_not_pair_user_pairs


def register() -> None:
    """Plug recommendations' answers into the hooks of lower apps."""
    runs.do_not_pair_user_pairs.provide(do_not_pair_user_pairs)
