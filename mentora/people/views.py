"""Profile pages, the mentor and coach directory, and the organization's people list."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from mentora.accounts.models import User
from mentora.accounts.permissions import is_org_admin
from mentora.growth.services import career_roles_set
from mentora.lib.errors import DomainError
from mentora.lib.http import AuthedRequest
from mentora.people import personality
from mentora.people.forms import (
    AvailabilityFormSet,
    DirectoryFilterForm,
    PersonalityForm,
    ProfileForm,
)
from mentora.people.models import Profile
from mentora.people.permissions import can_view_profile
from mentora.people.selectors import (
    departments,
    directory_page,
    directory_search,
    profile_for,
)
from mentora.people.services import (
    profile_score_personality,
    profile_set_availability,
    profile_update,
)


@login_required
def profile_edit(request: AuthedRequest) -> HttpResponse:
    profile = profile_for(request.user)
    form = ProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                profile_update(
                    profile=Profile.objects.get(pk=profile.pk),
                    by=request.user,
                    data=form.profile_data(),
                    **form.list_values(),
                )
                codes = form.occupation_codes()
                if codes is not None:
                    career_roles_set(user=request.user, by=request.user, **codes)
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, "Your profile is saved.")
            return redirect("people:profile_edit")
    return render(request, "people/profile_edit.html", {"form": form, "profile": profile})


@login_required
def availability_edit(request: AuthedRequest) -> HttpResponse:
    profile = profile_for(request.user)
    initial = [
        {"weekday": w.weekday, "starts_at": w.starts_at, "ends_at": w.ends_at}
        for w in profile.availability.all()
    ]
    formset = AvailabilityFormSet(request.POST or None, initial=initial, prefix="window")
    error = None
    if request.method == "POST" and formset.is_valid():
        windows = [
            (f.cleaned_data["weekday"], f.cleaned_data["starts_at"], f.cleaned_data["ends_at"])
            for f in formset.forms
            if f.cleaned_data.get("weekday") is not None
        ]
        try:
            profile_set_availability(profile=profile, by=request.user, windows=windows)
        except DomainError as exc:
            error = exc.message
        else:
            messages.success(request, "Your availability is saved.")
            return redirect("people:availability")
    return render(
        request,
        "people/availability_edit.html",
        {"formset": formset, "profile": profile, "error": error},
    )


@login_required
def personality_edit(request: AuthedRequest) -> HttpResponse:
    profile = profile_for(request.user)
    initial = {f"item_{k}": v for k, v in (profile.ipip_answers or {}).items()}
    form = PersonalityForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            profile_score_personality(profile=profile, by=request.user, answers=form.answers())
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, "Thank you: your five trait scores are saved.")
            return redirect("people:personality")
    return render(
        request,
        "people/personality_edit.html",
        {"form": form, "profile": profile, "scale": personality.SCALE},
    )


@login_required
def directory(request: AuthedRequest) -> HttpResponse:
    form = DirectoryFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    results = directory_search(viewer=request.user, **{k: v for k, v in filters.items() if v})
    page = directory_page(results, number=request.GET.get("page"), per_page=24)
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "query": query.urlencode()}
    if request.htmx:  # type: ignore[attr-defined]
        # Only the results are swapped in: the department suggestions are already on the page.
        return render(request, "people/directory_results.html", context)
    return render(request, "people/directory.html", context | {"departments": departments()})


@login_required
def profile_detail(request: AuthedRequest, user_id: int) -> HttpResponse:
    profile = get_object_or_404(
        Profile.objects.select_related("user", "manager").prefetch_related(
            "skills_offered", "skills_wanted", "languages", "availability"
        ),
        user_id=user_id,
    )
    if not can_view_profile(request.user, profile):
        # Not found rather than forbidden, so hidden profiles do not reveal they exist.
        raise Http404("No such profile.")
    return render(request, "people/profile_detail.html", {"profile": profile})


@login_required
def admin_people(request: AuthedRequest) -> HttpResponse:
    if not is_org_admin(request.user):
        raise PermissionDenied("Only organization admins can list everyone.")
    q = request.GET.get("q", "").strip()
    people = (
        User.objects.select_related("profile", "profile__manager")
        .annotate(enrollment_count=Count("enrollments"))
        .order_by("full_name", "pk")
    )
    if q:
        people = people.filter(full_name__icontains=q) | people.filter(email__icontains=q)
    page = Paginator(people, 50).get_page(request.GET.get("page"))
    return render(request, "people/admin_people.html", {"page": page, "q": q})
