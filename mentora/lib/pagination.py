"""The API's one pagination class: django-ninja's page numbers, with `page` bounded.

`page=576460752303423488` made the OFFSET overflow SQLite's 64-bit integer (HTTP 500 on every
paginated endpoint). A page past MAX_PAGE is refused as 422 naming `page`; a page past the
last one within the bound is an empty page, as before.
"""

from __future__ import annotations

from ninja import Field
from ninja.pagination import PageNumberPagination as NinjaPageNumberPagination

MAX_PAGE = 1_000_000


class PageNumberPagination(NinjaPageNumberPagination):
    """`?page=` from 1 to MAX_PAGE, `?page_size=` up to the configured maximum."""

    class Input(NinjaPageNumberPagination.Input):
        page: int = Field(1, ge=1, le=MAX_PAGE)
        page_size: int | None = Field(None, ge=1, le=MAX_PAGE)
