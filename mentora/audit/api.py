"""Audit log JSON API (organization admins)."""

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Query, Router
from ninja.errors import HttpError
from ninja.pagination import paginate

from mentora.accounts.api import current_user
from mentora.audit.models import AuditEntry
from mentora.audit.permissions import can_read_audit_log
from mentora.audit.schemas import AuditEntryOut, AuditFilters
from mentora.audit.selectors import audit_entries
from mentora.lib.pagination import PageNumberPagination

router = Router(tags=["audit"])


@router.get("/entries", response=list[AuditEntryOut], summary="The audit log, newest first")
@paginate(PageNumberPagination)
def entry_list(request: HttpRequest, filters: Query[AuditFilters]) -> QuerySet[AuditEntry]:
    if not can_read_audit_log(current_user(request)):
        raise HttpError(403, "Only organization admins can read the audit log.")
    if filters.since and filters.until and filters.until < filters.since:
        raise HttpError(422, "until: must be on or after since.")
    return audit_entries(
        action=filters.action or "",
        actor=filters.actor.strip(),
        target_type=filters.target_type.strip(),
        target_id=filters.target_id.strip(),
        since=filters.since,
        until=filters.until,
    )
