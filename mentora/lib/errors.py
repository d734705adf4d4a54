"""The one exception services raise for a rule a person broke."""

from __future__ import annotations


class DomainError(Exception):
    """A rule of the domain was broken; the message tells a person what to do.

    ``field`` names the input at fault when there is one, so forms can attach the
    message to it and the API can report it.
    """

    def __init__(self, message: str, *, field: str | None = None, code: str = "invalid") -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.code = code

    def __str__(self) -> str:
        return self.message
