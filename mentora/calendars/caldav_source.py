"""CalDAV free-busy through the `caldav` client library: only busy periods come back.

The server is asked with a free-busy query (RFC 4791, 7.10), so event details never leave it.
The address is checked by the outbound-URL guard first; a password is only sent over https,
except to an address range the operator allowed on purpose (MENTORA_OUTBOUND_ALLOW).
"""

from __future__ import annotations

import ipaddress
import socket
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from caldav.davclient import DAVClient
from caldav.lib import error as caldav_error

from mentora.calendars.ical import merge
from mentora.lib import outbound
from mentora.lib.errors import DomainError

TIMEOUT_SECONDS = 15

UNREACHABLE = (
    "Your CalDAV server could not be reached ({kind}). Check the address (for example "
    "https://cloud.example.com/remote.php/dav) and try again."
)


def _operator_allowed(url: str) -> bool:
    host = urlsplit(url).hostname or ""
    networks = outbound.allowed_networks()
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(host, None)}
    except OSError:
        return False
    return bool(addresses) and all(
        any(ipaddress.ip_address(str(a).split("%")[0]) in n for n in networks) for a in addresses
    )


def check_caldav_url(url: str) -> None:
    """The guard's rule, and https for anything that carries a password."""
    try:
        outbound.check_url(url)
    except outbound.OutboundRefused as exc:
        raise DomainError(f"Calendar address: {exc}", field="url") from None
    if urlsplit(url).scheme != "https" and not _operator_allowed(url):
        raise DomainError(
            "Calendar address: use the https address of your CalDAV server; Mentora does not "
            "send your password over an unencrypted connection.",
            field="url",
        )


def _periods(freebusy: object) -> list[tuple[datetime, datetime]]:
    found: list[tuple[datetime, datetime]] = []
    component = freebusy.icalendar_instance  # type: ignore[attr-defined]
    for block in component.walk("VFREEBUSY"):
        values = block.get("FREEBUSY")
        if values is None:
            continue
        for value in values if isinstance(values, list) else [values]:
            if str(value.params.get("FBTYPE", "BUSY")).upper() == "FREE":
                continue
            for period in value.dt if isinstance(value.dt, list) else [value.dt]:
                start, end = period[0], period[1]
                if not isinstance(end, datetime):  # (start, duration)
                    end = start + end
                found.append((start.astimezone(UTC), end.astimezone(UTC)))
    return found


def busy_from_caldav(
    *, url: str, username: str, password: str, start: datetime, end: datetime
) -> list[tuple[datetime, datetime]]:
    """Busy periods of every calendar at `url` (a server, principal or one calendar)."""
    check_caldav_url(url)
    client: Any = DAVClient(
        url=url,
        username=username or None,
        password=password or None,
        timeout=TIMEOUT_SECONDS,
        enable_rfc6764=False,
        require_tls=urlsplit(url).scheme == "https",
    )
    try:
        try:
            calendars = client.principal().calendars()
        except caldav_error.DAVError:
            calendars = []
        if not calendars:
            calendars = [client.calendar(url=url)]
        found: list[tuple[datetime, datetime]] = []
        for calendar in calendars:
            found.extend(_periods(calendar.freebusy_request(start, end)))
    except caldav_error.AuthorizationError:
        raise DomainError(
            "Your CalDAV server refused the user name or password. Many servers want an app "
            "password made for Mentora (Nextcloud: Settings, Security; iCloud: Apple ID, "
            "App-specific passwords).",
            field="password",
        ) from None
    except caldav_error.DAVError:
        raise DomainError(
            "Your CalDAV server did not answer the free-busy question. Check that the address "
            "is your CalDAV address (not the web page of your calendar).",
            field="url",
        ) from None
    except TimeoutError:
        raise DomainError(UNREACHABLE.format(kind="it took too long"), field="url") from None
    except Exception as exc:  # noqa: BLE001 - network errors of niquests and lxml alike
        kind = "it took too long" if "timed out" in str(exc).lower() else "no answer"
        raise DomainError(UNREACHABLE.format(kind=kind), field="url") from None
    finally:
        client.close()
    return merge(found)
