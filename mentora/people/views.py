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
from django.urls import reverse
from django.views.decorators.http import require_POST

from mentora.accounts.models import User
from mentora.accounts.permissions import is_org_admin
from mentora.lib.errors import DomainError
from mentora.lib.http import AuthedRequest
from mentora.people import personality
from mentora.people.forms import (
    AvailabilityFormSet,
    DirectoryFilterForm,
    PersonalityForm,
    PhotoForm,
    ProfileForm,
    career_roles_save,
)
from mentora.people.models import PROFILE_STEPS, Profile, ProfilePhoto
from mentora.people.permissions import can_view_profile
from mentora.people.selectors import (
    departments,
    directory_page,
    directory_search,
    profile_for,
)
from mentora.people.services import (
    profile_photo_remove,
    profile_photo_set,
    profile_score_personality,
    profile_set_availability,
    profile_update,
)

STEP_KEYS = [key for key, _ in PROFILE_STEPS]
STEP_TITLES = dict(PROFILE_STEPS)


def _next_step(step: str) -> str:
    return STEP_KEYS[STEP_KEYS.index(step) + 1]


def _step_url(step: str) -> str:
    if step == "availability":
        return reverse("people:availability")
    return f"{reverse('people:profile_edit')}?step={step}"


def _steps_context(profile: Profile, current: str) -> dict[str, object]:
    """The step list, and what is missing with a link to where it is asked for."""
    missing = profile.missing()
    steps = [
        {
            "key": key,
            "title": title,
            "url": _step_url(key),
            "current": key == current,
            "missing": sum(1 for item in missing if item.step == key),
        }
        for key, title in PROFILE_STEPS
    ]
    to_do = [
        {
            "label": item.label,
            "url": _step_url(item.step)
            + ("" if item.field in ("style", "availability") else f"#id_{item.field}"),
        }
        for item in missing
    ]
    return {
        "steps": steps,
        "step": current,
        "step_title": STEP_TITLES[current],
        "missing": to_do,
        "completeness": profile.completeness(),
    }


@login_required
def profile_edit(request: AuthedRequest) -> HttpResponse:
    """The profile in steps: basics, career path and experience, style (availability is
    its own page). A POST without a step (a script) may send every field at once."""
    profile = profile_for(request.user)
    if request.method == "POST":
        step = request.POST.get("step")
        step = step if step in ProfileForm.STEP_FIELDS else None
    else:
        step = request.GET.get("step", "basics")
        step = step if step in ProfileForm.STEP_FIELDS else "basics"
    form = ProfileForm(request.POST or None, instance=profile, step=step)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                profile_update(
                    profile=Profile.objects.get(pk=profile.pk),
                    by=request.user,
                    data=form.profile_data(),
                    **form.list_values(),
                )
                codes = form.occupation_codes() if "occupations_present" in form.fields else None
                if codes is not None:
                    career_roles_save(user=request.user, by=request.user, **codes)
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            if step is None:
                messages.success(request, "Your profile is saved.")
                return redirect("people:profile_edit")
            following = _next_step(step)
            messages.success(
                request,
                f"{STEP_TITLES[step]} saved. Next: {STEP_TITLES[following].lower()}.",
            )
            return redirect(_step_url(following))
    profile = profile_for(request.user)
    context = {
        "form": form,
        "profile": profile,
        "photo_form": PhotoForm(),
        **_steps_context(profile, step or "basics"),
    }
    return render(request, "people/profile_edit.html", context)


@login_required
@require_POST
def photo_upload(request: AuthedRequest) -> HttpResponse:
    """Upload (or, with "remove", take away) the signed-in person's photo."""
    profile = profile_for(request.user)
    if request.POST.get("remove"):
        profile_photo_remove(profile=profile, by=request.user)
        messages.success(request, "Your photo is removed. Others now see your initials.")
        return redirect(_step_url("basics"))
    form = PhotoForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            upload = form.cleaned_data["photo"].read()
            profile_photo_set(profile=profile, by=request.user, data=upload)
        except DomainError as exc:
            form.add_error("photo", exc.message)
        else:
            messages.success(request, "Your photo is saved. Others see it on your profile.")
            return redirect(_step_url("basics"))
    context = {
        "form": ProfileForm(instance=profile, step="basics"),
        "profile": profile,
        "photo_form": form,
        **_steps_context(profile, "basics"),
    }
    return render(request, "people/profile_edit.html", context, status=400)


@login_required
def photo(request: AuthedRequest, user_id: int) -> HttpResponse:
    """A person's photo, to those who may see their profile (404 to others, as the profile)."""
    profile = get_object_or_404(Profile.objects.select_related("user"), user_id=user_id)
    if not can_view_profile(request.user, profile):
        raise Http404("No such photo.")
    stored = ProfilePhoto.objects.filter(profile=profile).only("image").first()
    if stored is None:
        raise Http404("No photo.")
    response = HttpResponse(bytes(stored.image), content_type="image/jpeg")
    # The URL carries the photo's version (?v=…): a changed photo is a new URL.
    response["Cache-Control"] = "private, max-age=86400"
    return response


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
        {
            "formset": formset,
            "profile": profile,
            "error": error,
            **_steps_context(profile, "availability"),
        },
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
