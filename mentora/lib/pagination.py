"""The API's one pagination class: django-ninja's page numbers, with `page` bounded.

`page=576460752303423488` made the OFFSET overflow SQLite's 64-bit integer (HTTP 500 on every
paginated endpoint). A page past MAX_PAGE is answered like any page past the last one: no
items, and the count, without asking the database for an offset it cannot hold.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja.pagination import PageNumberPagination as NinjaPageNumberPagination

MAX_PAGE = 1_000_000


class PageNumberPagination(NinjaPageNumberPagination):
    """`?page=` from 1; past MAX_PAGE (or past the last page) an empty page with the count."""

    def paginate_queryset(
        self,
        queryset: QuerySet[Any],
        pagination: NinjaPageNumberPagination.Input,
        request: HttpRequest,
        **params: Any,
    ) -> Any:
        if pagination.page > MAX_PAGE:
            return {self.items_attribute: [], "count": self._items_count(queryset)}
        return super().paginate_queryset(queryset, pagination, request, **params)
