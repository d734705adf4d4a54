"""Site-wide pages: the home page for each role and a health check."""

from typing import cast

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from mentora.accounts.models import User
from mentora.accounts.permissions import is_org_admin
from mentora.lib import clock
from mentora.lib.http import AuthedRequest
from mentora.outcomes.models import SurveyInvitationQuerySet
from mentora.outcomes.permissions import visible_invitations
from mentora.people.selectors import profile_for
from mentora.programs.models import Enrollment, Program
from mentora.programs.permissions import visible_programs
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
    managed = (
        (Program.objects.all() if is_org_admin(user) else Program.objects.filter(managers=user))
        .annotate(
            pending=Count("enrollments", filter=Q(enrollments__status=Enrollment.Status.PENDING)),
            waitlisted=Count(
                "enrollments", filter=Q(enrollments__status=Enrollment.Status.WAITLISTED)
            ),
            enrolled=Count("enrollments", filter=Q(enrollments__status=Enrollment.Status.APPROVED)),
        )
        .order_by("name")
    )
    # Six open programs the person has not joined, picked by the database (not every open
    # program loaded and filtered here).
    open_programs = list(
        visible_programs(user)
        .filter(status=Program.Status.OPEN)
        .exclude(pk__in=enrollments.values("program_id"))[:6]
    )
    context = {
        "profile": profile_for(user),
        "enrollments": enrollments,
        "managed": managed,
        "open_programs": open_programs,
        "people_count": User.objects.filter(is_active=True).count() if is_org_admin(user) else None,
        **_waiting_for(user),
    }
    return render(request, "home.html", context)


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


def healthz(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})
