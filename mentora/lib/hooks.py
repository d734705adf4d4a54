"""A question a lower app asks and a higher app answers, without the lower one importing it.

Apps import one way only (docs/decisions/0020, 0022). When a lower app needs something only a
higher one knows (people's "shares a program with" rule needs programs; a matching run needs
recommendations' do-not-pair list), the lower app declares a `Hook` with what it does when
nobody answers, and the higher app plugs its function in from its `AppConfig.ready()`:

    # people/permissions.py (low)
    program_mates = Hook("people.program_mates", default=lambda viewer: [])

    # programs/apps.py (high), in ready()
    program_mates.provide(selectors.program_mates)

A reader of the lower app sees the question and its default at the call; the answer is one
`provide` call in the higher app's ready(). One provider per hook: a second one replaces the
first (tests may swap it and restore it with `provide(previous)`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")


class Hook(Generic[P, R]):
    """One function a lower app calls; a higher app provides it at start-up."""

    def __init__(self, name: str, *, default: Callable[P, R]) -> None:
        self.name = name
        self.default = default
        self.provider: Callable[P, R] | None = None

    def provide(self, fn: Callable[P, R]) -> Callable[P, R]:
        """Answer this hook with `fn` (usable as a decorator); returns `fn`."""
        self.provider = fn
        return fn

    def __call__(self, *args: P.args, **kwargs: P.kwargs) -> R:
        return (self.provider or self.default)(*args, **kwargs)

    def __repr__(self) -> str:
        who = getattr(self.provider, "__qualname__", None) or "its default"
        return f"<Hook {self.name} answered by {who}>"
