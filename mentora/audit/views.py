"""The audit log page (organization admins): each entry a sentence with names."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render

from mentora.audit.forms import AuditFilterForm
from mentora.audit.permissions import can_read_audit_log
from mentora.audit.selectors import audit_entries
from mentora.audit.sentences import describe
from mentora.lib.http import AuthedRequest

PAGE_SIZE = 50


@login_required
def entry_list(request: AuthedRequest) -> HttpResponse:
    if not can_read_audit_log(request.user):
        raise PermissionDenied("Only organization admins can read the audit log.")
    form = AuditFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    entries = audit_entries(
        action=filters.get("action", ""),
        actor=filters.get("actor", "").strip(),
        program=filters.get("program", ""),
        since=filters.get("since"),
        until=filters.get("until"),
    )
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "audit/entry_list.html",
        {
            "form": form,
            "page": page,
            "rows": describe(page.object_list),
            "query": query.urlencode(),
        },
    )
