"""Account pages: API tokens, my data (download, erase); sign-in pages are Django's own."""

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.module_loading import import_string
from django.views.decorators.http import require_POST

from mentora.accounts.forms import EraseForm, TokenForm
from mentora.accounts.gdpr import (
    EXPORT_LINK_ACTION,
    export_json,
    gdpr_erase,
    gdpr_export,
    gdpr_export_send,
)
from mentora.accounts.models import ApiToken, User
from mentora.accounts.permissions import is_org_admin
from mentora.accounts.services import api_token_create, api_token_revoke
from mentora.lib.errors import DomainError
from mentora.lib.http import AuthedRequest
from mentora.lib.signing import BadLink, read_link_token


class SignOutView(auth_views.LogoutView):
    """Django's sign-out, then the identity provider's when the person came through SSO.

    The provider's URL comes from the OIDC_OP_LOGOUT_URL_METHOD setting (a dotted path, the
    mozilla-django-oidc convention), so accounts does not import the integrations app.
    """

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        provider_url = None
        method = getattr(settings, "OIDC_OP_LOGOUT_URL_METHOD", "")
        if method and request.user.is_authenticated:
            provider_url = import_string(method)(request)  # before the session is flushed
        response = super().post(request, *args, **kwargs)
        return HttpResponseRedirect(provider_url) if provider_url else response


@login_required
def tokens(request: AuthedRequest) -> HttpResponse:
    new_key = None
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            _, new_key = api_token_create(
                user=request.user,
                name=form.cleaned_data["name"],
                scope=form.cleaned_data["scope"],
            )
            form = TokenForm()
        except DomainError as exc:
            form.add_error("name", exc.message)
    return render(
        request,
        "accounts/tokens.html",
        {
            "form": form,
            "new_key": new_key,
            "tokens": ApiToken.objects.filter(user=request.user),
        },
    )


@login_required
def my_data(request: AuthedRequest) -> HttpResponse:
    return render(request, "accounts/my_data.html", {"form": EraseForm(user=request.user)})


def _export_response(user: User) -> HttpResponse:
    text = export_json(gdpr_export(user=user, by=user))
    response = HttpResponse(text, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="mentora-my-data.json"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def my_data_download(request: AuthedRequest) -> HttpResponse:
    return _export_response(request.user)


@login_required
def my_data_link(request: AuthedRequest, token: str) -> HttpResponse:
    """The emailed link to a person's own export: it works only signed in as that person."""
    try:
        claim = read_link_token(token)
    except BadLink as exc:
        return render(request, "accounts/data_link.html", {"problem": exc.reason}, status=400)
    if claim.action != EXPORT_LINK_ACTION or claim.object_id != claim.user_id:
        return render(
            request, "accounts/data_link.html", {"problem": "This link is not valid."}, status=400
        )
    if claim.user_id != request.user.pk:
        return render(
            request,
            "accounts/data_link.html",
            {"problem": "This link was sent to someone else. Sign out and sign in as the "
             "person it was sent to."},
            status=403,
        )
    if request.method == "POST":
        return _export_response(request.user)
    return render(request, "accounts/data_link.html", {"token": token})


@login_required
def person_data_send(request: AuthedRequest, user_id: int) -> HttpResponse:
    """An organization admin answers a subject-access request: the person gets a link."""
    if not is_org_admin(request.user):
        raise PermissionDenied("Only organization admins can send someone their data.")
    person = User.objects.filter(pk=user_id).first()
    if person is None:
        raise Http404("No such person.")
    problem = ""
    if request.method == "POST":
        try:
            gdpr_export_send(user=person, by=request.user)
        except DomainError as exc:
            problem = exc.message
        else:
            messages.success(
                request,
                f"We emailed {person.full_name or person.email} a link to download their data. "
                "It works for them only, signed in, for 7 days; you will not see the file.",
            )
            return redirect("people:admin_people")
    return render(
        request,
        "accounts/person_data_send.html",
        {"person": person, "problem": problem},
        status=409 if problem else 200,
    )


@login_required
@require_POST
def my_data_erase(request: AuthedRequest) -> HttpResponse:
    form = EraseForm(request.POST, user=request.user)
    if form.is_valid():
        try:
            gdpr_erase(user=request.user, by=request.user)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            logout(request)
            return redirect("accounts:erased")
    return render(request, "accounts/my_data.html", {"form": form}, status=422)


def erased(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/erased.html")


@login_required
@require_POST
def token_revoke(request: AuthedRequest, token_id: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, pk=token_id, user=request.user)
    api_token_revoke(token=token, by=request.user)
    messages.success(request, f"Token “{token.name}” revoked.")
    return redirect("accounts:tokens")
