"""Sign-in throttling glue for django-axes: the client's address and a normalised username.

Lockout counts failures per (email, client address) pair — see docs/security.md for why.
"""

from __future__ import annotations

from typing import Any

from axes.backends import AxesStandaloneBackend
from axes.exceptions import AxesBackendPermissionDenied
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest
from django.utils import timezone


class LoginThrottleBackend(AxesStandaloneBackend):
    """Refuses sign-in while an (email, address) pair is locked out; never signs anyone in.

    Only sign-ins that come with a request (the login form, the Django admin) are web
    sign-ins an attacker can repeat; code that checks a password without one (tests, the
    shell) is not throttled instead of failing.
    """

    def authenticate(  # type: ignore[override]
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> None:
        if request is None:
            return None
        if address_locked_out(request):
            request.axes_locked_out = True  # type: ignore[attr-defined]  # the 429 page
            raise AxesBackendPermissionDenied("Too many failed sign-ins from this address.")
        return super().authenticate(request, username, password, **kwargs)  # type: ignore[arg-type]


def address_failures(address: str) -> int:
    """Failed sign-ins from one address, for every email, within the lockout period."""
    if not address:
        return 0
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    total = AccessAttempt.objects.filter(ip_address=address, attempt_time__gte=since).aggregate(
        n=Sum("failures_since_start")
    )["n"]
    return int(total or 0)


def address_locked_out(request: HttpRequest) -> bool:
    """Password spraying: one address trying many emails is stopped after
    LOGIN_ADDRESS_FAILURE_LIMIT failures in all, whichever emails they were for."""
    limit = int(getattr(settings, "LOGIN_ADDRESS_FAILURE_LIMIT", 0) or 0)
    return limit > 0 and address_failures(client_ip(request)) >= limit


def client_ip(request: HttpRequest) -> str:
    """The client's address: REMOTE_ADDR, or from X-Forwarded-For behind trusted proxies.

    With `TRUSTED_PROXY_COUNT=n` the n-th address from the right of X-Forwarded-For is the
    client (each proxy appends the address it saw), so a client cannot forge it by sending
    its own header.
    """
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    remote = str(request.META.get("REMOTE_ADDR") or "")
    if proxies <= 0:
        return remote
    hops = [h.strip() for h in str(request.META.get("HTTP_X_FORWARDED_FOR", "")).split(",")]
    hops = [h for h in hops if h]
    if len(hops) >= proxies:
        return hops[-proxies]
    return hops[0] if hops else remote


def login_username(request: HttpRequest, credentials: dict[str, Any] | None) -> str:
    """The email tried, in lowercase, so 'Maya@X' and 'maya@x' share one failure count."""
    value: Any = None
    if credentials:
        value = credentials.get(settings.AXES_USERNAME_FORM_FIELD)
    if value is None and request is not None:
        value = request.POST.get(settings.AXES_USERNAME_FORM_FIELD)
    return str(value or "").strip().lower()
