"""Account pages: API tokens, my data (download, erase); sign-in pages are Django's own."""

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from mentora.accounts.forms import EraseForm, TokenForm
from mentora.accounts.gdpr import export_json, gdpr_erase, gdpr_export
from mentora.accounts.models import ApiToken
from mentora.accounts.services import api_token_create, api_token_revoke
from mentora.lib.errors import DomainError
from mentora.lib.http import AuthedRequest


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


@login_required
@require_POST
def my_data_download(request: AuthedRequest) -> HttpResponse:
    text = export_json(gdpr_export(user=request.user, by=request.user))
    response = HttpResponse(text, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="mentora-my-data.json"'
    response["Cache-Control"] = "no-store"
    return response


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
