"""Site-wide pages: the home page for each role and a health check."""

from typing import Any, cast

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import strip_tags
from django.views.decorators.http import require_safe

from mentora.accounts.models import User
from mentora.accounts.permissions import is_org_admin
from mentora.lib import clock
from mentora.lib.http import AuthedRequest
from mentora.outcomes.models import SurveyInvitationQuerySet
from mentora.outcomes.permissions import visible_invitations
from mentora.people.models import Profile
from mentora.people.selectors import profile_for
from mentora.programs.models import Enrollment, Program
from mentora.programs.permissions import visible_programs
from mentora.programs.selectors import program_counts
from mentora.recommendations.models import MentorChoice
from mentora.relationships.models import Relationship


@login_required
def home(request: AuthedRequest) -> HttpResponse:
    user = request.user
    enrollments = (
        Enrollment.objects.filter(user=user)
        .exclude(status__in=[Enrollment.Status.WITHDRAWN, Enrollment.Status.DECLINED])
        .select_related("program")
        .order_by("program__name")
    )
    managed = list(
        (Program.objects.all() if is_org_admin(user) else Program.objects.filter(managers=user))
        .exclude(status=Program.Status.ARCHIVED)
        .order_by("name")
    )
    # The same counts as the Programs list and each program's page (programs.selectors).
    counts = program_counts(program_ids=[p.pk for p in managed])
    for program in managed:
        c = counts[program.pk]
        program.enrolled, program.pending, program.waitlisted = (  # type: ignore[attr-defined]
            c.enrolled,
            c.pending,
            c.waitlisted,
        )
    # Six open programs the person has not joined, picked by the database (not every open
    # program loaded and filtered here).
    open_programs = list(
        visible_programs(user)
        .filter(status=Program.Status.OPEN)
        .exclude(pk__in=enrollments.values("program_id"))[:6]
    )
    profile = profile_for(user)
    enrolled = list(enrollments)
    context = {
        "profile": profile,
        "checklist": _checklist(user, profile, enrolled, managed),
        "enrollments": enrolled,
        "managed": managed,
        "open_programs": open_programs,
        "people_count": User.objects.filter(is_active=True).count() if is_org_admin(user) else None,
        **_waiting_for(user),
    }
    return render(request, "home.html", context)


def _checklist(
    user: User, profile: Profile, enrollments: list[Enrollment], managed: Any
) -> dict[str, Any] | None:
    """A short list of first steps that fits the person, or None once every step is done.

    Someone who offers mentoring or coaching (or is enrolled to give it) sets up what mentees
    will see, their places, availability and style; someone looking for help fills in their
    profile and career path, joins a program and chooses (or waits for) a mentor. Program
    staff who do neither get no list.
    """
    approved = [e for e in enrollments if e.status == Enrollment.Status.APPROVED]
    giving = [e for e in enrollments if e.role == Enrollment.Role.MENTOR]
    receiving = [e for e in enrollments if e.role == Enrollment.Role.MENTEE]
    missing = profile.missing()
    steps: list[dict[str, Any]]
    if profile.offers_help() or giving:
        summary = {item.field for item in missing}
        steps = [
            {
                "key": "seen",
                "done": not ({"experience_summary", "skills_offered", "coaching_focus"} & summary),
                "url": reverse("people:profile_edit") + "?step=career",
            },
            {
                "key": "capacity",
                "done": any(e.status == Enrollment.Status.APPROVED for e in giving),
                "url": reverse("programs:list"),
                "programs": [e.program for e in giving],
            },
            {"key": "availability", "done": "availability" not in summary,
             "url": reverse("people:availability")},
            {"key": "style", "done": "style" not in summary,
             "url": reverse("people:profile_edit") + "?step=style"},
        ]
        kind = "giving"
    elif receiving or not managed:
        first = missing[0] if missing else None
        choosing = [
            e.program for e in approved
            if e.role == Enrollment.Role.MENTEE
            and e.program.matching_mode != Program.MatchingMode.MANAGER
        ]
        matched = Relationship.objects.live().filter(mentee=user).exists()
        steps = [
            {
                "key": "profile",
                "done": first is None,
                "url": (
                    reverse("people:availability")
                    if first and first.step == "availability"
                    else reverse("people:profile_edit")
                    + f"?step={first.step if first else 'basics'}"
                ),
                "first": first.label if first else "",
                "more": max(0, len(missing) - 1),
            },
            {
                "key": "career",
                "done": bool(profile.target_occupation_code or profile.target_role),
                "url": reverse("growth:target"),
            },
            {"key": "join", "done": bool(receiving), "url": reverse("programs:list")},
            {
                "key": "choose" if choosing else "wait",
                "done": matched,
                "url": reverse("recommendations:program", args=[choosing[0].slug])
                if choosing else "",
                "program": choosing[0] if choosing else None,
            },
        ]
        kind = "receiving"
    else:
        return None
    if all(step["done"] for step in steps):
        return None
    return {"kind": kind, "steps": steps, "done": sum(1 for step in steps if step["done"])}


def first_steps_for(user: User) -> dict[str, Any] | None:
    """The home page's checklist for ``user`` as plain values, each step in the page's words
    (the same template): for the API's ``GET /me/first-steps``."""
    enrollments = list(
        Enrollment.objects.filter(user=user)
        .exclude(status__in=[Enrollment.Status.WITHDRAWN, Enrollment.Status.DECLINED])
        .select_related("program")
    )
    managed = list(
        (Program.objects.all() if is_org_admin(user) else Program.objects.filter(managers=user))
        .exclude(status=Program.Status.ARCHIVED)
    )
    checklist = _checklist(user, profile_for(user), enrollments, managed)
    if checklist is None:
        return None
    steps = []
    for step in checklist["steps"]:
        html = render_to_string(
            "includes/first_step.html", {"step": step, "checklist": checklist, "user": user}
        )
        steps.append({
            "key": step["key"],
            "done": step["done"],
            "text": " ".join(strip_tags(html).split()),
            "url": step["url"],
        })
    return {"kind": checklist["kind"], "done": checklist["done"], "steps": steps}


def _waiting_for(user: User) -> dict[str, object]:
    """What waits for this person (three queries): surveys to answer, requests to answer as
    a mentor or coach, and their own requests to mentors still open."""

    mine = cast(SurveyInvitationQuerySet, visible_invitations(user))
    surveys = list(
        mine.open_at(clock.now())
        .select_related("program")
        .order_by("closes_at", "pk")[:5]
    )
    return {
        "surveys_due": surveys,
        "requests_to_answer": Relationship.objects.filter(
            mentor=user, status=Relationship.Status.REQUESTED
        )
        .exclude(requested_by=user)
        .count(),
        "my_open_requests": MentorChoice.objects.open().filter(mentee=user).count(),
    }


@require_safe
def accessibility(request: HttpRequest) -> HttpResponse:
    """The accessibility statement, open to everyone (linked from every page's footer)."""
    return render(
        request, "accessibility.html", {"contact": settings.MENTORA_ACCESSIBILITY_CONTACT}
    )


def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness: the process answers. It does not touch the database (see readyz)."""
    return JsonResponse({"status": "ok"})


def readyz(request: HttpRequest) -> JsonResponse:
    """Readiness: the database answers a query; 503 with Retry-After when it does not."""
    from django.db import connection

    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any database error means "not ready"; the cause goes to the log
        import logging

        logging.getLogger(__name__).warning("readyz: the database does not answer", exc_info=True)
        response = JsonResponse({"status": "unavailable", "database": "unavailable"}, status=503)
        response["Retry-After"] = "30"
        return response
    return JsonResponse({"status": "ok", "database": "ok"})
