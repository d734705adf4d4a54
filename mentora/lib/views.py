"""What pages of every app share when they call a service."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages

from mentora.lib.errors import DomainError
from mentora.lib.http import AuthedRequest


def run_service(request: AuthedRequest, call: Callable[[], Any], success: str) -> bool:
    """Call a service; its DomainError becomes an error message, success a success message."""
    try:
        call()
    except DomainError as exc:
        messages.error(request, exc.message)
        return False
    if success:  # "" for changes the page itself shows (e.g. an htmx fragment)
        messages.success(request, success)
    return True
