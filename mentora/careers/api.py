"""JSON API for career data: occupation search and role insights."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from ninja import Path, Query, Router
from ninja.errors import HttpError

from mentora.careers.permissions import can_view_career_data
from mentora.careers.schemas import InsightOut, SearchOut
from mentora.careers.search import MAX_QUERY_LENGTH, search_occupations
from mentora.careers.selectors import current_releases, occupation_insight
from mentora.lib.errors import DomainError

router = Router(tags=["careers"])

CODE_PATTERN = r"^[0-9]{2}-[0-9]{4}\.[0-9]{2}$"


def _require_viewer(request: HttpRequest) -> None:
    if not can_view_career_data(request.user):
        raise HttpError(403, "You may not view career data.")


@router.get("/search", response=SearchOut, summary="Find occupations by job title")
def search(
    request: HttpRequest,
    q: str = Query(..., min_length=1, max_length=MAX_QUERY_LENGTH, description="A job title"),
    limit: int = Query(10, ge=1, le=50),
) -> dict[str, Any]:
    """Occupations best matching a job title as a person would type it, best first."""
    _require_viewer(request)
    if not q.strip():
        raise DomainError("Type a job title to search for.", field="q")
    releases = current_releases()
    matches = search_occupations(q, limit=limit) if releases.onet else []
    return {
        "query": q,
        "results": [
            {**asdict(m), "url": reverse("careers:occupation", args=[m.code])} for m in matches
        ],
        "attribution": releases.attribution.as_dict(),
    }


@router.get("/occupations/{code}", response=InsightOut, summary="Role insight for one occupation")
def occupation(
    request: HttpRequest,
    code: str = Path(..., pattern=CODE_PATTERN, description="O*NET-SOC code, like 15-1252.00"),
) -> dict[str, Any]:
    """Skills, knowledge, technologies, tasks, related roles and market outlook."""
    _require_viewer(request)
    insight = occupation_insight(code)
    if insight is None:
        raise HttpError(
            404,
            f"No occupation with O*NET-SOC code {code}. Find codes with "
            "/api/v1/careers/search?q=<job title>.",
        )
    occ = insight.occupation
    zone = insight.job_zone
    return {
        "code": occ.code,
        "title": occ.title,
        "description": occ.description,
        "soc_code": occ.soc_code,
        "url": reverse("careers:occupation", args=[occ.code]),
        "job_zone": None
        if zone is None
        else {
            "zone": zone.zone,
            "name": zone.name,
            "experience": zone.experience,
            "education": zone.education,
            "job_training": zone.job_training,
        },
        "has_ratings": insight.has_ratings,
        "notes": insight.notes,
        "skills": [asdict(e) for e in insight.skills],
        "knowledge": [asdict(e) for e in insight.knowledge],
        "technologies": [
            {"name": t.name, "category": t.category, "hot": t.hot, "in_demand": t.in_demand}
            for t in insight.technologies
        ],
        "technology_count": insight.technology_count,
        "tasks": [{"text": t.text, "kind": t.kind or "unrated"} for t in insight.tasks],
        "step_up": [asdict(r) for r in insight.step_up],
        "step_across": [asdict(r) for r in insight.step_across],
        "outlook": asdict(insight.outlook) if insight.outlook else None,
        "onet_release": insight.releases.onet.title if insight.releases.onet else None,
        "bls_release": insight.releases.bls.title if insight.releases.bls else None,
        "attribution": insight.attribution.as_dict(),
    }
