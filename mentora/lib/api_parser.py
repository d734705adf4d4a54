"""The API's request parser: JSON and query values, refusing text that cannot be stored.

NUL (PostgreSQL cannot store it), other control characters except tab and line breaks, and
lone UTF-16 surrogates (valid JSON, not encodable as UTF-8) are refused as 422 naming the
field. Single-line fields are held to the stricter rule by the models (mentora.lib.text).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.datastructures import MultiValueDict
from ninja.parser import Parser

from mentora.lib.errors import DomainError
from mentora.lib.text import text_problem

NUL_MESSAGE = "Text cannot contain the NUL character (\\u0000)."


def nul_path(value: Any, path: str = "") -> str | None:
    """The dotted path of the first string holding a NUL character, or None."""
    if isinstance(value, str):
        return path if "\x00" in value else None
    if isinstance(value, dict):
        items: Any = value.items()
    elif isinstance(value, list):
        items = enumerate(value)
    else:
        return None
    for key, item in items:
        if isinstance(key, str) and "\x00" in key:
            return f"{path}.{key!r}" if path else repr(key)
        found = nul_path(item, f"{path}.{key}" if path else str(key))
        if found is not None:
            return found
    return None


def bad_text(value: Any, path: str = "") -> tuple[str, str] | None:
    """(dotted path, what is wrong) of the first string that cannot be stored, or None."""
    if isinstance(value, str):
        if "\x00" in value:
            return path, NUL_MESSAGE
        problem = text_problem(value, single_line=False)
        return (path, f"The text {problem}") if problem else None
    if isinstance(value, dict):
        items: Any = value.items()
    elif isinstance(value, list):
        items = enumerate(value)
    else:
        return None
    for key, item in items:
        if isinstance(key, str) and bad_text(key) is not None:
            where = f"{path}.{key!r}" if path else repr(key)
            return where, bad_text(key)[1]  # type: ignore[index]
        found = bad_text(item, f"{path}.{key}" if path else str(key))
        if found is not None:
            return found
    return None


class StrictParser(Parser):
    """Text that cannot be stored is refused up front as bad input (422 naming the field)."""

    def parse_body(self, request: HttpRequest) -> dict[str, Any]:
        data = super().parse_body(request)
        found = bad_text(data)
        if found is not None:
            raise DomainError(found[1], field=found[0] or "body")
        return data

    def parse_querydict(
        self, data: MultiValueDict, list_fields: list[str], request: HttpRequest
    ) -> dict[str, Any]:
        result = super().parse_querydict(data, list_fields, request)
        found = bad_text(result)
        if found is not None:
            raise DomainError(found[1], field=found[0])
        return result
