"""Audit log JSON API (organization admins)."""

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router
from ninja.errors import HttpError

from mentora.accounts.api import current_user
from mentora.audit.permissions import can_read_audit_log
from mentora.audit.schemas import AuditEntryOut, AuditFilters, AuditPageOut
from mentora.audit.selectors import audit_entries
from mentora.audit.sentences import describe
from mentora.lib.pagination import MAX_PAGE

router = Router(tags=["audit"])


PAGE_SIZE = 100


@router.get("/entries", response=AuditPageOut, summary="The audit log, newest first")
def entry_list(request: HttpRequest, filters: Query[AuditFilters]) -> dict[str, Any]:
    if not can_read_audit_log(current_user(request)):
        raise HttpError(403, "Only organization admins can read the audit log.")
    if filters.since and filters.until and filters.until < filters.since:
        raise HttpError(422, "until: must be on or after since.")
    entries = audit_entries(
        action=filters.action or "",
        actor=filters.actor.strip(),
        target_type=filters.target_type.strip(),
        target_id=filters.target_id.strip(),
        program=filters.program.strip(),
        since=filters.since,
        until=filters.until,
    )
    # Paged here rather than by @paginate, so the sentences of a page are read in two
    # queries (people's and programs' names) instead of two per entry.
    count = entries.count()
    if filters.page > MAX_PAGE:  # past any real page: empty, without an offset SQLite can't hold
        return {"count": count, "items": []}
    start = (filters.page - 1) * PAGE_SIZE
    rows = describe(entries[start : start + PAGE_SIZE])
    return {
        "count": count,
        "items": [{**AuditEntryOut.from_orm(e).model_dump(), "sentence": s} for e, s in rows],
    }
