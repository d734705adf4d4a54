"""The organization's own look: name, logo and an accent colour checked for contrast.

Pages read it through the `branding` context processor (a CSS custom property and the
header); emails sign with the name. One row, read through a short per-process cache so a
page costs no query for it (docs/decisions/0072-organization-branding.md).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from mentora.accounts import permissions
from mentora.accounts.models import Branding
from mentora.audit.services import audit_record
from mentora.lib.errors import DomainError

CACHE_KEY = "mentora:branding"
LOGO_MAX_BYTES = 256 * 1024
# Magic numbers of the image formats a logo may be; SVG is refused (it can carry scripts).
LOGO_TYPES = {
    b"\x89PNG\r\n\x1a\n": "image/png",
    b"\xff\xd8\xff": "image/jpeg",
    b"RIFF": "image/webp",
}
MIN_CONTRAST = 4.5  # WCAG 2.2 AA for normal text: white on the accent, the accent on white
HEX = re.compile(r"^#?([0-9a-fA-F]{6}|[0-9a-fA-F]{3})$")


@dataclass(frozen=True)
class Look:
    """What pages and emails show; empty values fall back to Mentora's own."""

    name: str = ""
    accent: str = ""
    has_logo: bool = False
    version: str = ""  # changes with every save, so browsers fetch a new logo

    @property
    def display_name(self) -> str:
        return self.name or "Mentora"


def _cache_seconds() -> int:
    return int(getattr(settings, "MENTORA_BRANDING_CACHE_SECONDS", 60))


def branding_look() -> Look:
    """The current look (cached per process for MENTORA_BRANDING_CACHE_SECONDS)."""
    look = cache.get(CACHE_KEY)
    if isinstance(look, Look):
        return look
    row = Branding.objects.defer("logo").order_by("pk").first()
    look = (
        Look(
            name=row.name,
            accent=row.accent_colour,
            has_logo=bool(row.logo_type),
            version=str(int(row.updated_at.timestamp())),
        )
        if row
        else Look()
    )
    cache.set(CACHE_KEY, look, _cache_seconds())
    return look


def branding_forget() -> None:
    """Drop the cached look (after a change, and between tests)."""
    cache.delete(CACHE_KEY)


def branding_prime_default() -> None:
    """Cache the default look without asking the database (tests start from it)."""
    cache.set(CACHE_KEY, Look(), None)


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def luminance(colour: str) -> float:
    """WCAG relative luminance of a #rrggbb colour."""
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast_ratio(a: str, b: str) -> float:
    """WCAG contrast ratio between two #rrggbb colours (1 to 21)."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def clean_colour(raw: str) -> str:
    """A colour as #rrggbb, refused when white text on it (or it on white) is hard to read."""
    raw = (raw or "").strip()
    if not raw:
        return ""
    match = HEX.match(raw)
    if not match:
        raise DomainError(
            f"“{raw}” is not a colour; write it as # and six hexadecimal digits, e.g. #1d4ed8.",
            field="accent_colour",
        )
    digits = match.group(1).lower()
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    colour = "#" + digits
    ratio = contrast_ratio(colour, "#ffffff")
    if ratio < MIN_CONTRAST:
        raise DomainError(
            f"{colour} is too light: white text on it has a contrast of {ratio:.1f} to 1, and "
            f"it needs at least {MIN_CONTRAST} to 1 to be readable. Choose a darker shade.",
            field="accent_colour",
        )
    return colour


def logo_type_of(data: bytes) -> str:
    """The image type of an uploaded logo, or a DomainError naming the field."""
    if len(data) > LOGO_MAX_BYTES:
        raise DomainError(
            f"The logo is {len(data) // 1024} KB; keep it under {LOGO_MAX_BYTES // 1024} KB.",
            field="logo",
        )
    for magic, content_type in LOGO_TYPES.items():
        if data.startswith(magic) and (magic != b"RIFF" or data[8:12] == b"WEBP"):
            return content_type
    raise DomainError("The logo must be a PNG, JPEG or WebP image.", field="logo")


@transaction.atomic
def branding_update(
    *,
    by: Any,
    name: str | None = None,
    accent_colour: str | None = None,
    logo: bytes | None = None,
    remove_logo: bool = False,
) -> Branding:
    """Change the organization's name, accent colour or logo (organization admins); audited."""
    if not permissions.is_org_admin(by):
        raise DomainError("Only organization admins can change the branding.", code="forbidden")
    row = Branding.objects.select_for_update().order_by("pk").first() or Branding()
    changed: list[str] = []
    if name is not None:
        name = " ".join(name.split())
        if len(name) > 120:
            raise DomainError("Keep the organization name under 120 characters.", field="name")
        if name != row.name:
            row.name = name
            changed.append("name")
    if accent_colour is not None:
        colour = clean_colour(accent_colour)
        if colour != row.accent_colour:
            row.accent_colour = colour
            changed.append("accent colour")
    if logo is not None:
        row.logo_type = logo_type_of(logo)
        row.logo = logo
        changed.append("logo")
    elif remove_logo and row.logo_type:
        row.logo, row.logo_type = b"", ""
        changed.append("logo removed")
    if not changed:
        return row
    row.updated_at = timezone.now()
    row.updated_by = by
    row.save()
    audit_record(
        actor=by,
        action="branding.update",
        target_type="accounts.branding",
        target_id=row.pk,
        details={
            "changed": changed,
            "name": row.name,
            "accent_colour": row.accent_colour,
        },
    )
    transaction.on_commit(branding_forget)
    branding_forget()
    return row


def branding(request: HttpRequest) -> dict[str, Any]:
    """Context processor: the look, for the header and the accent colour."""
    return {"branding": branding_look()}
