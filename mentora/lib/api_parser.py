"""The API's request parser: JSON and query values, refusing the NUL character by field."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.datastructures import MultiValueDict
from ninja.parser import Parser

from mentora.lib.errors import DomainError

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


class StrictParser(Parser):
    """PostgreSQL cannot store NUL in text, so it is refused up front as bad input (422)."""

    def parse_body(self, request: HttpRequest) -> dict[str, Any]:
        data = super().parse_body(request)
        where = nul_path(data)
        if where is not None:
            raise DomainError(NUL_MESSAGE, field=where or "body")
        return data

    def parse_querydict(
        self, data: MultiValueDict, list_fields: list[str], request: HttpRequest
    ) -> dict[str, Any]:
        result = super().parse_querydict(data, list_fields, request)
        where = nul_path(result)
        if where is not None:
            raise DomainError(NUL_MESSAGE, field=where)
        return result
