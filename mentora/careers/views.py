"""Career pages: search occupations by job title, and the role insight of one occupation."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render

from mentora.careers.permissions import can_view_career_data
from mentora.careers.search import MAX_QUERY_LENGTH, search_occupations
from mentora.careers.selectors import current_releases, occupation_insight
from mentora.lib.http import AuthedRequest

SEARCH_LIMIT = 20


@login_required
def search(request: AuthedRequest) -> HttpResponse:
    if not can_view_career_data(request.user):
        raise PermissionDenied
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    releases = current_releases()
    matches = search_occupations(query, limit=SEARCH_LIMIT) if query and releases.onet else []
    context = {
        "query": query,
        "matches": matches,
        "releases": releases,
        "attribution": releases.attribution,
    }
    template = "careers/occupation_search.html"
    htmx = getattr(request, "htmx", None)
    if htmx and not htmx.boosted and not htmx.history_restore_request:
        template += "#results"  # search-as-you-type replaces only the results
    return render(request, template, context)


@login_required
def occupation(request: AuthedRequest, code: str) -> HttpResponse:
    if not can_view_career_data(request.user):
        raise PermissionDenied
    insight = occupation_insight(code)
    if insight is None:
        raise Http404(f"No occupation with O*NET-SOC code {code} is loaded.")
    return render(request, "careers/occupation_detail.html", {"insight": insight})
