"""Organization settings for admins: who is program staff, and the organization's look."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_POST, require_safe

from mentora.accounts.branding import LOGO_MAX_BYTES, branding_look, branding_update
from mentora.accounts.models import Branding, User
from mentora.accounts.permissions import is_org_admin
from mentora.accounts.services import user_set_program_staff
from mentora.lib.errors import DomainError
from mentora.lib.http import AuthedRequest


class StaffAddForm(forms.Form):
    email = forms.EmailField(label="Email of the person to add")

    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]


class BrandingForm(forms.Form):
    name = forms.CharField(
        label="Organization name",
        max_length=120,
        required=False,
        help_text="Shown in the header of every page and in the signature of emails.",
    )
    accent_colour = forms.CharField(
        label="Accent colour",
        max_length=7,
        required=False,
        help_text="Buttons and links. Write it as # and six digits, e.g. #1d4ed8; it must be "
        "dark enough for white text on it. Leave empty for Mentora's blue.",
        widget=forms.TextInput(attrs={"placeholder": "#1f4fb8", "size": 9}),
    )
    logo = forms.FileField(
        label="Logo",
        required=False,
        help_text=f"A PNG, JPEG or WebP image under {LOGO_MAX_BYTES // 1024} KB, about 32 "
        "pixels high in the header.",
    )
    remove_logo = forms.BooleanField(label="Remove the current logo", required=False)

    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]


def _admin(request: AuthedRequest) -> None:
    if not is_org_admin(request.user):
        raise PermissionDenied("Only organization admins can change organization settings.")


@login_required
def program_staff(request: AuthedRequest) -> HttpResponse:
    """Who may create programs; an admin adds people by email and removes them."""
    _admin(request)
    form = StaffAddForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"].strip().lower()
        person = User.objects.filter(email__iexact=email).first()
        if person is None:
            form.add_error("email", f"No one in Mentora has the email {email}.")
        else:
            try:
                user_set_program_staff(user=person, is_program_staff=True, by=request.user)
            except DomainError as exc:
                form.add_error("email", exc.message)
            else:
                messages.success(
                    request,
                    f"{person.full_name} is program staff: they can now create programs "
                    "and manage the ones they create.",
                )
                return redirect("accounts:program_staff")
    return render(
        request,
        "accounts/program_staff.html",
        {
            "form": form,
            "staff": User.objects.filter(is_program_staff=True).order_by("full_name", "pk"),
        },
    )


@login_required
@require_POST
def program_staff_remove(request: AuthedRequest, user_id: int) -> HttpResponse:
    _admin(request)
    person = get_object_or_404(User, pk=user_id)
    user_set_program_staff(user=person, is_program_staff=False, by=request.user)
    messages.success(
        request,
        f"{person.full_name} is no longer program staff. They still manage the programs "
        "they manage now; remove them there if needed.",
    )
    return redirect("accounts:program_staff")


@login_required
def branding(request: AuthedRequest) -> HttpResponse:
    """The organization's name, logo and accent colour (organization admins)."""
    _admin(request)
    row = Branding.objects.defer("logo").order_by("pk").first()
    initial = {"name": row.name, "accent_colour": row.accent_colour} if row else {}
    form = BrandingForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data.get("logo")
        try:
            branding_update(
                by=request.user,
                name=form.cleaned_data["name"],
                accent_colour=form.cleaned_data["accent_colour"],
                logo=upload.read(LOGO_MAX_BYTES + 1) if upload else None,
                remove_logo=form.cleaned_data["remove_logo"],
            )
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(
                request, "Branding saved: every page and new email now carries it."
            )
            return redirect("accounts:branding")
    return render(request, "accounts/branding.html", {"form": form, "look": branding_look()})


@require_safe
@cache_control(public=True, max_age=86400)
def branding_logo(request: AuthedRequest) -> HttpResponse:
    """The logo image (public: the sign-in page shows it too)."""
    row = Branding.objects.order_by("pk").first()
    if row is None or not row.logo_type:
        raise Http404("No logo.")
    response = HttpResponse(bytes(row.logo), content_type=row.logo_type)
    response["X-Content-Type-Options"] = "nosniff"
    return response
