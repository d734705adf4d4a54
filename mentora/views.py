"""Site-wide pages: the home page for each role and a health check."""

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from mentora.accounts.models import User
from mentora.accounts.permissions import is_org_admin
from mentora.lib.http import AuthedRequest
from mentora.people.selectors import profile_for
from mentora.programs.models import Enrollment, Program
from mentora.programs.permissions import visible_programs


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
    joined = {e.program_id for e in enrollments}
    open_programs = [
        p for p in visible_programs(user).filter(status=Program.Status.OPEN) if p.pk not in joined
    ][:6]
    context = {
        "profile": profile_for(user),
        "enrollments": enrollments,
        "managed": managed,
        "open_programs": open_programs,
        "people_count": User.objects.filter(is_active=True).count() if is_org_admin(user) else None,
    }
    return render(request, "home.html", context)


def healthz(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})
